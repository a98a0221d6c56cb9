using System.Text.Json.Serialization;

namespace Support.Automation.Rules;

/// <summary>
/// One action of a rule: set a ticket field to the value, add or remove tags (the value, separated by spaces), add a
/// public reply or an internal note (the value, with placeholders), or notify a recipient with a Channels template.
/// </summary>
public sealed record RuleAction(
    string? Field,
    [property: JsonConverter(typeof(RuleValueConverter))] string? Value = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Recipient = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Template = null);
