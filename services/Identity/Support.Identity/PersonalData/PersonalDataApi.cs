using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Contracts;
using Support.Contracts.Customers;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Identity.Data;
using Support.Identity.Users;

namespace Support.Identity.PersonalData;

/// <summary>Everything the system holds about a customer, from every service that holds some, in one document.</summary>
public record CustomerExport(int CustomerId, DateTimeOffset ExportedAt, IReadOnlyList<UserResponse> Users,
    JsonElement Ticket, JsonElement KnowledgeBase, JsonElement Analytics);

public record ServiceErasure(string Service, DateTimeOffset? ErasedAt);

/// <summary>An erasure and which services have confirmed it; complete when all have.</summary>
public record ErasureReport(long Id, int CustomerId, Actor RequestedBy, DateTimeOffset RequestedAt,
    IReadOnlyList<ServiceErasure> Services, bool Complete, DateTimeOffset? CompletedAt)
{
    public static ErasureReport From(PersonalDataRequest r)
    {
        var services = PersonalDataSources.ErasingServices
            .Select(s => new ServiceErasure(s, r.Confirmations.FirstOrDefault(c => c.Service == s)?.ErasedAt)).ToList();
        var complete = services.All(s => s.ErasedAt is not null);
        return new ErasureReport(r.Id, r.CustomerId, new Actor(r.RequestedByType, r.RequestedById), r.RequestedAt, services, complete,
            complete ? services.Max(s => s.ErasedAt) : null);
    }
}

public record PersonalDataRequestResponse(long Id, string Kind, int CustomerId, Actor RequestedBy, DateTimeOffset RequestedAt);

public static class PersonalDataApi
{
    public const string ReplacementName = "Erased customer";

    public static string ReplacementEmail(int customerId) => $"erased-{customerId}@erased.invalid";

    public static IEndpointRouteBuilder MapPersonalDataApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/identity").WithTags("Personal data");
        api.MapGet("/customers/{id:int}/export", Export).WithName("ExportCustomerData")
            .WithSummary("Everything the system holds about a customer, gathered from every service (admin; audited).")
            .ProducesProblem(404).ProducesProblem(503);
        api.MapPost("/customers/{id:int}/erase", Erase).WithName("EraseCustomerData")
            .WithSummary("Erases a customer's personal data in every service (admin; audited); the report shows which have confirmed.")
            .ProducesProblem(404).ProducesProblem(503);
        api.MapGet("/erasures/{id:long}", Erasure).WithName("GetErasureReport").ProducesProblem(404);
        api.MapGet("/personal-data/requests", Requests).WithName("ListPersonalDataRequests")
            .WithSummary("The audit of exports and erasures, newest first (admin).");
        return routes;
    }

    public static async Task<Results<Ok<CustomerExport>, ProblemHttpResult>> Export(
        int id, IdentityDbContext db, PersonalDataSources sources, TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        var answers = await Task.WhenAll(new[] { PersonalDataSources.Ticket, PersonalDataSources.KnowledgeBase, PersonalDataSources.Analytics }
            .Select(service => sources.GetAsync(service, id, http, ct)));
        if (Unanswered(id, answers) is { } problem)
            return problem;
        var now = clock.Now();
        Audit(db, PersonalDataRequest.Export, id, http, now);
        await db.SaveChangesAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.CustomerId == id).OrderBy(u => u.Id).ToListAsync(ct);
        return TypedResults.Ok(new CustomerExport(id, now, users.Select(UserResponse.From).ToList(),
            answers[0].Data!.Value, answers[1].Data!.Value, answers[2].Data!.Value));
    }

    public static async Task<Results<Accepted<ErasureReport>, ProblemHttpResult>> Erase(
        int id, IdentityDbContext db, PersonalDataSources sources, TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        // The Ticket service lists the customer's tickets now, for the services that know tickets but not requesters.
        var tickets = await sources.GetAsync(PersonalDataSources.Ticket, id, http, ct);
        if (Unanswered(id, [tickets]) is { } problem)
            return problem;
        var ticketIds = tickets.Data!.Value.GetProperty("tickets").EnumerateArray()
            .Select(t => t.GetProperty("ticket").GetProperty("id").GetInt32()).ToList();
        var now = clock.Now();
        var request = Audit(db, PersonalDataRequest.Erase, id, http, now);
        await db.SaveWithEventsAsync(() => db.AddEvent(new CustomerErasureRequested(request.Id, id, ticketIds, ReplacementEmail(id), ReplacementName,
            new Actor(request.RequestedByType, request.RequestedById), now), $"customer/{id}", now), ct);
        return TypedResults.Accepted($"/api/identity/erasures/{request.Id}", ErasureReport.From(request));
    }

    public static async Task<Results<Ok<ErasureReport>, ProblemHttpResult>> Erasure(long id, IdentityDbContext db, CancellationToken ct)
    {
        var request = await db.PersonalDataRequests.AsNoTracking().Include(r => r.Confirmations)
            .FirstOrDefaultAsync(r => r.Id == id && r.Kind == PersonalDataRequest.Erase, ct);
        return request is null ? Problems.NotFound("Erasure", id) : TypedResults.Ok(ErasureReport.From(request));
    }

    public static async Task<Results<Ok<Page<PersonalDataRequestResponse>>, ValidationProblem>> Requests(
        IdentityDbContext db, CancellationToken ct, int? customerId = null, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var query = db.PersonalDataRequests.AsNoTracking();
        if (customerId is not null)
            query = query.Where(r => r.CustomerId == customerId);
        if (page.After is { } after)
            query = query.Where(r => r.Id < after);
        var rows = await query.OrderByDescending(r => r.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, r => r.Id,
            r => new PersonalDataRequestResponse(r.Id, r.Kind, r.CustomerId, new Actor(r.RequestedByType, r.RequestedById), r.RequestedAt)));
    }

    private static PersonalDataRequest Audit(IdentityDbContext db, string kind, int customerId, HttpRequest http, DateTimeOffset now)
    {
        var actor = RequestActor.From(http);
        var request = new PersonalDataRequest
        {
            Kind = kind, CustomerId = customerId, RequestedByType = actor.Type, RequestedById = actor.Id, RequestedAt = now,
        };
        db.PersonalDataRequests.Add(request);
        return request;
    }

    private static ProblemHttpResult? Unanswered(int customerId, IEnumerable<SourceAnswer> answers)
    {
        var all = answers.ToList();
        if (all.FirstOrDefault(a => a.Service == PersonalDataSources.Ticket) is { Status: HttpStatusCode.NotFound })
            return Problems.NotFound("Customer", customerId);
        return all.FirstOrDefault(a => a.Data is null) is { } missing
            ? TypedResults.Problem(title: $"The {missing.Service} service did not answer ({(int)missing.Status}).",
                detail: "Nothing was exported or erased; try again when every service is up.", statusCode: StatusCodes.Status503ServiceUnavailable)
            : null;
    }
}
