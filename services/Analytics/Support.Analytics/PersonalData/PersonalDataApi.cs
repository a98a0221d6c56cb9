using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Analytics.Customers;
using Support.Analytics.Data;
using Support.Analytics.Tickets;

namespace Support.Analytics.PersonalData;

public record RecordedEvent(string Type, string Stream, DateTimeOffset OccurredAt, JsonElement Payload);

/// <summary>What Analytics holds about a customer: their read models and every stored event of their streams.</summary>
public record CustomerAnalyticsData(int CustomerId, CustomerRecord? Customer, IReadOnlyList<TicketMetrics> Tickets, IReadOnlyList<RecordedEvent> Events);

public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalDataApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/analytics/customers").WithTags("Personal data");
        api.MapGet("/{id:int}/personal-data", Get).WithName("GetCustomerAnalyticsData")
            .WithSummary("A customer's read models and the stored events they appear in, for an export (admins; Identity gathers it from every service)");
        return api;
    }

    public static async Task<Ok<CustomerAnalyticsData>> Get(int id, AnalyticsDbContext db, CancellationToken ct)
    {
        var streams = await CustomerStreams.FindAsync(db, id, [], ct);
        var events = await db.Events.AsNoTracking().Where(e => streams.Contains(e.Stream)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return TypedResults.Ok(new CustomerAnalyticsData(id,
            await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == id, ct),
            await db.TicketMetrics.AsNoTracking().Where(t => t.RequesterId == id).OrderBy(t => t.TicketId).ToListAsync(ct),
            events.Select(e => new RecordedEvent(e.Type, e.Stream, e.OccurredAt, JsonDocument.Parse(e.Payload).RootElement.Clone())).ToList()));
    }
}
