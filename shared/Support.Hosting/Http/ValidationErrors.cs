namespace Support.Hosting.Http;

/// <summary>Collects field errors so a request reports every bad field at once.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"'{field}' is required.");
        else
            MaxLength(field, value, maxLength);
    }

    public void MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"'{field}' must be at most {maxLength} characters.");
    }

    /// <summary>A size limit in bytes of UTF-8, as stored and sent: a Chinese character counts three.</summary>
    public void RequiredMaxBytes(string field, string? value, int maxBytes)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"'{field}' is required.");
        else if (System.Text.Encoding.UTF8.GetByteCount(value) > maxBytes)
            Add(field, $"'{field}' must be at most {maxBytes / 1024} KiB.");
    }

    public void Email(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"'{field}' is required.");
        else if (!EmailAddress.IsValid(value))
            Add(field, $"'{field}' is not a valid email address.");
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string value) =>
        value.Length <= MaxLength
        && System.Net.Mail.MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value.Trim()
        && parsed.Host.Contains('.')
        && !value.Any(char.IsWhiteSpace);

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    public static string Domain(string value)
    {
        var email = Normalize(value);
        return email[(email.LastIndexOf('@') + 1)..];
    }
}
