using Support.Time;
using Support.Hosting.Http;

namespace Support.Automation.Schedules;

/// <summary>A schedule's fields read and checked, for its creation and its changes alike.</summary>
public static class ScheduleFields
{
    public const int MaxHours = 100, MaxHolidays = 1000;

    public static string? TimeZone(string? id, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(id))
            errors.Add("timeZone", "'timeZone' is required: an IANA time zone id such as \"Asia/Shanghai\" or \"UTC\".");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _))
            errors.Add("timeZone", $"'{id}' is not a time zone this server knows; use an IANA id such as \"Europe/Berlin\".");
        else
            return id.Trim();
        return null;
    }

    public static List<WeeklyHours> Hours(List<WeeklyHoursDto?>? hours, ValidationErrors errors)
    {
        var result = new List<WeeklyHours>();
        if (hours is null || hours.Count == 0)
        {
            errors.Add("hours", "'hours' needs at least one day's open hours, such as {\"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\"}.");
            return result;
        }
        if (hours.Count > MaxHours)
            errors.Add("hours", $"'hours' takes at most {MaxHours} entries.");
        for (var i = 0; i < hours.Count; i++)
        {
            var field = $"hours[{i}]";
            var entry = hours[i];
            if (entry is null)
            {
                errors.Add(field, $"'{field}' must be an object with day, start and end.");
                continue;
            }
            var day = ScheduleText.ParseDay(entry.Day);
            if (day is null)
                errors.Add($"{field}.day", $"'{field}.day' must be a day of the week: monday … sunday.");
            var start = Time(entry.Start, $"{field}.start", errors, allowEndOfDay: false);
            var end = Time(entry.End, $"{field}.end", errors, allowEndOfDay: true);
            if (start is { } s && end is { } e && ScheduleText.OpensAndClosesAtOnce(s, e))
                errors.Add(field, $"'{field}' opens and closes at the same time; for a whole day use \"00:00\" to \"24:00\".");
            if (day is { } d && start is { } from && end is { } to)
                result.Add(new WeeklyHours(d, TimeOnly.FromTimeSpan(from), to));
        }
        return result;
    }

    public static List<Holiday> Holidays(List<HolidayDto?>? holidays, ValidationErrors errors)
    {
        var result = new List<Holiday>();
        if (holidays is null)
            return result;
        if (holidays.Count > MaxHolidays)
            errors.Add("holidays", $"'holidays' takes at most {MaxHolidays} dates.");
        for (var i = 0; i < holidays.Count; i++)
        {
            var field = $"holidays[{i}]";
            var holiday = holidays[i];
            if (holiday is null || ScheduleText.ParseDate(holiday.Date) is not { } date)
            {
                errors.Add($"{field}.date", $"'{field}.date' must be a date such as \"2026-12-25\".");
                continue;
            }
            errors.MaxLength($"{field}.name", holiday.Name, BusinessSchedule.NameMaxLength);
            result.Add(new Holiday(date, holiday.Name?.Trim() ?? ""));
        }
        return result;
    }

    public static List<int> GroupIds(List<int>? groupIds, ValidationErrors errors)
    {
        if (groupIds?.Any(id => id <= 0) == true)
            errors.Add("groupIds", "'groupIds' must hold positive group ids.");
        return groupIds?.Distinct().Order().ToList() ?? [];
    }

    private static TimeSpan? Time(string? text, string field, ValidationErrors errors, bool allowEndOfDay)
    {
        if (ScheduleText.ParseTime(text, allowEndOfDay) is { } time)
            return time;
        errors.Add(field, $"'{field}' must be a time of day \"HH:mm\"{(allowEndOfDay ? " (or \"24:00\")" : "")}.");
        return null;
    }
}
