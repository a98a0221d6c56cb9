using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.IO;
using Support.Channels.Data;
using Support.Channels.Email;
using Support.Contracts.Channels;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Channels.Inbound;

/// <summary>
/// Takes one raw RFC 822 message in (from IMAP or HTTP), the same way for both: records it, and for a message a
/// person wrote, queues EmailReceived for the Ticket service in the same transaction. Once this returns, the message
/// is safe here and its mailbox copy may go. Automatic mail, our own mail and repeats are recorded as ignored; too
/// large or unreadable messages as rejected.
/// </summary>
public sealed class InboundEmailIntake(ChannelsDbContext db, IOptions<EmailSettings> options, TimeProvider clock, ILogger<InboundEmailIntake> logger)
{
    private EmailSettings Settings => options.Value;

    public async Task<InboundOutcome> TakeAsync(Stream raw, string source, CancellationToken ct)
    {
        var now = clock.Now();
        var content = new MemoryStream();
        await raw.CopyToAsync(content, ct);
        content.Position = 0;
        var email = new InboundEmail { Id = Guid.NewGuid(), Source = source, Size = content.Length, ReceivedAt = now };
        if (content.Length > Settings.MaxMessageBytes)
            return await RecordAsync(Reject(email, Fingerprint(content), $"The message is {content.Length} bytes; the limit is {Settings.MaxMessageBytes} (Email:MaxMessageBytes)."), null, ct);

        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(content, ct);
        }
        catch (FormatException ex)
        {
            return await RecordAsync(Reject(email, Fingerprint(content), $"The message is not readable MIME: {ex.Message}"), null, ct);
        }
        email.MessageId = message.MessageId is { Length: > 0 and <= 900 } id ? id : Fingerprint(content);
        email.Subject = Shorten(message.Subject ?? "", 1000);
        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        email.FromAddress = Shorten(sender?.Address ?? "", 320);
        if (await db.InboundEmails.AsNoTracking().FirstOrDefaultAsync(e => e.MessageId == email.MessageId, ct) is { } earlier)
            return new InboundOutcome(earlier, Duplicate: true);
        if (sender is null || !EmailAddress.IsValid(sender.Address))
            return await RecordAsync(Reject(email, email.MessageId, "The message has no sender address to answer."), null, ct);
        if (Ignoring(message, sender) is { } reason)
        {
            email.Status = InboundEmailStatus.Ignored;
            email.Reason = reason;
            return await RecordAsync(email, null, ct);
        }

