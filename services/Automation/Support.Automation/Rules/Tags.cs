namespace Support.Automation.Rules;

/// <summary>Tags as the Ticket service keeps them: lowercase words of letters, digits and _ - : . / (at most 50 characters).</summary>
public static class Tags
{
    public const int MaxLength = 50;

    public static bool IsValid(string tag) =>
        tag.Length is > 0 and <= MaxLength && tag.All(c => (char.IsLetterOrDigit(c) && !char.IsUpper(c)) || c is '_' or '-' or ':' or '.' or '/');

    /// <summary>A list written as text: tags separated by spaces or commas (an action's value, a TicketUpdated's "tags").</summary>
    public static List<string> Split(string? text) =>
        (text ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).Distinct().ToList();
}
