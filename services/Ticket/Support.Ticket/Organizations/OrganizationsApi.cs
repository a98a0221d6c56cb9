using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;
using Support.Ticket.Customers;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Organizations;

public record CreateOrganizationRequest(string? Name, List<string?>? Domains, string? Notes, bool? SharesTickets);

/// <summary>The body of PATCH /api/organizations/{id}, as documented: send only the fields to change; null clears notes.</summary>
public record UpdateOrganizationRequest(string? Name, List<string>? Domains, string? Notes, bool? SharesTickets);

public record OrganizationResponse(
    int Id, string Name, IReadOnlyList<string> Domains, string? Notes, bool SharesTickets, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrganizationResponse From(Organization o) => new(o.Id, o.Name, o.Domains, o.Notes, o.SharesTickets, o.CreatedAt, o.UpdatedAt);
}

public static class OrganizationsApi
{
    public static RouteGroupBuilder MapOrganizationsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/organizations").WithTags("Organizations");
        api.MapPost("/", Create).WithName("CreateOrganization").ProducesProblem(409);
        api.MapGet("/", List).WithName("ListOrganizations");
        api.MapGet("/{id:int}", Get).WithName("GetOrganization").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateOrganization").Accepts<UpdateOrganizationRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapGet("/{id:int}/tickets", Tickets).WithName("ListOrganizationTickets")
            .WithSummary("The organization's tickets, newest first; its members see them when it shares tickets.").ProducesProblem(404);
        api.MapGet("/{id:int}/tickets/{ticketId:int}", TicketView).WithName("GetOrganizationTicket")
            .WithSummary("One of the organization's tickets with its public comments; for its members when it shares tickets.").ProducesProblem(404);
        return api;
    }

    public static async Task<Results<Created<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateOrganizationRequest request, TicketDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name, Organization.NameMaxLength);
        errors.MaxLength("notes", request.Notes, Organization.NotesMaxLength);
        var domains = NormalizeDomains(request.Domains, errors);
        await RejectTakenDomainsAsync(db, domains, exceptId: null, errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.Now();
        var organization = new Organization
        {
            Name = request.Name!.Trim(), Domains = domains, Notes = request.Notes, SharesTickets = request.SharesTickets ?? false, CreatedAt = now, UpdatedAt = now,
        };
        db.Organizations.Add(organization);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Conflict($"An organization named {organization.Name} already exists.");
        }
        return TypedResults.Created($"/api/organizations/{organization.Id}", OrganizationResponse.From(organization));
    }

    public static async Task<Results<Ok<Page<OrganizationResponse>>, ValidationProblem>> List(
        TicketDbContext db, CancellationToken ct, string? q = null, string? domain = null, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var query = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(o => o.Name.ToLower().Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(domain))
        {
            var wanted = domain.Trim().ToLowerInvariant();
            query = query.Where(o => o.Domains.Contains(wanted));
        }
        var after = page.After ?? 0;
        var rows = await query.Where(o => o.Id > after).OrderBy(o => o.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, o => o.Id, OrganizationResponse.From));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> Get(int id, TicketDbContext db, HttpResponse response, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null)
            return Problems.NotFound("Organization", id);
        ETag.Set(response, organization.Version);
        return TypedResults.Ok(OrganizationResponse.From(organization));
    }

    /// <summary>Changes name, domains or notes; null clears notes.</summary>
    public static Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, TicketDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<Organization, OrganizationChange>
        {
            Resource = "Organization",
            Read = OrganizationChange.Read,
            CheckAsync = (change, errors, ct) => RejectTakenDomainsAsync(db, change.Domains.Value ?? [], exceptId: patch.Id, errors, ct),
            Apply = (organization, change, _) => change.ApplyTo(organization),
            UniqueConflict = change => $"An organization named {change.Name.Value} already exists.",
        }, OrganizationResponse.From);

    public static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem, ProblemHttpResult>> Tickets(
        int id, TicketDbContext db, ClaimsPrincipal user, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (!await MayReadTicketsOfAsync(db, user, id, ct))
            return Problems.NotFound("Organization", id);
        return TypedResults.Ok(await TicketsApi.NewestFirstPage(db.Tickets.AsNoTracking().Where(t => t.OrganizationId == id), page, ct));
    }

    public static async Task<Results<Ok<CustomerTicketView>, ProblemHttpResult>> TicketView(
        int id, int ticketId, TicketDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var ticket = await MayReadTicketsOfAsync(db, user, id, ct)
            ? await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId && t.OrganizationId == id, ct)
            : null;
        if (ticket is null)
            return Problems.NotFound($"Ticket of organization {id}", ticketId);
        return TypedResults.Ok(await CustomersApi.ViewAsync(db, ticket, ct));
    }

    /// <summary>Staff read any organization's tickets; a customer only their own organization's, and only when it shares them.</summary>
    private static async Task<bool> MayReadTicketsOfAsync(TicketDbContext db, ClaimsPrincipal user, int organizationId, CancellationToken ct)
    {
        if (!user.IsCustomer())
            return await db.Organizations.AnyAsync(o => o.Id == organizationId, ct);
        var customerId = user.CustomerId();
        return await db.Customers.AnyAsync(c => c.Id == customerId && c.OrganizationId == organizationId
            && db.Organizations.Any(o => o.Id == organizationId && o.SharesTickets), ct);
    }

    internal static List<string> NormalizeDomains(IEnumerable<string?>? domains, ValidationErrors errors)
    {
        var result = new List<string>();
        foreach (var raw in domains ?? [])
        {
            var domain = raw?.Trim().TrimStart('@').ToLowerInvariant() ?? "";
            if (Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.') || domain.Length > 253)
                errors.Add("domains", $"'{raw}' is not an email domain such as example.com.");
            else if (!result.Contains(domain))
                result.Add(domain);
        }
        if (result.Count > Organization.MaxDomains)
            errors.Add("domains", $"An organization has at most {Organization.MaxDomains} domains.");
        return result;
    }

    private static async Task RejectTakenDomainsAsync(TicketDbContext db, List<string> domains, int? exceptId, ValidationErrors errors, CancellationToken ct)
    {
        foreach (var domain in domains)
        {
            var owner = await db.Organizations.Where(o => o.Id != exceptId && o.Domains.Contains(domain)).Select(o => o.Name).FirstOrDefaultAsync(ct);
            if (owner is not null)
                errors.Add("domains", $"{domain} already belongs to organization {owner}.");
        }
    }
}
