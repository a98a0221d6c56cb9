using Support.Automation.Rules;
using Support.Hosting.Http;

namespace Support.Automation.Macros;

/// <summary>The fields a PATCH of a macro may change, read from its body.</summary>
public sealed record MacroChange(Optional<string> Title, Optional<string?> Description, Optional<List<RuleAction?>> Actions, Optional<bool> Active)
{
    public static MacroChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new MacroChange(patch.Field<string>("title"), patch.Field<string?>("description", nullable: true),
            patch.Field<List<RuleAction?>>("actions"), patch.Field<bool>("active"));
        if (change.Title.IsSet)
            errors.Required("title", change.Title.Value, Macro.TitleMaxLength);
        errors.MaxLength("description", change.Description.Value, Macro.DescriptionMaxLength);
        if (change.Actions.IsSet)
            RuleValidation.Check(RuleKind.Macro, null, change.Actions.Value, errors);
        return change;
    }

    public bool ApplyTo(Macro macro)
    {
        var before = (macro.Title, macro.Description, Actions: string.Join('\n', macro.Actions), macro.Active);
        if (Title.IsSet) macro.Title = Title.Value!.Trim();
        if (Description.IsSet) macro.Description = string.IsNullOrWhiteSpace(Description.Value) ? null : Description.Value.Trim();
        if (Actions.IsSet) macro.Actions = Actions.Value!.OfType<RuleAction>().ToList();
        if (Active.IsSet) macro.Active = Active.Value;
        return before != (macro.Title, macro.Description, string.Join('\n', macro.Actions), macro.Active);
    }
}
