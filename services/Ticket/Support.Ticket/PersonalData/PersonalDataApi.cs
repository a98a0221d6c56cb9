using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Http;
using Support.Ticket.Customers;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.PersonalData;

/// <summary>A ticket the customer requested, with the comments they can see (internal notes are the team's, not theirs).</summary>
public record CustomerTicketData(TicketResponse Ticket, IReadOnlyList<CommentResponse> Comments);

/// <summary>What the Ticket service holds about a customer: their record and the tickets they requested.</summary>
public record CustomerPersonalData(CustomerResponse Customer, IReadOnlyList<CustomerTicketData> Tickets);

public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalDataApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/customers").WithTags("Personal data");
        api.MapGet("/{id:int}/personal-data", Get).WithName("GetCustomerPersonalData")
            .WithSummary("Everything this service holds about a customer, for an export (admins; Identity gathers it from every service)");
        return api;
    }

    public static async Task<Results<Ok<CustomerPersonalData>, ProblemHttpResult>> Get(int id, TicketDbContext db, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
            return Problems.NotFound("Customer", id);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.RequesterId == id).OrderBy(t => t.Id).ToListAsync(ct);
        var ticketIds = tickets.Select(t => t.Id).ToList();
        var comments = (await db.Comments.AsNoTracking().Where(c => ticketIds.Contains(c.TicketId) && c.Public).OrderBy(c => c.Id).ToListAsync(ct))
            .ToLookup(c => c.TicketId);
        return TypedResults.Ok(new CustomerPersonalData(CustomerResponse.From(customer),
            tickets.Select(t => new CustomerTicketData(TicketResponse.From(t), comments[t.Id].Select(CommentResponse.From).ToList())).ToList()));
    }
}
