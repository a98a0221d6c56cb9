using Microsoft.EntityFrameworkCore;
using Support.Analytics.Data;
using Support.Analytics.EventStore;
using Support.Contracts.Identity;

namespace Support.Analytics.PersonalData;

/// <summary>The event streams that hold a customer's personal data: their customer stream, their tickets' and their user's.</summary>
public static class CustomerStreams
{
    public static async Task<List<string>> FindAsync(AnalyticsDbContext db, int customerId, IEnumerable<int> knownTicketIds, CancellationToken ct)
    {
        var ticketIds = await db.TicketMetrics.Where(t => t.RequesterId == customerId).Select(t => t.TicketId).ToListAsync(ct);
        var userEvents = await db.Events.AsNoTracking()
            .Where(e => e.Type == nameof(UserCreated) || e.Type == nameof(UserUpdated)).ToListAsync(ct);
        var userStreams = userEvents.Where(e => EventCatalog.Read(e) switch
        {
            UserCreated u => u.CustomerId == customerId,
            UserUpdated u => u.CustomerId == customerId,
            _ => false,
        }).Select(e => e.Stream);
        return ticketIds.Union(knownTicketIds).Select(EventCatalog.TicketStream)
            .Append(EventCatalog.CustomerStream(customerId)).Concat(userStreams)
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
