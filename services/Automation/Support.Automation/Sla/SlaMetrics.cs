namespace Support.Automation.Sla;

/// <summary>
/// The metrics, as Zendesk defines them. First reply: from creation to the first public staff comment. Next reply: from a
/// customer's public comment to the next public staff comment. Periodic update: from a public staff comment to the next.
/// Requester wait: time in new or open until solved (pending and on-hold pause it). Resolution: from creation until solved.
/// </summary>
public static class SlaMetrics
{
    public const string FirstReply = "first_reply_time", NextReply = "next_reply_time", PeriodicUpdate = "periodic_update",
        RequesterWait = "requester_wait_time", Resolution = "resolution_time";

    public static readonly IReadOnlyList<string> All = [FirstReply, NextReply, PeriodicUpdate, RequesterWait, Resolution];
}
