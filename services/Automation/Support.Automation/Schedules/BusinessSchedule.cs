using Support.Time;
using Support.Contracts.Automation;
using Support.Hosting.Data;

namespace Support.Automation.Schedules;

/// <summary>
/// When the team works: weekly hours in a time zone (IANA id), less holidays. The default schedule applies to every
/// ticket whose group has no schedule of its own.
/// </summary>
public class BusinessSchedule : IVersioned, IBusinessSchedule
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public bool IsDefault { get; set; }
    public List<WeeklyHours> Hours { get; set; } = [];
    public List<Holiday> Holidays { get; set; } = [];
    /// <summary>The groups whose tickets this schedule times (a group is in at most one schedule).</summary>
    public List<int> GroupIds { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    IReadOnlyList<int> IBusinessSchedule.Groups => GroupIds;

    public BusinessCalendar Calendar() => new(TimeZoneInfo.FindSystemTimeZoneById(TimeZone), Hours, Holidays);

    public BusinessScheduleChanged Changed(DateTimeOffset at) =>
        new(Id, Name, TimeZone, IsDefault,
            Hours.Select(h => new ScheduleHours(ScheduleText.Day(h.Day), ScheduleText.Time(h.Start), ScheduleText.Time(h.End))).ToList(),
            Holidays.Select(h => new ScheduleHoliday(ScheduleText.Date(h.Date), h.Name)).ToList(), GroupIds.ToList(), at);

    public static string Aggregate(int id) => $"schedule/{id}";
}
