using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using FromBodyAttribute = Microsoft.AspNetCore.Mvc.FromBodyAttribute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Hosting.Http;
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
    public static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> Update(
        int id, [FromBody] JsonElement body, TicketDbContext db, TimeProvider clock, IOptions<JsonOptions> json,
        HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var patch = JsonPatch.Read(body, json.Value.SerializerOptions, errors);
        string? name = null, email = null, phone = null, notes = null;
        int? organizationId = null;
        CustomerStatus? status = null;
        decimal? value = null;
        bool setName = false, setEmail = false, setPhone = false, setNotes = false, setOrganization = false, setStatus = false, setValue = false;
        if (patch is not null)
        {
            setName = patch.TryGet("name", out name);
            setEmail = patch.TryGet("email", out email);
            setPhone = patch.TryGet("phone", out phone, nullable: true);
            setNotes = patch.TryGet("notes", out notes, nullable: true);
            setOrganization = patch.TryGet("organizationId", out organizationId, nullable: true);
            setStatus = patch.TryGet("status", out status);
            setValue = patch.TryGet("value", out value, nullable: true);
            patch.RejectUnknownFields();
        }
        if (setName) errors.Required("name", name, Customer.NameMaxLength);
        if (setEmail) errors.Email("email", email);
        errors.MaxLength("phone", phone, Customer.PhoneMaxLength);
        errors.MaxLength("notes", notes, Customer.NotesMaxLength);
        ValidateValue(errors, value);
        if (organizationId is { } orgId && !await db.Organizations.AnyAsync(o => o.Id == orgId, ct))
            errors.Add("organizationId", $"Organization {orgId} does not exist.");
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        try
        {
            return await db.RetryOnConcurrencyAsync<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>>(async () =>
            {
                var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
                if (customer is null)
                    return Problems.NotFound("Customer", id);
                if (!ETag.Matches(request, customer.Version))
                    return Problems.PreconditionFailed();
                if (setName) customer.Name = name!.Trim();
                if (setEmail) customer.Email = EmailAddress.Normalize(email!);
                if (setPhone) customer.Phone = phone;
                if (setNotes) customer.Notes = notes;
                if (setOrganization) customer.OrganizationId = organizationId;
                if (setStatus) customer.Status = status!.Value;
                if (setValue) customer.Value = value;
                if (db.ChangeTracker.HasChanges())
                {
                    customer.UpdatedAt = clock.Now();
                    customer.Version++;
                    CustomerDirectory.RecordUpdated(db, customer);
                    await db.SaveChangesAsync(ct);
                }
                ETag.Set(response, customer.Version);
                return TypedResults.Ok(CustomerResponse.From(customer));
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Conflict($"Another customer already has email {EmailAddress.Normalize(email!)}.");
        }
    }

    private static void ValidateValue(ValidationErrors errors, decimal? value)
    {
        if (value is < 0 or > Customer.ValueMax)
            errors.Add("value", $"'value' must be between 0 and {Customer.ValueMax}.");
        else if (value is { } v && decimal.Round(v, 2) != v)
            errors.Add("value", "'value' must have at most 2 decimal places.");
    }

    /// <summary>The customer's interaction history: their tickets, newest first.</summary>
    public static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem, ProblemHttpResult>> Tickets(
        int id, TicketDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
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
        int id, int ticketId, TicketDbContext db, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId && t.RequesterId == id, ct);
        if (ticket is null)
            return Problems.NotFound($"Ticket of customer {id}", ticketId);
        var comments = await db.Comments.AsNoTracking().Where(c => c.TicketId == ticketId && c.Public).OrderBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(new CustomerTicketView(TicketResponse.From(ticket), comments.Select(CommentResponse.From).ToList()));
    }
}
