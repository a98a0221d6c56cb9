namespace Support.Contracts.Automation;

// Business schedule events: what a service that times tickets in business hours keeps a copy of. Days travel as
// "monday" … "sunday", times as "HH:mm" local to the schedule's IANA time zone (an end at or before the start runs past
// midnight, "24:00" ends the day), dates as "yyyy-MM-dd".

/// <summary>Open hours on a day of the week: "monday", "09:00", "17:00".</summary>
public record ScheduleHours(string Day, string Start, string End);

/// <summary>A local date without business hours: "2026-12-25", "Christmas".</summary>
public record ScheduleHoliday(string Date, string Name);

/// <summary>
/// A schedule was created or changed (its default flag included: setting a new default clears the old one's, announced
/// as a change of that one too). Carries the whole schedule: a copy replaces what it had.
/// </summary>
public record BusinessScheduleChanged(
    int ScheduleId, string Name, string TimeZone, bool IsDefault, IReadOnlyList<ScheduleHours> Hours, IReadOnlyList<ScheduleHoliday> Holidays,
    IReadOnlyList<int> GroupIds, DateTimeOffset ChangedAt);

/// <summary>A schedule was deleted: its groups follow the default schedule from now on.</summary>
public record BusinessScheduleDeleted(int ScheduleId, DateTimeOffset DeletedAt);
