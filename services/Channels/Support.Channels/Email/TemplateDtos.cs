using Support.Hosting.Http;

namespace Support.Channels.Email;

public sealed record TemplateResponse(int Id, string Name, string Locale, string Subject, string Body, int Version, DateTimeOffset UpdatedAt)
{
    public static TemplateResponse From(EmailTemplate t) => new(t.Id, t.Name, t.Locale, t.Subject, t.Body, t.Version, t.UpdatedAt);
}

public sealed record TemplateList(IReadOnlyList<TemplateResponse> Items, IReadOnlyList<string> Placeholders);

/// <summary>For OpenAPI: the fields a PATCH may send.</summary>
public sealed record UpdateTemplateRequest(string? Subject, string? Body);

/// <summary>The fields a template PATCH changes; placeholders it does not know are refused under their field.</summary>
public sealed class TemplateChange
{
    private string? subject, body;

    public static TemplateChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new TemplateChange();
        if (patch.TryGet("subject", out change.subject))
            Check("subject", change.subject, EmailTemplate.SubjectMaxLength, errors);
        if (patch.TryGet("body", out change.body))
            Check("body", change.body, EmailTemplate.BodyMaxLength, errors);
        return change;
    }

    private static void Check(string field, string? value, int maxLength, ValidationErrors errors)
    {
        errors.Required(field, value, maxLength);
        foreach (var unknown in TemplateRenderer.UnknownPlaceholders(value ?? ""))
            errors.Add(field, $"'{{{{{unknown}}}}}' is not a placeholder: use {string.Join(", ", TemplateRenderer.Placeholders.Select(p => $"{{{{{p}}}}}"))}.");
    }

    public bool ApplyTo(EmailTemplate template)
    {
        var changed = false;
        if (subject is not null && subject != template.Subject)
            (template.Subject, changed) = (subject, true);
        if (body is not null && body != template.Body)
            (template.Body, changed) = (body, true);
        return changed;
    }
}
