using System.Net;
using System.Text.RegularExpressions;

namespace Support.Channels.Email;

/// <summary>
/// Fills a template's {{placeholders}}: HTML-escaped in the body (a customer's text can never become markup), as
/// written in the subject. Unknown placeholders are refused when an admin saves a template.
/// </summary>
public static partial class TemplateRenderer
{
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "ticket.id", "ticket.subject", "ticket.url", "requester.name", "requester.email",
        "agent.name", "comment.body", "satisfaction.url",
    ];

    [GeneratedRegex(@"\{\{\s*([a-z.]+)\s*\}\}")]
    private static partial Regex Placeholder();

    public static IEnumerable<string> UnknownPlaceholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(name => !Placeholders.Contains(name)).Distinct();

    public static string Subject(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => OneLine(values.GetValueOrDefault(m.Groups[1].Value, "")));

    /// <summary>The HTML body: values escaped, their line breaks kept.</summary>
    public static string Html(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => WebUtility.HtmlEncode(values.GetValueOrDefault(m.Groups[1].Value, "")).ReplaceLineEndings("<br>\n"));

    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
