using System.Text.RegularExpressions;
using MimeKit;

namespace Support.Channels.Inbound;

/// <summary>Messages no person wrote (auto-replies, out-of-office, bounces, lists): they never open tickets or get answers.</summary>
public static partial class AutomaticMail
{
    [GeneratedRegex(@"^(auto(matic)?[ -]?(reply|response)|out of (the )?office|自动回复|自動回覆|不在办公室|delivery status notification|undeliver(ed|able))", RegexOptions.IgnoreCase)]
    private static partial Regex AutomaticSubject();

    /// <summary>Why the message is automatic, or null when a person wrote it.</summary>
    public static string? Why(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers[HeaderId.AutoSubmitted] is { } submitted && !submitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            return $"Auto-Submitted: {submitted.Trim()}";
        if (headers["Precedence"] is { } precedence && precedence.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
            return $"Precedence: {precedence.Trim()}";
        if (headers["X-Autoreply"] is not null || headers["X-Autorespond"] is not null || headers["X-Auto-Response-Suppress"]?.Contains("All") == true && headers["X-MS-Exchange-Generated-Message-Source"] is not null)
            return "an auto-reply header";
        if (headers["List-Id"] is not null || headers["List-Unsubscribe"] is not null)
            return "a mailing list message";
        if (message.Body is MultipartReport)
            return "a delivery report";
        if (message.From.Mailboxes.FirstOrDefault()?.LocalPart.ToLowerInvariant() is "mailer-daemon" or "postmaster" or "noreply" or "no-reply")
            return "a system sender";
        if (AutomaticSubject().IsMatch(message.Subject?.Trim() ?? ""))
            return "an automatic reply's subject";
        return null;
    }
}
