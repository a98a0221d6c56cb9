using Support.Time;

namespace Support.Analytics.Schedules;

/// <summary>
/// The service's copy of one of Automation's business schedules, as its latest event has it: what times each ticket's
/// business minutes (by the schedule of the ticket's group, else the default, else every hour counts).
/// </summary>
public class BusinessSchedule : IBusinessSchedule
{
    public int ScheduleId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>An IANA time zone id this server knows (a schedule in one it does not know is not copied).</summary>
    public string TimeZone { get; set; } = "UTC";

    public bool IsDefault { get; set; }
    public List<WeeklyHours> Hours { get; set; } = [];
    public List<Holiday> Holidays { get; set; } = [];
    public List<int> GroupIds { get; set; } = [];
    public DateTimeOffset ChangedAt { get; set; }

    IReadOnlyList<int> IBusinessSchedule.Groups => GroupIds;

    public BusinessCalendar Calendar() => new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), Hours, Holidays);
}
