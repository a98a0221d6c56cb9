using Support.Time;
using Support.Automation.Schedules;

namespace Support.Automation.Sla;

/// <summary>A target's clock in its kind of time (business hours by the ticket's schedule, or calendar time): run, pause, resume, due.</summary>
public sealed class SlaTargetClock(BusinessCalendar calendar, TimeSpan warningLead)
{
    public TimeSpan Span(bool businessHours, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? TimeSpan.Zero : businessHours ? calendar.Between(from, to) : to - from;

    /// <summary>The due time (and warning time) of an active target, from when it runs again and what it had used.</summary>
    public void Schedule(SlaTargetRecord t)
    {
        if (t.Status != SlaTargetStatus.Active || t.RunningSince is not { } since)
            return;
        var left = TimeSpan.FromMinutes(t.Minutes) - t.Elapsed;
        if (left < TimeSpan.Zero)
            left = TimeSpan.Zero;
        t.DueAt = t.BusinessHours ? calendar.Add(since, left) : since + left;
        t.WarnAt = t.WarnedAt is null ? t.DueAt - warningLead : null;
    }

    /// <summary>Stops the clock, keeping the time used; a target whose due time passed is breached first (<paramref name="breach"/>).</summary>
    public void Pause(SlaTargetRecord t, DateTimeOffset at, Action<SlaTargetRecord> breach)
    {
        if (t.RunningSince is not { } since)
            return;
        if (t.Status == SlaTargetStatus.Active && t.DueAt <= at)
            breach(t);
        t.Elapsed += Span(t.BusinessHours, since, at);
        t.RunningSince = null;
        if (t.Status == SlaTargetStatus.Active)
            (t.Status, t.DueAt, t.WarnAt) = (SlaTargetStatus.Paused, null, null);
        t.Version++;
    }

    public void Resume(SlaTargetRecord t, DateTimeOffset at)
    {
        if (t.RunningSince is not null)
            return;
        t.RunningSince = at;
        if (t.Status == SlaTargetStatus.Paused)
            t.Status = SlaTargetStatus.Active;
        Schedule(t);
        t.Version++;
    }
}
