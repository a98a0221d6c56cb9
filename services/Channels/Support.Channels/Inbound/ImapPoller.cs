using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using Support.Channels.Email;

namespace Support.Channels.Inbound;

/// <summary>
/// Polls the configured IMAP mailbox (as Zammad and FreeScout do): each message is taken in (<see cref="InboundEmailIntake"/>)
/// and deleted from the mailbox only after that committed, so a crash in between takes it again (its Message-ID makes
/// it one). A message the intake could not take stays in the mailbox for the next poll.
/// </summary>
public sealed class ImapPoller(IServiceScopeFactory scopes, IOptions<EmailSettings> options, TimeProvider clock, ILogger<ImapPoller> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private ImapSettings Settings => options.Value.Imap;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Configured)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await PollAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Polling {Mailbox} on {Host}:{Port} failed: {Error}", Settings.Mailbox, Settings.Host, Settings.Port, ex.Message);
            }
            if (taken < BatchSize)
                await Task.Delay(Settings.PollInterval, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes in up to a batch of the mailbox's messages; returns how many it took.</summary>
    private async Task<int> PollAsync(CancellationToken ct)
    {
        using var imap = new ImapClient { Timeout = (int)Settings.Timeout.TotalMilliseconds };
        if (Settings.AcceptAnyCertificate)
            imap.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await imap.ConnectAsync(Settings.Host, Settings.Port, Settings.Security, ct);
        if (Settings.UserName.Length > 0)
            await imap.AuthenticateAsync(Settings.UserName, Settings.Password, ct);
        var folder = await imap.GetFolderAsync(Settings.Mailbox, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        var uids = (await folder.SearchAsync(SearchQuery.NotDeleted, ct)).Take(BatchSize).ToList();
        var sizes = uids.Count == 0 ? [] : (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct))
            .ToDictionary(s => s.UniqueId, s => (long)(s.Size ?? 0));
        var taken = new List<UniqueId>();
        foreach (var uid in uids)
        {
            await using var scope = scopes.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<InboundEmailIntake>();
            if (sizes.GetValueOrDefault(uid) > options.Value.MaxMessageBytes)
                await intake.TakeOversizedAsync(await folder.GetHeadersAsync(uid, ct), sizes[uid], "imap", ct);
            else
            {
                await using var message = await folder.GetStreamAsync(uid, ct);
                await intake.TakeAsync(message, "imap", ct);
            }
            taken.Add(uid);
        }
        if (taken.Count > 0)
        {
            await folder.StoreAsync(taken, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct);
            if (imap.Capabilities.HasFlag(ImapCapabilities.UidPlus))
                await folder.ExpungeAsync(taken, ct);
            else
                await folder.ExpungeAsync(ct);
        }
        await imap.DisconnectAsync(quit: true, ct);
        return taken.Count;
    }
}