        var ticketId = await ThreadOfAsync(message, sender.Address, ct);
        var text = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText.ToPlainText(html) : "");
        var body = ticketId is null ? text.Trim() : ReplyTrimmer.Trim(text);
        var attachments = message.Attachments.OfType<MimePart>()
            .Select(part => new EmailAttachment(part.FileName ?? part.ContentType.Name ?? "attachment", part.ContentType.MimeType, DecodedSize(part)))
            .ToList();
        email.Status = InboundEmailStatus.Accepted;
        email.TicketId = ticketId;
        var received = new EmailReceived(email.Id, ticketId, sender.Address, sender.Name ?? "", message.Subject ?? "", body, attachments, now);
        return await RecordAsync(email, received, ct);
    }

    /// <summary>Records a message too large to download as rejected, from its headers.</summary>
    public async Task<InboundOutcome> TakeOversizedAsync(HeaderList headers, long size, string source, CancellationToken ct)
    {
        var messageId = MimeKit.Utils.MimeUtils.EnumerateReferences(headers[HeaderId.MessageId] ?? "").FirstOrDefault()
            ?? $"oversized-{Guid.NewGuid():N}@{Settings.MessageIdDomain}";
        if (await db.InboundEmails.AsNoTracking().FirstOrDefaultAsync(e => e.MessageId == messageId, ct) is { } earlier)
            return new InboundOutcome(earlier, Duplicate: true);
        var email = new InboundEmail
        {
            Id = Guid.NewGuid(), Source = source, Size = size, ReceivedAt = clock.Now(),
            Subject = Shorten(headers[HeaderId.Subject] ?? "", 1000),
            FromAddress = Shorten(InternetAddressList.TryParse(headers[HeaderId.From] ?? "", out var from) ? from.Mailboxes.FirstOrDefault()?.Address ?? "" : "", 320),
        };
        return await RecordAsync(Reject(email, messageId, $"The message is {size} bytes; the limit is {Settings.MaxMessageBytes} (Email:MaxMessageBytes)."), null, ct);
    }

    private string? Ignoring(MimeMessage message, MailboxAddress sender)
    {
        if (string.Equals(sender.Address, Settings.From.Address, StringComparison.OrdinalIgnoreCase))
            return "Sent from this system's own address (a mail loop).";
        if (message.MessageId?.EndsWith("@" + Settings.MessageIdDomain, StringComparison.OrdinalIgnoreCase) == true && message.MessageId.StartsWith("ticket-", StringComparison.Ordinal))
            return "One of this system's own messages (a mail loop).";
        return AutomaticMail.Why(message) is { } automatic ? $"Automatic mail ({automatic})." : null;
    }

    /// <summary>
    /// The ticket a reply belongs to: by the Message-IDs it answers (ours name the ticket; a customer's earlier
    /// email was recorded with its ticket), else by the [#id] in its subject when the sender is that ticket's requester.
    /// </summary>
    private async Task<int?> ThreadOfAsync(MimeMessage message, string sender, CancellationToken ct)
    {
        var answered = message.References.Append(message.InReplyTo).OfType<string>().ToList();
        var ours = new Regex($@"^ticket-(\d+)(-[0-9a-f]+)?@{Regex.Escape(Settings.MessageIdDomain)}$", RegexOptions.IgnoreCase);
        foreach (var id in answered)
            if (ours.Match(id) is { Success: true } match && int.TryParse(match.Groups[1].Value, out var ticketId) && await db.Threads.AnyAsync(t => t.TicketId == ticketId, ct))
                return ticketId;
        if (answered.Count > 0 && await db.InboundEmails.Where(e => answered.Contains(e.MessageId) && e.TicketId != null)
                .Select(e => e.TicketId).FirstOrDefaultAsync(ct) is { } earlier)
            return earlier;
        if (Regex.Match(message.Subject ?? "", @"\[#(\d{1,10})\]") is { Success: true } reference && int.TryParse(reference.Groups[1].Value, out var referenced))
        {
            var normalized = EmailAddress.Normalize(sender);
            var requesterMatches = await db.Threads.Where(t => t.TicketId == referenced)
                .Join(db.Contacts.Where(c => c.Kind == Tickets.Contact.Customer), t => t.RequesterId, c => c.Id, (t, c) => c.Email)
                .AnyAsync(address => address.ToLower() == normalized, ct);
            if (requesterMatches)
                return referenced;
        }
        return null;
    }

    private async Task<InboundOutcome> RecordAsync(InboundEmail email, EmailReceived? received, CancellationToken ct)
    {
        db.InboundEmails.Add(email);
        if (received is not null)
            db.AddEvent(received, $"email/{email.Id:N}", email.ReceivedAt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same message taken at the same moment by another poller or request.
            db.ChangeTracker.Clear();
            return new InboundOutcome(await db.InboundEmails.AsNoTracking().FirstAsync(e => e.MessageId == email.MessageId, ct), Duplicate: true);
        }
        if (email.Status != InboundEmailStatus.Accepted)
            logger.LogInformation("Email {MessageId} from {From} {Status}: {Reason}", email.MessageId, email.FromAddress, email.Status, email.Reason);
        return new InboundOutcome(email, Duplicate: false);
    }

    private static InboundEmail Reject(InboundEmail email, string messageId, string reason)
    {
        email.MessageId = messageId;
        email.Status = InboundEmailStatus.Rejected;
        email.Reason = Shorten(reason, 500);
        return email;
    }

    // Stands in for the Message-ID of a message without one (or unreadable): the same bytes twice are one message.
    private string Fingerprint(MemoryStream content) =>
        $"sha256-{Convert.ToHexStringLower(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length)))}@{Settings.MessageIdDomain}";

    private static long DecodedSize(MimePart part)
    {
        using var measure = new MeasuringStream();
        part.Content?.DecodeTo(measure);
        return measure.Length;
    }

    private static string Shorten(string value, int max) => value.Length > max ? value[..max] : value;
}
