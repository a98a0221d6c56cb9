using System.Globalization;

namespace Support.Time;

/// <summary>
/// A schedule's parts as text, the form the API and the events carry: days "monday" … "sunday", times "HH:mm" (an end
/// may be "24:00"), dates "yyyy-MM-dd".
/// </summary>
public static class ScheduleText
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string EndOfDay = "24:00";

    public static string Day(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Time(TimeSpan time) => time == TimeSpan.FromDays(1) ? EndOfDay : $"{(int)time.TotalHours:00}:{time.Minutes:00}";

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DayOfWeek? ParseDay(string? text) =>
        Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && !int.TryParse(text, out _) ? day : null;

    public static TimeSpan? ParseTime(string? text, bool allowEndOfDay)
    {
        if (allowEndOfDay && text == EndOfDay)
            return TimeSpan.FromDays(1);
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.ToTimeSpan() : null;
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Open hours from their text, or null when a part does not read or the hours open and close at once.</summary>
    public static WeeklyHours? ParseHours(string? day, string? start, string? end) =>
        ParseDay(day) is { } d && ParseTime(start, allowEndOfDay: false) is { } from && ParseTime(end, allowEndOfDay: true) is { } to && !OpensAndClosesAtOnce(from, to)
            ? new WeeklyHours(d, TimeOnly.FromTimeSpan(from), to)
            : null;

    /// <summary>"09:00"–"09:00" is no hours at all; "00:00"–"00:00" is the whole day (running past midnight into the next).</summary>
    public static bool OpensAndClosesAtOnce(TimeSpan start, TimeSpan end) => start == end && end != TimeSpan.Zero;
}
