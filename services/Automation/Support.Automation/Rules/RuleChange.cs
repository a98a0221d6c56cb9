using Support.Hosting.Http;

namespace Support.Automation.Rules;

/// <summary>The fields a PATCH of a trigger or an automation may change, read from its body; the rule as changed is validated whole.</summary>
public sealed record RuleChange(Optional<string> Name, Optional<int> Position, Optional<bool> Active, Optional<RuleConditions> Conditions, Optional<List<RuleAction?>> Actions)
{
    public static RuleChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new RuleChange(patch.Field<string>("name"), patch.Field<int>("position"), patch.Field<bool>("active"),
            patch.Field<RuleConditions>("conditions"), patch.Field<List<RuleAction?>>("actions"));
        if (change.Name.IsSet)
            errors.Required("name", change.Name.Value, Rule.NameMaxLength);
        if (change.Position is { IsSet: true, Value: < 0 })
            errors.Add("position", "'position' must be 0 or more.");
        return change;
    }

    public bool ApplyTo(Rule rule, RuleKind kind, ValidationErrors errors)
    {
        var before = (rule.Name, rule.Position, rule.Active, rule.Conditions, Actions: string.Join('\n', rule.Actions));
        if (Name.IsSet) rule.Name = Name.Value!.Trim();
        if (Position.IsSet) rule.Position = Position.Value;
        if (Active.IsSet) rule.Active = Active.Value;
        if (Conditions.IsSet || Actions.IsSet)
        {
            var conditions = Conditions.IsSet ? Conditions.Value : rule.Conditions;
            IReadOnlyList<RuleAction?>? actions = Actions.IsSet ? Actions.Value : rule.Actions.AsReadOnly();
            RuleValidation.Check(kind, conditions, actions, errors);
            if (errors.Any)
                return false;
            rule.Conditions = conditions!;
            rule.Actions = actions!.OfType<RuleAction>().ToList();
        }
        return before != (rule.Name, rule.Position, rule.Active, rule.Conditions, string.Join('\n', rule.Actions));
    }
}
