namespace Support.Time;

/// <summary>
/// Exact business-time arithmetic over a schedule: the business time between two instants, and the instant a span of
/// business time ends. Local times the clock skips (spring forward) start at the first minute that exists; a local time
/// that happens twice (fall back) is its first occurrence.
/// </summary>
public sealed class BusinessCalendar(TimeZoneInfo zone, IReadOnlyList<WeeklyHours> hours, IReadOnlyList<Holiday> holidays)
{
    /// <summary>How far ahead a due time is looked for: a schedule whose holidays cover longer has no business time.</summary>
    public const int MaxDays = 5 * 366;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly HashSet<DateOnly> closed = holidays.Select(h => h.Date).ToHashSet();

    /// <summary>Every hour, every day: what business time means where no schedule applies.</summary>
    public static readonly BusinessCalendar AlwaysOpen = new(TimeZoneInfo.Utc,
        Enum.GetValues<DayOfWeek>().Select(d => new WeeklyHours(d, TimeOnly.MinValue, Day)).ToList(), []);

    /// <summary>
    /// Each group's calendar: the schedule that lists the group, else the default schedule, else <see cref="AlwaysOpen"/>
    /// (business time is calendar time where no schedule applies). Should two schedules claim a group, or both be the
    /// default (a copy between two events that move it), the first one given wins.
    /// </summary>
    public static Func<int?, BusinessCalendar> ByGroup(IEnumerable<IBusinessSchedule> schedules)
    {
        var fallback = AlwaysOpen;
        var byGroup = new Dictionary<int, BusinessCalendar>();
        foreach (var schedule in schedules.Where(s => s.IsDefault || s.Groups.Count > 0).Reverse())
        {
            var calendar = schedule.Calendar();
            if (schedule.IsDefault)
                fallback = calendar;
            foreach (var group in schedule.Groups)
                byGroup[group] = calendar;
        }
        return group => group is { } id && byGroup.TryGetValue(id, out var calendar) ? calendar : fallback;
    }

    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
            return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        for (var date = LocalDate(from).AddDays(-1); date <= LocalDate(to); date = date.AddDays(1))
            foreach (var (start, end) in OpenOn(date))
            {
                var overlap = Min(end, to) - Max(start, from);
                if (overlap > TimeSpan.Zero)
                    total += overlap;
            }
        return total;
    }

    /// <summary>The instant <paramref name="amount"/> of business time after <paramref name="from"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan amount)
    {
        if (amount <= TimeSpan.Zero)
            return from;
        var remaining = amount;
        var first = LocalDate(from).AddDays(-1);
        for (var date = first; date.DayNumber - first.DayNumber <= MaxDays; date = date.AddDays(1))
            foreach (var (start, end) in OpenOn(date))
            {
                if (end <= from)
                    continue;
                var begin = Max(start, from);
                if (end - begin >= remaining)
                    return begin + remaining;
                remaining -= end - begin;
            }
        throw new InvalidOperationException($"The schedule has no business time within {MaxDays} days.");
    }

    /// <summary>Whether the instant is within business hours.</summary>
    public bool IsOpen(DateTimeOffset at) => OpenOn(LocalDate(at)).Any(open => open.Start <= at && at < open.End);

    /// <summary>The date's business hours as instants, in order: its own hours and the end of yesterday's that run past midnight.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> OpenOn(DateOnly date)
    {
        if (closed.Contains(date))
            yield break;
        var yesterday = date.AddDays(-1).DayOfWeek;
        var pieces = hours.Where(h => h.Day == date.DayOfWeek).Select(h => (Start: h.Start.ToTimeSpan(), End: RunsPastMidnight(h) ? Day : h.End))
            .Concat(hours.Where(h => h.Day == yesterday && RunsPastMidnight(h) && h.End > TimeSpan.Zero).Select(h => (Start: TimeSpan.Zero, h.End)))
            .OrderBy(p => p.Start);
        (TimeSpan Start, TimeSpan End)? open = null;
        foreach (var piece in pieces)
        {
            if (open is { } current && piece.Start <= current.End)
            {
                open = (current.Start, piece.End > current.End ? piece.End : current.End);
                continue;
            }
            if (open is { } done)
                yield return (Instant(date, done.Start), Instant(date, done.End));
            open = piece;
        }
        if (open is { } last)
            yield return (Instant(date, last.Start), Instant(date, last.End));
    }

    private static bool RunsPastMidnight(WeeklyHours h) => h.End <= h.Start.ToTimeSpan();

    private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private DateTimeOffset Instant(DateOnly date, TimeSpan time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + time;
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc), TimeSpan.Zero);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
