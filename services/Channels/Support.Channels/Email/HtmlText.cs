using System.Net;
using System.Text;
using MimeKit.Text;

namespace Support.Channels.Email;

/// <summary>HTML as readable plain text (MimeKit's tokenizer; MimeKit has no HTML-to-text converter): blocks become lines, scripts and styles go.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> BlockTags = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr"];

    public static string ToPlainText(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var skipping = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head:
                    skipping += tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1;
                    break;
                case HtmlTagToken { Id: HtmlTagId.Br }:
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when BlockTags.Contains(tag.Name.ToLowerInvariant()):
                    if (text.Length > 0 && text[^1] != '\n')
                        text.Append('\n');
                    if (tag.Id == HtmlTagId.LI && !tag.IsEndTag)
                        text.Append("- ");
                    break;
                case HtmlDataToken data when skipping <= 0:
                    var words = string.Join(' ', data.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                    if (words.Length == 0)
                    {
                        if (text.Length > 0 && !char.IsWhiteSpace(text[^1]))
                            text.Append(' ');
                        break;
                    }
                    text.Append(char.IsWhiteSpace(data.Data[0]) && text.Length > 0 && !char.IsWhiteSpace(text[^1]) ? " " : "")
                        .Append(WebUtility.HtmlDecode(words))
                        .Append(char.IsWhiteSpace(data.Data[^1]) ? " " : "");
                    break;
            }
        }
        var lines = text.ToString().Split('\n').Select(line => line.Trim());
        return string.Join('\n', CollapseBlankLines(lines)).Trim();
    }

    private static IEnumerable<string> CollapseBlankLines(IEnumerable<string> lines)
    {
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (!blank)
                    yield return line;
                blank = true;
                continue;
            }
            blank = false;
            yield return line;
        }
    }
}
