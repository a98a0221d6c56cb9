using Support.Automation.Tickets;
using Support.Hosting.Http;

namespace Support.Automation.Sla;

/// <summary>A policy's conditions and targets read and checked, for its creation and its changes alike.</summary>
public static class SlaPolicyFields
{
    /// <summary>A year: longer targets are a typing mistake.</summary>
    public const int MaxMinutes = 525_600;

    public static SlaConditions Conditions(SlaConditionsDto? dto, ValidationErrors errors)
    {
        if (dto is null)
            return new SlaConditions();
        return new SlaConditions
        {
            Priorities = Values("conditions.priorities", dto.Priorities, TicketValues.Priorities, errors),
            GroupIds = Ids("conditions.groupIds", dto.GroupIds, errors),
            OrganizationIds = Ids("conditions.organizationIds", dto.OrganizationIds, errors),
            Channels = Values("conditions.channels", dto.Channels, TicketValues.Channels, errors),
            Types = Values("conditions.types", dto.Types, TicketValues.Types, errors),
            Tags = (dto.Tags ?? []).Select(t => t?.Trim().ToLowerInvariant() ?? "").Distinct().ToList() is var tags && tags.Any(t => t.Length is 0 or > 50)
                ? Invalid(errors, "conditions.tags", "'conditions.tags' must hold tags of 1 to 50 characters.", tags) : tags,
        };
    }

    public static List<SlaPolicyTarget> Targets(List<SlaPolicyTargetDto?>? dtos, ValidationErrors errors)
    {
        var targets = new List<SlaPolicyTarget>();
        if (dtos is null || dtos.Count == 0)
        {
            errors.Add("targets", "'targets' needs at least one target, such as {\"priority\": \"urgent\", \"metric\": \"first_reply_time\", \"minutes\": 60, \"businessHours\": true}.");
            return targets;
        }
        for (var i = 0; i < dtos.Count; i++)
        {
            var field = $"targets[{i}]";
            if (dtos[i] is not { } dto)
            {
                errors.Add(field, $"'{field}' must be an object with priority, metric and minutes.");
                continue;
            }
            var ok = true;
            if (!TicketValues.Priorities.Contains(dto.Priority ?? ""))
                ok = Invalid(errors, $"{field}.priority", $"'{field}.priority' must be one of {string.Join(", ", TicketValues.Priorities)}.", false);
            if (!SlaMetrics.All.Contains(dto.Metric ?? ""))
                ok = Invalid(errors, $"{field}.metric", $"'{field}.metric' must be one of {string.Join(", ", SlaMetrics.All)}.", false);
            if (dto.Minutes is not (> 0 and <= MaxMinutes))
                ok = Invalid(errors, $"{field}.minutes", $"'{field}.minutes' must be a whole number of minutes from 1 to {MaxMinutes}.", false);
            if (ok && targets.Any(t => t.Priority == dto.Priority && t.Metric == dto.Metric))
                ok = Invalid(errors, field, $"'{field}' repeats the {dto.Metric} target for {dto.Priority} tickets.", false);
            if (ok)
                targets.Add(new SlaPolicyTarget(dto.Priority!, dto.Metric!, dto.Minutes!.Value, dto.BusinessHours ?? true));
        }
        return targets;
    }

    private static List<string> Values(string field, List<string>? values, IReadOnlyList<string> allowed, ValidationErrors errors)
    {
        var result = (values ?? []).Select(v => v?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        return result.All(allowed.Contains) ? result : Invalid(errors, field, $"'{field}' may hold only {string.Join(", ", allowed)}.", result);
    }

    private static List<int> Ids(string field, List<int>? ids, ValidationErrors errors) =>
        ids?.Any(id => id <= 0) == true ? Invalid(errors, field, $"'{field}' must hold positive ids.", ids) : ids?.Distinct().ToList() ?? [];

    private static T Invalid<T>(ValidationErrors errors, string field, string message, T value)
    {
        errors.Add(field, message);
        return value;
    }
}
