using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Support.Analytics.Data;
using Support.Analytics.EventStore;
using Support.Contracts.Customers;
using Support.Hosting.Data;
using Support.Hosting.Inbox;

namespace Support.Analytics.PersonalData;

/// <summary>
/// Scrubs the customer's personal data from the stored events of their streams and rebuilds those streams' read
/// models from the scrubbed events, in one transaction: counts and times stay, names, emails and texts go.
/// </summary>
public sealed class CustomerErasureConsumer(AnalyticsDbContext db, Projector projector, TimeProvider clock, ILogger<CustomerErasureConsumer> logger)
    : ErasureConsumer<AnalyticsDbContext>(db, clock, logger, "Analytics")
{
    protected override async Task EraseAsync(CustomerErasureRequested erasure, CancellationToken ct)
    {
        var streams = await CustomerStreams.FindAsync(Db, erasure.CustomerId, erasure.TicketIds, ct);
        await Db.LockAsync(streams, ct); // one writer per stream, as the projector
        foreach (var stored in await Db.Events.Where(e => streams.Contains(e.Stream)).ToListAsync(ct))
        {
            var scrubbed = EventScrubber.Scrub(EventCatalog.Read(stored), erasure);
            stored.Payload = JsonSerializer.Serialize(scrubbed, scrubbed.GetType(), EventCatalog.Json);
        }
        await Db.SaveChangesAsync(ct);
        await projector.RefreshAsync(streams, ct);
    }
}
