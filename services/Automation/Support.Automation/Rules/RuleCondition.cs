using System.Text.Json.Serialization;

namespace Support.Automation.Rules;

/// <summary>
/// One condition of a rule: a ticket field, the change that happened, or a time since, compared by an operator with a
/// value (text; a number or null as given). See <see cref="RuleCatalog"/> for the fields and operators.
/// </summary>
public sealed record RuleCondition(string? Field, string? Operator, [property: JsonConverter(typeof(RuleValueConverter))] string? Value = null);
