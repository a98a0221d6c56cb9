using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Support.Channels.Data;
using Support.Hosting.Data;

namespace Support.Channels.Email;

/// <summary>
/// Delivers queued email over SMTP (MailKit), a batch per connection. A 4xx answer or a lost connection retries the
/// email with a growing delay, a 5xx answer fails it for good; either way the attempt is recorded on the email.
/// Several connections send at once, and replicas share the queue: each claims its batch with FOR UPDATE SKIP LOCKED
/// and holds it for a lease.
/// </summary>
public sealed class EmailSender(IServiceScopeFactory scopes, IOptions<EmailSettings> options, TimeProvider clock, ILogger<EmailSender> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    // A connection idle longer is closed and opened again: servers drop idle clients (Postfix after 300 s, some sooner).
    private static readonly TimeSpan IdleReconnect = TimeSpan.FromSeconds(20);
    private EmailSettings Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Smtp.Configured)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var sqlite = scope.ServiceProvider.GetRequiredService<ChannelsDbContext>().Database.IsSqlite(); // one connection: no claims to share
        await Task.WhenAll(Enumerable.Range(0, sqlite ? 1 : Math.Max(1, Settings.SendConnections)).Select(_ => SendLoopAsync(stoppingToken)));
    }

    /// <summary>One connection's loop: it stays open between batches while there is mail to send.</summary>
    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        using var smtp = new SmtpClient { Timeout = (int)Settings.Smtp.Timeout.TotalMilliseconds };
        if (Settings.Smtp.AcceptAnyCertificate)
            smtp.ServerCertificateValidationCallback = (_, _, _, _) => true;
        var lastUsed = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                if (smtp.IsConnected && clock.Now() - lastUsed > IdleReconnect)
                    await smtp.DisconnectAsync(quit: false, stoppingToken);
                sent = await SendDueAsync(smtp, stoppingToken);
                if (sent > 0)
                    lastUsed = clock.Now();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sending email failed; trying again shortly.");
            }
            if (sent == 0)
                await Task.Delay(Settings.SendInterval, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one batch of due email on the connection (opening it when closed); returns how many it attempted.</summary>
    private async Task<int> SendDueAsync(SmtpClient smtp, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChannelsDbContext>();
        var batch = await ClaimAsync(db, ct);
        if (batch.Count == 0)
            return 0;
        var pending = new Queue<OutgoingEmail>(batch);
        try
        {
            if (!smtp.IsConnected)
            {
                await smtp.ConnectAsync(Settings.Smtp.Host, Settings.Smtp.Port, Settings.Smtp.Security, ct);
                if (Settings.Smtp.UserName.Length > 0)
                    await smtp.AuthenticateAsync(Settings.Smtp.UserName, Settings.Smtp.Password, ct);
            }
            while (pending.TryPeek(out var email))
            {
                try
                {
                    await smtp.SendAsync(ToMime(email), ct);
                    email.Status = OutgoingEmailStatus.Sent;
                    email.SentAt = clock.Now();
                    email.Attempts++;
                    email.LastError = null;
                }
                catch (SmtpCommandException ex)
                {
                    RecordFailure(email, $"{(int)ex.StatusCode} {ex.Message}", permanent: (int)ex.StatusCode >= 500);
                }
                pending.Dequeue();
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
                                       or AuthenticationException or SslHandshakeException or TimeoutException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("The SMTP server {Host}:{Port} could not take email: {Error}", Settings.Smtp.Host, Settings.Smtp.Port, ex.Message);
            foreach (var email in pending)
                RecordFailure(email, ex.Message, permanent: false);
            if (smtp.IsConnected)
                await smtp.DisconnectAsync(quit: false, CancellationToken.None); // the next batch starts on a fresh connection
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return batch.Count;
    }

    private async Task<List<OutgoingEmail>> ClaimAsync(ChannelsDbContext db, CancellationToken ct)
    {
        var now = clock.Now();
        if (db.Database.IsSqlite()) // one process owns a SQLite file: nothing to share
            return await db.OutgoingEmails.Where(e => e.Status == OutgoingEmailStatus.Queued && e.NextAttemptAt <= now)
                .OrderBy(e => e.NextAttemptAt).Take(BatchSize).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.OutgoingEmails.FromSql(
            $"""
            SELECT * FROM outgoing_emails
            WHERE "Status" = 'Queued' AND "NextAttemptAt" <= {now}
            ORDER BY "NextAttemptAt"
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        foreach (var email in claimed)
            email.NextAttemptAt = now + Lease; // a sender that dies mid-batch leaves them to another after the lease
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return claimed;
    }

    private void RecordFailure(OutgoingEmail email, string error, bool permanent)
    {
        var now = clock.Now();
        email.Attempts++;
        email.LastError = error.Length > 1000 ? error[..1000] : error;
        var delay = TimeSpan.FromTicks(Math.Min(Settings.Retry.MaxDelay.Ticks, Settings.Retry.FirstDelay.Ticks * (1L << Math.Min(email.Attempts - 1, 30))));
        if (permanent || now + delay > email.CreatedAt + Settings.Retry.GiveUpAfter)
            email.Status = OutgoingEmailStatus.Failed;
        else
            email.NextAttemptAt = now + delay;
    }

    private MimeMessage ToMime(OutgoingEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        message.From.Add(new MailboxAddress(Settings.From.Name, Settings.From.Address));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        if (email.InReplyTo is not null)
            message.InReplyTo = email.InReplyTo;
        foreach (var reference in (email.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            message.References.Add(reference.Trim('<', '>'));
        if (email.TicketId is { } ticketId)
            message.Headers.Add("X-Support-Ticket", ticketId.ToString());
        if (email.Automatic)
        {
            // RFC 3834: no automatic answer to this; Microsoft's servers read the second header.
            message.Headers.Add("Auto-Submitted", "auto-generated");
            message.Headers.Add("X-Auto-Response-Suppress", "All");
        }
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }
}
