using Support.Time;
using Support.Hosting.Http;

namespace Support.Automation.Schedules;

/// <summary>The fields a PATCH of a schedule may change, read from its body and checked.</summary>
public sealed record ScheduleChange(
    Optional<string> Name, string? TimeZone, Optional<bool?> IsDefault, List<WeeklyHours>? Hours, List<Holiday>? Holidays, List<int>? GroupIds)
{
    public static ScheduleChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var name = patch.Field<string>("name");
        if (name.IsSet)
            errors.Required("name", name.Value, BusinessSchedule.NameMaxLength);
        var zone = patch.Field<string>("timeZone");
        var hours = patch.Field<List<WeeklyHoursDto?>>("hours");
        var holidays = patch.Field<List<HolidayDto?>>("holidays");
        var groups = patch.Field<List<int>>("groupIds");
        return new ScheduleChange(name,
            zone.IsSet ? ScheduleFields.TimeZone(zone.Value, errors) : null,
            patch.Field<bool?>("isDefault"),
            hours.IsSet ? ScheduleFields.Hours(hours.Value, errors) : null,
            holidays.IsSet ? ScheduleFields.Holidays(holidays.Value, errors) : null,
            groups.IsSet ? ScheduleFields.GroupIds(groups.Value, errors) : null);
    }

    public bool ApplyTo(BusinessSchedule s)
    {
        var before = ScheduleResponse.From(s);
        if (Name.IsSet) s.Name = Name.Value!.Trim();
        if (TimeZone is not null) s.TimeZone = TimeZone;
        if (IsDefault.IsSet) s.IsDefault = IsDefault.Value ?? false;
        if (Hours is not null) s.Hours = Hours;
        if (Holidays is not null) s.Holidays = Holidays;
        if (GroupIds is not null) s.GroupIds = GroupIds;
        var after = ScheduleResponse.From(s);
        return before.Name != after.Name || before.TimeZone != after.TimeZone || before.IsDefault != after.IsDefault
               || !before.Hours.SequenceEqual(after.Hours) || !before.Holidays.SequenceEqual(after.Holidays) || !before.GroupIds.SequenceEqual(after.GroupIds);
    }
}
