using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Customers;

public record CreateCustomerRequest(string? Email, string? Name, string? Phone, int? OrganizationId, string? Notes, CustomerStatus? Status, decimal? Value);

/// <summary>The body of PATCH /api/customers/{id}, as documented: send only the fields to change; null clears.</summary>
public record UpdateCustomerRequest(string? Email, string? Name, string? Phone, int? OrganizationId, string? Notes, CustomerStatus? Status, decimal? Value);

public record CustomerResponse(
    int Id, string Email, string Name, string? Phone, int? OrganizationId, string? Notes, CustomerStatus Status, decimal? Value,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CustomerResponse From(Customer c) =>
        new(c.Id, c.Email, c.Name, c.Phone, c.OrganizationId, c.Notes, c.Status, c.Value, c.CreatedAt, c.UpdatedAt);
}

/// <summary>What the requester sees of a ticket: the ticket and its public conversation, never internal notes.</summary>
public record CustomerTicketView(TicketResponse Ticket, IReadOnlyList<CommentResponse> Comments);

public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/customers").WithTags("Customers");
        api.MapPost("/", Create).WithName("CreateCustomer").ProducesProblem(409);
        api.MapGet("/", List).WithName("ListCustomers");
        api.MapGet("/{id:int}", Get).WithName("GetCustomer").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateCustomer").Accepts<UpdateCustomerRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapGet("/{id:int}/tickets", Tickets).WithName("ListCustomerTickets").ProducesProblem(404);
        api.MapGet("/{id:int}/tickets/{ticketId:int}", CustomerView).WithName("GetCustomerTicketView").ProducesProblem(404);
        return api;
    }

    public static async Task<Results<Created<CustomerResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateCustomerRequest request, TicketDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Email("email", request.Email);
        errors.Required("name", request.Name, Customer.NameMaxLength);
        errors.MaxLength("phone", request.Phone, Customer.PhoneMaxLength);
        errors.MaxLength("notes", request.Notes, Customer.NotesMaxLength);
        ValidateValue(errors, request.Value);
        if (request.OrganizationId is { } organizationId && !await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
            errors.Add("organizationId", $"Organization {organizationId} does not exist.");
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.Now();
        var email = EmailAddress.Normalize(request.Email!);
        var customer = new Customer
        {
            Email = email,
            Name = request.Name!.Trim(),
            Phone = request.Phone,
            Notes = request.Notes,
            Status = request.Status ?? CustomerStatus.Active,
            Value = request.Value,
            OrganizationId = request.OrganizationId ?? await CustomerDirectory.OrganizationForAsync(db, email, ct),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Customers.Add(customer);
        try
        {
            await db.SaveWithEventsAsync(() => CustomerDirectory.RecordCreated(db, customer), ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Conflict($"A customer with email {email} already exists.");
        }
        return TypedResults.Created($"/api/customers/{customer.Id}", CustomerResponse.From(customer));
    }

    public static async Task<Results<Ok<Page<CustomerResponse>>, ValidationProblem>> List(
        TicketDbContext db, CancellationToken ct, string? q = null, string? email = null, int? organizationId = null,
        int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = EmailAddress.Normalize(email);
            query = query.Where(c => c.Email == normalized);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.Email.Contains(text) || c.Name.ToLower().Contains(text));
        }
        if (organizationId is not null)
            query = query.Where(c => c.OrganizationId == organizationId);
        if (page.After is { } after)
            query = query.Where(c => c.Id < after);
        var rows = await query.OrderByDescending(c => c.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, c => c.Id, CustomerResponse.From));
    }

    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Get(int id, TicketDbContext db, HttpResponse response, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
            return Problems.NotFound("Customer", id);
        ETag.Set(response, customer.Version);
        return TypedResults.Ok(CustomerResponse.From(customer));
    }

    /// <summary>Changes name, email, phone, organizationId, notes, status or value; null clears phone, organizationId, notes or value.</summary>
    public static Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, TicketDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<Customer, CustomerChange>
        {
            Resource = "Customer",
            Read = CustomerChange.Read,
            CheckAsync = async (change, errors, ct) =>
            {
                if (change.OrganizationId.Value is { } organizationId && !await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
                    errors.Add("organizationId", $"Organization {organizationId} does not exist.");
            },
            Apply = (customer, change, _) => change.ApplyTo(customer),
            RecordAsync = (customer, _, _, _) =>
            {
                CustomerDirectory.RecordUpdated(db, customer);
                return Task.CompletedTask;
            },
            UniqueConflict = change => $"Another customer already has email {EmailAddress.Normalize(change.Email.Value!)}.",
        }, CustomerResponse.From);

    internal static void ValidateValue(ValidationErrors errors, decimal? value)
    {
        if (value is < 0 or > Customer.ValueMax)
            errors.Add("value", $"'value' must be between 0 and {Customer.ValueMax}.");
        else if (value is { } v && decimal.Round(v, 2) != v)
            errors.Add("value", "'value' must have at most 2 decimal places.");
    }

    /// <summary>The customer's interaction history: their tickets, newest first.</summary>
    public static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem, ProblemHttpResult>> Tickets(
        int id, TicketDbContext db, ClaimsPrincipal user, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        if (user.IsAnotherCustomerThan(id))
            return Problems.NotFound("Customer", id);
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct))
            return Problems.NotFound("Customer", id);
        return TypedResults.Ok(await TicketsApi.NewestFirstPage(db.Tickets.AsNoTracking().Where(t => t.RequesterId == id), page, ct));
    }

    /// <summary>A customer-facing view of one of the customer's tickets: public comments only.</summary>
    public static async Task<Results<Ok<CustomerTicketView>, ProblemHttpResult>> CustomerView(
        int id, int ticketId, TicketDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsAnotherCustomerThan(id))
            return Problems.NotFound($"Ticket of customer {id}", ticketId);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId && t.RequesterId == id, ct);
        if (ticket is null)
            return Problems.NotFound($"Ticket of customer {id}", ticketId);
        return TypedResults.Ok(await ViewAsync(db, ticket, ct));
    }

    /// <summary>The ticket as its requester (or a member of its shared organization) sees it: public comments only.</summary>
    internal static async Task<CustomerTicketView> ViewAsync(TicketDbContext db, Tickets.Ticket ticket, CancellationToken ct)
    {
        var comments = await db.Comments.AsNoTracking().Where(c => c.TicketId == ticket.Id && c.Public).OrderBy(c => c.Id).ToListAsync(ct);
        return new CustomerTicketView(TicketResponse.From(ticket), comments.Select(CommentResponse.From).ToList());
    }
}
