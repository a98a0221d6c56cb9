using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;

namespace Support.Automation.Schedules;

public static class BusinessSchedules
{
    /// <summary>The calendar a group's tickets are timed by: the schedule naming the group, else the default, else every hour.</summary>
    public static async Task<BusinessCalendar> CalendarForAsync(AutomationDbContext db, int? groupId, CancellationToken ct)
    {
        var schedule = groupId is { } group ? await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.GroupIds.Contains(group), ct) : null;
        schedule ??= await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.IsDefault, ct);
        return schedule?.Calendar() ?? BusinessCalendar.AlwaysOpen;
    }

    /// <summary>Every group's calendar at once, read in one query: for a scan over many tickets.</summary>
    public static async Task<Func<int?, BusinessCalendar>> CalendarsAsync(AutomationDbContext db, CancellationToken ct)
    {
        var schedules = await db.Schedules.AsNoTracking().ToListAsync(ct);
        var fallback = schedules.FirstOrDefault(s => s.IsDefault)?.Calendar() ?? BusinessCalendar.AlwaysOpen;
        var byGroup = schedules.SelectMany(s => s.GroupIds.Select(g => (Group: g, Calendar: s.Calendar()))).ToDictionary(x => x.Group, x => x.Calendar);
        return group => group is { } id && byGroup.TryGetValue(id, out var calendar) ? calendar : fallback;
    }
}
