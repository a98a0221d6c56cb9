using Support.Time;

namespace Support.Automation.Schedules;

/// <summary>Open hours on a day: "monday", "09:00", "17:00"; an end at or before the start runs past midnight, "24:00" ends the day.</summary>
public record WeeklyHoursDto(string? Day, string? Start, string? End);

public record HolidayDto(string? Date, string? Name);

/// <summary>
/// The body of POST /api/automation/schedules: a name, an IANA time zone ("Asia/Shanghai"), the weekly hours, holidays,
/// the groups it times, and whether it is the default (for tickets of every other group).
/// </summary>
public record CreateScheduleRequest(string? Name, string? TimeZone, bool? IsDefault, List<WeeklyHoursDto?>? Hours, List<HolidayDto?>? Holidays, List<int>? GroupIds);

/// <summary>The body of PATCH /api/automation/schedules/{id}: send only the fields to change (a list replaces the whole list).</summary>
public record UpdateScheduleRequest(string? Name, string? TimeZone, bool? IsDefault, List<WeeklyHoursDto?>? Hours, List<HolidayDto?>? Holidays, List<int>? GroupIds);

public record ScheduleResponse(
    int Id, string Name, string TimeZone, bool IsDefault, IReadOnlyList<WeeklyHoursDto> Hours, IReadOnlyList<HolidayDto> Holidays,
    IReadOnlyList<int> GroupIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ScheduleResponse From(BusinessSchedule s) =>
        new(s.Id, s.Name, s.TimeZone, s.IsDefault,
            s.Hours.Select(h => new WeeklyHoursDto(ScheduleText.Day(h.Day), ScheduleText.Time(h.Start), ScheduleText.Time(h.End))).ToList(),
            s.Holidays.Select(h => new HolidayDto(ScheduleText.Date(h.Date), h.Name)).ToList(), s.GroupIds, s.CreatedAt, s.UpdatedAt);
}
