namespace Support.Time;

/// <summary>
/// Open from <see cref="Start"/> to <see cref="End"/> local time on <see cref="Day"/>; an end at or before the start
/// runs past midnight into the next day ("22:00"–"06:00"), and "24:00" is the end of the day.
/// </summary>
public record WeeklyHours(DayOfWeek Day, TimeOnly Start, TimeSpan End);
