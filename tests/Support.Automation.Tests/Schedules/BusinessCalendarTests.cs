using Support.Time;
using Support.Automation.Schedules;

namespace Support.Automation.Tests.Schedules;

/// <summary>Business-time arithmetic at day, week, holiday and DST boundaries, with exact expected instants.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeSpan EndOfDay = TimeSpan.FromDays(1);

    private static BusinessCalendar WeekdaysNineToFive(string zone = "UTC", params Holiday[] holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone),
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => new WeeklyHours(d, new TimeOnly(9, 0), TimeSpan.FromHours(17)))], holidays);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Adding_within_a_day_stays_in_the_day()
    {
        // Monday 7 December 2026, 10:00 + 2 h = 12:00.
        Assert.Equal(Utc(12, 7, 12), WeekdaysNineToFive().Add(Utc(12, 7, 10), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Time_left_at_closing_carries_to_the_next_morning_and_over_the_weekend()
    {
        var calendar = WeekdaysNineToFive();
        Assert.Equal(Utc(12, 8, 10), calendar.Add(Utc(12, 7, 16), TimeSpan.FromHours(2)));
        // Friday 11 December 16:00 + 2 h: one hour on Friday, one on Monday 14 December.
        Assert.Equal(Utc(12, 14, 10), calendar.Add(Utc(12, 11, 16), TimeSpan.FromHours(2)));
        // Starting on Saturday: the clock starts on Monday at 09:00.
        Assert.Equal(Utc(12, 14, 9, 30), calendar.Add(Utc(12, 12, 11), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Ending_exactly_at_closing_is_at_closing_not_the_next_morning()
    {
        Assert.Equal(Utc(12, 7, 17), WeekdaysNineToFive().Add(Utc(12, 7, 9), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Holidays_have_no_business_hours()
    {
        var calendar = WeekdaysNineToFive("UTC", new Holiday(new DateOnly(2026, 12, 25), "Christmas"));
        // Thursday 24 December 16:00 + 2 h: one hour on Thursday, none on Friday 25th, one on Monday 28th.
        Assert.Equal(Utc(12, 28, 10), calendar.Add(Utc(12, 24, 16), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), calendar.Between(Utc(12, 24, 16), Utc(12, 28, 10)));
    }

    [Fact]
    public void A_time_zone_shifts_the_hours()
    {
        // 09:00–17:00 in Shanghai (UTC+8) is 01:00–09:00 UTC.
        var calendar = WeekdaysNineToFive("Asia/Shanghai");
        Assert.Equal(Utc(12, 7, 2), calendar.Add(Utc(12, 6, 20), TimeSpan.FromHours(1))); // Sunday evening UTC is Monday 04:00 in Shanghai
        Assert.True(calendar.IsOpen(Utc(12, 7, 8, 59)));
        Assert.False(calendar.IsOpen(Utc(12, 7, 9)));
    }

    [Fact]
    public void Spring_forward_shortens_a_night_shift_by_the_skipped_hour()
    {
        // Berlin: 29 March 2026, clocks go from 02:00 to 03:00. A Saturday-night shift 22:00–06:00 local lasts 7 hours.
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            [new WeeklyHours(DayOfWeek.Saturday, new TimeOnly(22, 0), TimeSpan.FromHours(6))], []);
        var start = new DateTimeOffset(2026, 3, 28, 21, 0, 0, TimeSpan.Zero); // 22:00 CET
        var end = new DateTimeOffset(2026, 3, 29, 4, 0, 0, TimeSpan.Zero); // 06:00 CEST
        Assert.Equal(TimeSpan.FromHours(7), calendar.Between(start, end));
        Assert.Equal(end, calendar.Add(start, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void Fall_back_lengthens_a_night_shift_by_the_repeated_hour()
    {
        // Berlin: 25 October 2026, clocks go from 03:00 back to 02:00. A Saturday-night shift 22:00–06:00 local lasts 9 hours.
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            [new WeeklyHours(DayOfWeek.Saturday, new TimeOnly(22, 0), TimeSpan.FromHours(6))], []);
        var start = new DateTimeOffset(2026, 10, 24, 20, 0, 0, TimeSpan.Zero); // 22:00 CEST
        var end = new DateTimeOffset(2026, 10, 25, 5, 0, 0, TimeSpan.Zero); // 06:00 CET
        Assert.Equal(TimeSpan.FromHours(9), calendar.Between(start, end));
        Assert.Equal(end, calendar.Add(start, TimeSpan.FromHours(9)));
    }

    [Fact]
    public void A_shift_across_midnight_stops_at_a_holidays_midnight()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc,
            [new WeeklyHours(DayOfWeek.Thursday, new TimeOnly(20, 0), TimeSpan.FromHours(4))], [new Holiday(new DateOnly(2026, 12, 25), "Christmas")]);
        // Thursday 24 December 20:00–24:00 counts; Friday 25th 00:00–04:00 does not.
        Assert.Equal(TimeSpan.FromHours(4), calendar.Between(Utc(12, 24, 0), Utc(12, 26, 0)));
    }

    [Fact]
    public void A_schedule_with_hours_only_on_holidays_has_no_due_time()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, [new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), EndOfDay)],
            [.. Enumerable.Range(0, BusinessCalendar.MaxDays + 7).Select(d => new Holiday(new DateOnly(2026, 12, 1).AddDays(d), "closed"))]);
        Assert.Throws<InvalidOperationException>(() => calendar.Add(Utc(12, 1, 0), TimeSpan.FromMinutes(1)));
    }

    /// <summary>Adding then measuring gives back the minutes added, from any start, in zones with and without DST.</summary>
    [Theory]
    [InlineData("UTC", 1)]
    [InlineData("Europe/Berlin", 2)]
    [InlineData("America/New_York", 3)]
    [InlineData("Asia/Shanghai", 4)]
    public void Adding_then_measuring_returns_the_same_minutes(string zone, int seed)
    {
        var random = new Random(seed);
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById(zone),
            [
                new WeeklyHours(DayOfWeek.Monday, new TimeOnly(8, 30), TimeSpan.FromHours(12)),
                new WeeklyHours(DayOfWeek.Monday, new TimeOnly(13, 0), TimeSpan.FromHours(18)),
                new WeeklyHours(DayOfWeek.Wednesday, new TimeOnly(22, 0), TimeSpan.FromHours(2.5)),
                new WeeklyHours(DayOfWeek.Saturday, new TimeOnly(0, 0), EndOfDay),
                new WeeklyHours(DayOfWeek.Sunday, new TimeOnly(1, 30), TimeSpan.FromHours(3.5)),
            ],
            [new Holiday(new DateOnly(2026, 3, 30), "a"), new Holiday(new DateOnly(2026, 11, 1), "b"), new Holiday(new DateOnly(2026, 12, 26), "c")]);
        for (var i = 0; i < 500; i++)
        {
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 365 * 24 * 60));
            var minutes = TimeSpan.FromMinutes(random.Next(1, 60 * 24 * 10));
            var end = calendar.Add(start, minutes);
            Assert.True(end > start);
            Assert.Equal(minutes, calendar.Between(start, end));
            // Nothing earlier would do: a minute less of the span ends no later.
            Assert.True(calendar.Add(start, minutes - TimeSpan.FromMinutes(1)) <= end);
        }
    }
}
