using System.Text.RegularExpressions;

namespace Support.Channels.Inbound;

/// <summary>
/// Cuts the quoted history and the signature off a reply, as mail clients write them (Gmail, Outlook, Apple Mail,
/// Foxmail, QQ Mail, in English and Chinese). When nothing would remain, the text is kept whole.
/// </summary>
public static partial class ReplyTrimmer
{
    [GeneratedRegex(@"^(On .{1,200}wrote:|在.{1,200}写道[:：]|-{3,}\s*(Original Message|原始邮件|Forwarded message)\s*-{3,}|_{20,}|(From|发件人|寄件者)\s*[:：].*|Sent from my .*|发自我的.*)\s*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex HistoryStart();

    public static string Trim(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line is "-- " or "--" || HistoryStart().IsMatch(line.Trim()) || IsQuotedToTheEnd(lines, i))
            {
                end = i;
                break;
            }
        }
        var kept = string.Join('\n', lines.Take(end)).Trim();
        return kept.Length > 0 ? kept : text.Trim();
    }

    // A block of "> " lines that only blank lines follow.
    private static bool IsQuotedToTheEnd(string[] lines, int from) =>
        lines[from].StartsWith('>') && lines.Skip(from).All(l => l.StartsWith('>') || l.Trim().Length == 0);
}
