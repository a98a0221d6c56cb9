using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;

namespace Support.Benchmarks.Channels;

/// <summary>Watches one mailbox over IMAP (a search for new messages every 100 ms) and records when each subject first appeared.</summary>
public sealed class MailboxWatcher : IAsyncDisposable
{
    private readonly ImapClient imap = new() { ServerCertificateValidationCallback = (_, _, _, _) => true };
    private readonly CancellationTokenSource stop = new();
    private Task? watching;
    private uint last; // UniqueId.MinValue is UID 1, a message of its own

    public ConcurrentDictionary<string, DateTimeOffset> Arrived { get; } = new();

    public static async Task<MailboxWatcher> StartAsync(string host, int port, string address, string password)
    {
        var watcher = new MailboxWatcher();
        await watcher.imap.ConnectAsync(host, port, SecureSocketOptions.StartTls);
        await watcher.imap.AuthenticateAsync(address, password);
        await watcher.imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        foreach (var uid in await watcher.imap.Inbox.SearchAsync(SearchQuery.All))
            watcher.last = Math.Max(watcher.last, uid.Id);
        watcher.watching = watcher.WatchAsync();
        return watcher;
    }

    private async Task WatchAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            await imap.NoOpAsync(); // the server tells an open folder about new messages on the next command
            var fresh = (await imap.Inbox.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(last + 1), UniqueId.MaxValue))))
                .Where(uid => uid.Id > last).ToList();
            if (fresh.Count > 0)
            {
                var seen = DateTimeOffset.UtcNow;
                foreach (var summary in await imap.Inbox.FetchAsync(fresh, MessageSummaryItems.Envelope | MessageSummaryItems.UniqueId))
                    Arrived.TryAdd(summary.Envelope?.Subject ?? "", seen);
                last = fresh.Max(uid => uid.Id);
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (watching is not null)
            await watching;
        await imap.DisconnectAsync(true);
        imap.Dispose();
    }
}
