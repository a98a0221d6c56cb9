using Support.Hosting.Http;

namespace Support.Automation.Sla;

/// <summary>The fields a PATCH of an SLA policy may change, read from its body and checked.</summary>
public sealed record SlaPolicyChange(Optional<string> Name, Optional<string> Description, Optional<int?> Position, SlaConditions? Conditions, List<SlaPolicyTarget>? Targets)
{
    public static SlaPolicyChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var name = patch.Field<string>("name");
        if (name.IsSet)
            errors.Required("name", name.Value, SlaPolicy.NameMaxLength);
        var description = patch.Field<string>("description", nullable: true);
        errors.MaxLength("description", description.Value, 1000);
        var position = patch.Field<int?>("position");
        if (position.IsSet && position.Value < 0)
            errors.Add("position", "'position' must be 0 or more.");
        var conditions = patch.Field<SlaConditionsDto>("conditions", nullable: true);
        var targets = patch.Field<List<SlaPolicyTargetDto?>>("targets");
        return new SlaPolicyChange(name, description, position,
            conditions.IsSet ? SlaPolicyFields.Conditions(conditions.Value, errors) : null,
            targets.IsSet ? SlaPolicyFields.Targets(targets.Value, errors) : null);
    }

    public bool ApplyTo(SlaPolicy p)
    {
        var before = System.Text.Json.JsonSerializer.Serialize(SlaPolicyResponse.From(p));
        if (Name.IsSet) p.Name = Name.Value!.Trim();
        if (Description.IsSet) p.Description = string.IsNullOrWhiteSpace(Description.Value) ? null : Description.Value.Trim();
        if (Position.IsSet) p.Position = Position.Value!.Value;
        if (Conditions is not null) p.Conditions = Conditions;
        if (Targets is not null) p.Targets = Targets;
        return before != System.Text.Json.JsonSerializer.Serialize(SlaPolicyResponse.From(p));
    }
}
