using Support.Contracts.Automation;
using Support.Time;

namespace Support.Analytics.Schedules;

/// <summary>A schedule's copy from its events: the latest one wins (a deletion leaves none).</summary>
public static class ScheduleProjection
{
    /// <summary>
    /// Events in the order they happened. A schedule this service cannot read (a time zone unknown here, hours that do
    /// not parse) is not copied, and says why: its tickets are timed as if it did not exist, rather than by half of it.
    /// </summary>
    public static (BusinessSchedule? Schedule, string? Unreadable) Build(IReadOnlyList<object> events)
    {
        if (events.LastOrDefault(e => e is BusinessScheduleChanged or BusinessScheduleDeleted) is not BusinessScheduleChanged changed)
            return (null, null);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(changed.TimeZone, out _))
            return (null, $"the time zone '{changed.TimeZone}' is unknown here");
        var hours = changed.Hours.Select(h => ScheduleText.ParseHours(h.Day, h.Start, h.End)).ToList();
        if (hours.IndexOf(null) is var badHours and >= 0)
            return (null, $"its hours[{badHours}] do not read as a day and two times");
        var holidays = changed.Holidays.Select(h => ScheduleText.ParseDate(h.Date) is { } date ? new Holiday(date, h.Name) : null).ToList();
        if (holidays.IndexOf(null) is var badHoliday and >= 0)
            return (null, $"its holidays[{badHoliday}] has no date \"yyyy-MM-dd\"");
        return (new BusinessSchedule
        {
            ScheduleId = changed.ScheduleId, Name = changed.Name, TimeZone = changed.TimeZone, IsDefault = changed.IsDefault,
            Hours = hours.Select(h => h!).ToList(), Holidays = holidays.Select(h => h!).ToList(), GroupIds = changed.GroupIds.Distinct().Order().ToList(),
            ChangedAt = changed.ChangedAt,
        }, null);
    }
}
