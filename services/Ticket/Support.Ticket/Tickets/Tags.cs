using Support.Hosting.Http;

namespace Support.Ticket.Tickets;

/// <summary>Tags are lowercase words (letters, digits, _ - : . /), at most 50 characters, at most 50 a ticket.</summary>
public static class Tags
{
    public const int MaxLength = 50;
    public const int MaxCount = 50;

    public static List<string> Normalize(IEnumerable<string?>? tags, string field, ValidationErrors errors)
    {
        var result = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = raw?.Trim().ToLowerInvariant() ?? "";
            if (tag.Length is 0 or > MaxLength || !tag.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or ':' or '.' or '/'))
                errors.Add(field, $"'{raw}' is not a valid tag: use 1 to {MaxLength} letters, digits or _ - : . / without spaces.");
            else if (!result.Contains(tag))
                result.Add(tag);
        }
        if (result.Count > MaxCount)
            errors.Add(field, $"A ticket has at most {MaxCount} tags.");
        return result;
    }
}
