using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Support.KnowledgeBase.Articles;

/// <summary>
/// Article Markdown to HTML and to plain text. Raw HTML is disabled (written as text, escaped), and only the
/// extensions that cannot add attributes are on; links and images keep only http, https, mailto and relative URLs.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafe(link.Url))
                link.Url = "#";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!IsSafe(link.Url))
                link.Url = "#";
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return true;
        var trimmed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = trimmed.IndexOf(':');
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
            return true; // relative
        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
