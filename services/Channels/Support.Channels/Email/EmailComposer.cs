using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Channels.Data;
using Support.Channels.Tickets;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Channels.Email;

/// <summary>
/// Renders a template for a ticket's thread and queues the email in the unit of work of the event that caused it:
/// subject with the ticket's [#id], a Message-ID that names the ticket, In-Reply-To and References for its thread.
/// Without an SMTP server the email is recorded as not sent (and said once in the log).
/// </summary>
public sealed class EmailComposer(ChannelsDbContext db, IOptions<EmailSettings> options, TimeProvider clock, ILogger<EmailComposer> logger)
{
    private static int notConfiguredLogged;
    private EmailSettings Settings => options.Value;

    public async Task<OutgoingEmail> QueueAsync(string template, TicketThread thread, Contact to, EmailValues values, bool automatic, string? locale, CancellationToken ct)
    {
        var now = clock.Now();
        var domain = Settings.MessageIdDomain;
        var root = ThreadRoot(thread.TicketId, domain);
        var email = new OutgoingEmail
        {
            TicketId = thread.TicketId,
            Template = template,
            ToAddress = to.Email,
            ToName = to.Name,
            MessageId = $"ticket-{thread.TicketId}-{Guid.NewGuid():N}@{domain}",
            InReplyTo = thread.OpeningMessageId ?? root,
            References = string.Join(' ', new[] { thread.OpeningMessageId, root }.OfType<string>().Select(id => $"<{id}>")),
            Automatic = automatic,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutgoingEmails.Add(email);

        var chosen = await FindTemplateAsync(template, locale ?? thread.Locale, ct);
        if (chosen is null)
            return Fail(email, $"There is no template '{template}'.");
        if (!EmailAddress.IsValid(to.Email) || string.Equals(to.Email, Settings.From.Address, StringComparison.OrdinalIgnoreCase))
            return Fail(email, $"'{to.Email}' is not an address to send to.");
        var placeholders = values.For(thread, to, Settings.PublicUrl);
        var subject = TemplateRenderer.Subject(chosen.Subject, placeholders);
        var reference = $"[#{thread.TicketId}]";
        email.Subject = subject.Contains(reference, StringComparison.Ordinal) ? subject : $"{reference} {subject}";
        email.HtmlBody = TemplateRenderer.Html(chosen.Body, placeholders);
        email.TextBody = HtmlText.ToPlainText(email.HtmlBody);
        if (!Settings.Smtp.Configured)
        {
            if (Interlocked.Exchange(ref notConfiguredLogged, 1) == 0)
                logger.LogWarning("No SMTP server is configured (Email:Smtp:Host): email is recorded as not sent.");
            email.Status = OutgoingEmailStatus.NotSent;
            email.LastError = "No SMTP server is configured (Email:Smtp:Host).";
        }
        return email;
    }

    /// <summary>The Message-ID every message about the ticket refers to, so that mail clients thread them and replies find the ticket.</summary>
    public static string ThreadRoot(int ticketId, string domain) => $"ticket-{ticketId}@{domain}";

    private async Task<EmailTemplate?> FindTemplateAsync(string name, string locale, CancellationToken ct)
    {
        var candidates = await db.Templates.AsNoTracking().Where(t => t.Name == name).ToListAsync(ct);
        return candidates.FirstOrDefault(t => t.Locale.Equals(locale, StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault(t => t.Locale.Equals(Settings.DefaultLocale, StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault();
    }

    private static OutgoingEmail Fail(OutgoingEmail email, string reason)
    {
        email.Status = OutgoingEmailStatus.Failed;
        email.LastError = reason;
        return email;
    }
}

/// <summary>What an email says besides the ticket and its recipient: the agent who acts, the comment that is sent.</summary>
public sealed record EmailValues(Contact? Requester = null, Contact? Agent = null, string? CommentBody = null)
{
    public IReadOnlyDictionary<string, string> For(TicketThread thread, Contact to, string publicUrl)
    {
        var baseUrl = publicUrl.EndsWith('/') ? publicUrl : publicUrl + "/";
        var requester = Requester ?? to;
        return new Dictionary<string, string>
        {
            ["ticket.id"] = thread.TicketId.ToString(),
            ["ticket.subject"] = thread.Subject,
            ["ticket.url"] = $"{baseUrl}tickets/{thread.TicketId}",
            ["requester.name"] = requester.Name,
            ["requester.email"] = requester.Email,
            ["agent.name"] = Agent?.Name ?? "Support",
            ["comment.body"] = CommentBody ?? "",
            ["satisfaction.url"] = $"{baseUrl}tickets/{thread.TicketId}/satisfaction",
        };
    }
}
