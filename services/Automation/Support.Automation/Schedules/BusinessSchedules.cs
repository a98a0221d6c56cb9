using Support.Time;
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
    public static async Task<Func<int?, BusinessCalendar>> CalendarsAsync(AutomationDbContext db, CancellationToken ct) =>
        BusinessCalendar.ByGroup(await db.Schedules.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct));
}
