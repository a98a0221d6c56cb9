using Support.Hosting.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Tickets;
using Support.Contracts;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;
using Support.Ticket.Customers;
using Support.Ticket.Data;

namespace Support.Ticket.Tickets;

public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/tickets").WithTags("Tickets");
        api.MapPost("/", Create).WithName("CreateTicket");
        api.MapGet("/", List).WithName("ListTickets");
        api.MapGet("/{id:int}", Get).WithName("GetTicket").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateTicket").Accepts<UpdateTicketRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapPost("/{id:int}/comments", AddComment).WithName("AddTicketComment").ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/{id:int}/comments", ListComments).WithName("ListTicketComments").ProducesProblem(404);
        api.MapGet("/{id:int}/audit", ListAudit).WithName("ListTicketAudit").ProducesProblem(404);
        api.MapPost("/{id:int}/satisfaction", RateSatisfaction).WithName("RateTicketSatisfaction").ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    public static async Task<Results<Created<TicketResponse>, ValidationProblem>> Create(
        CreateTicketRequest request, TicketDbContext db, TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("subject", request.Subject, Ticket.SubjectMaxLength);
        errors.RequiredMaxBytes("description", request.Description, Ticket.DescriptionMaxBytes);
        // A customer is the requester of the tickets they open.
        if (http.HttpContext.User.IsCustomer())
            request = request with { Requester = SignedInRequester(http.HttpContext.User, errors) };
        if (request.Requester is null)
            errors.Add("requester", "'requester' is required.");
        else
        {
            errors.Email("requester.email", request.Requester.Email);
            errors.MaxLength("requester.name", request.Requester.Name, Customer.NameMaxLength);
        }
        var tags = Tags.Normalize(request.Tags, "tags", errors);
        var actor = RequestActor.From(http);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        // Two first tickets from one new requester at once: the loser of the customer insert retries and finds it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = clock.Now();
                var (requester, isNew) = await CustomerDirectory.FindOrAddAsync(db, request.Requester!.Email!, request.Requester.Name, now, ct);
                var ticket = new Ticket
                {
                    Subject = request.Subject!.Trim(),
                    Description = request.Description!,
                    Priority = request.Priority ?? TicketPriority.Normal,
                    PriorityGiven = request.Priority is not null,
                    Type = request.Type,
                    Channel = request.Channel ?? TicketChannel.Api,
                    Requester = requester,
                    OrganizationId = requester.OrganizationId,
                    Tags = tags,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Tickets.Add(ticket);
                await db.SaveWithEventsAsync(() =>
                {
                    if (isNew)
                        CustomerDirectory.RecordCreated(db, requester);
                    // An integration opens tickets for their requester; so does a customer not yet linked to their record.
                    var creator = actor.Type == "integration" || actor is { Type: "customer", Id: null } ? new Actor("customer", requester.Id.ToString()) : actor;
                    TicketHistory.RecordCreated(db, ticket, creator);
                }, ct);
                return TypedResults.Created($"/api/tickets/{ticket.Id}", TicketResponse.From(ticket));
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static RequesterInput? SignedInRequester(ClaimsPrincipal user, ValidationErrors errors)
    {
        if (user.FindFirstValue(SupportClaims.Email) is { Length: > 0 } email)
            return new RequesterInput(email, user.FindFirstValue(SupportClaims.Name));
        errors.Add("requester", "Your account has no email address to open tickets with.");
        return null;
    }

    public static async Task<Results<Ok<Page<TicketResponse>>, ValidationProblem>> List(
        TicketDbContext db, CancellationToken ct,
        string? status = null, string? priority = null, int? assigneeId = null, int? requesterId = null,
        int? organizationId = null, int? groupId = null, string? tag = null, string? q = null,
        DateTimeOffset? createdFrom = null, DateTimeOffset? createdTo = null,
        DateTimeOffset? updatedFrom = null, DateTimeOffset? updatedTo = null,
        int? limit = null, string? cursor = null, string? sort = null)
    {
        var errors = new ValidationErrors();
        var statuses = ParseList<TicketStatus>(status, "status", errors);
        var priorities = ParseList<TicketPriority>(priority, "priority", errors);
        var order = ReadSort(sort, errors);
        // Each order has its own cursors: one from the other order is refused, naming 'cursor'.
        var page = order == TicketSort.SlaDue ? new PageRequest(null, Cursor.Limit(limit, errors)) : PageRequest.Read(limit, cursor, errors);
        var afterDue = order == TicketSort.SlaDue ? Cursor.DecodeTimed(cursor, errors) : null;
        SupportedDates.Check("createdFrom", createdFrom, errors);
        SupportedDates.Check("createdTo", createdTo, errors);
        SupportedDates.Check("updatedFrom", updatedFrom, errors);
        SupportedDates.Check("updatedTo", updatedTo, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var query = db.Tickets.AsNoTracking();
        if (statuses.Count > 0) query = query.Where(t => statuses.Contains(t.Status));
        if (priorities.Count > 0) query = query.Where(t => priorities.Contains(t.Priority));
        if (assigneeId is not null) query = query.Where(t => t.AssigneeId == assigneeId);
        if (requesterId is not null) query = query.Where(t => t.RequesterId == requesterId);
        if (organizationId is not null) query = query.Where(t => t.OrganizationId == organizationId);
        if (groupId is not null) query = query.Where(t => t.GroupId == groupId);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var wanted = tag.Trim().ToLowerInvariant();
            query = query.Where(t => t.Tags.Contains(wanted));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(t => t.Subject.ToLower().Contains(text) || t.Description.ToLower().Contains(text));
        }
        if (createdFrom is not null) query = query.Where(t => t.CreatedAt >= createdFrom);
        if (createdTo is not null) query = query.Where(t => t.CreatedAt < createdTo);
        if (updatedFrom is not null) query = query.Where(t => t.UpdatedAt >= updatedFrom);
        if (updatedTo is not null) query = query.Where(t => t.UpdatedAt < updatedTo);
        return TypedResults.Ok(order == TicketSort.SlaDue ? await SlaDueFirstPage(query, page.Take, afterDue, ct) : await NewestFirstPage(query, page, ct));
    }

    private static TicketSort ReadSort(string? sort, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(sort))
            return TicketSort.Newest;
        if (EnumText.Parse<TicketSort>(sort) is { } order)
            return order;
        errors.Add("sort", $"'sort' must be one of: {EnumText.Allowed<TicketSort>()}.");
        return TicketSort.Newest;
    }

    /// <summary>Newest first, keyed on the id: tickets created while a client pages appear before its first page.</summary>
    internal static async Task<Page<TicketResponse>> NewestFirstPage(IQueryable<Ticket> query, PageRequest page, CancellationToken ct)
    {
        if (page.After is { } after)
            query = query.Where(t => t.Id < after);
        var rows = await query.OrderByDescending(t => t.Id).Take(page.Take + 1).ToListAsync(ct);
        return Page.From(rows, page, t => t.Id, TicketResponse.From);
    }

    /// <summary>
    /// The earliest SLA due time first (ties by id), then the tickets with nothing due, newest first; keyed on (due time,
    /// id), each part read along its own index.
    /// </summary>
    internal static async Task<Page<TicketResponse>> SlaDueFirstPage(
        IQueryable<Ticket> query, int take, (DateTimeOffset? At, long Id)? after, CancellationToken ct)
    {
        var rows = new List<Ticket>();
        if (after is not { At: null })
        {
            var due = query.Where(t => t.SlaDueAt != null);
            if (after is { At: { } at, Id: var id })
                due = due.Where(t => t.SlaDueAt > at || (t.SlaDueAt == at && t.Id > id));
            rows.AddRange(await due.OrderBy(t => t.SlaDueAt).ThenBy(t => t.Id).Take(take + 1).ToListAsync(ct));
        }
        if (rows.Count <= take)
        {
            var nothingDue = query.Where(t => t.SlaDueAt == null);
            if (after is { At: null, Id: var id })
                nothingDue = nothingDue.Where(t => t.Id < id);
            rows.AddRange(await nothingDue.OrderByDescending(t => t.Id).Take(take + 1 - rows.Count).ToListAsync(ct));
        }
        var items = rows.Take(take).ToList();
        return new Page<TicketResponse>(items.Select(TicketResponse.From).ToList(),
            rows.Count > take ? Cursor.Encode(items[^1].SlaDueAt, items[^1].Id) : null);
    }

    public static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> Get(int id, TicketDbContext db, HttpResponse response, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null)
            return Problems.NotFound("Ticket", id);
        ETag.Set(response, ticket.Version);
        return TypedResults.Ok(TicketResponse.From(ticket));
    }

    /// <summary>
    /// Changes status, priority, type, assigneeId, groupId, category, tags or subject. An explicit null clears
    /// assigneeId, groupId, type or category. With If-Match, a stale ETag gets 412.
    /// </summary>
    public static Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, TicketDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<Ticket, (Actor Actor, TicketChange Change)>
        {
            Resource = "Ticket",
            Read = (fields, errors) => (RequestActor.From(patch.Request), TicketChange.Read(fields, errors)),
            Apply = (ticket, request, edit) =>
            {
                if (ticket.Status == TicketStatus.Closed)
                    return edit.Refuse("A closed ticket cannot change.", "Open a follow-up ticket instead.");
                var before = TicketSnapshot.Of(ticket);
                return request.Change.ApplyTo(ticket, edit.Now, edit.Errors)
                    && TicketHistory.RecordChanges(db, before, ticket, request.Actor, edit.Now).Count > 0;
            },
        }, TicketResponse.From);

    public static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> AddComment(
        int id, AddCommentRequest request, TicketDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var user = response.HttpContext.User;
        var errors = new ValidationErrors();
        errors.RequiredMaxBytes("body", request.Body, TicketComment.BodyMaxBytes);
        if (request.Public is null && !user.IsCustomer())
            errors.Add("public", "'public' is required: true for a reply the requester sees, false for an internal note.");
        if (request.Public == false && user.IsCustomer())
            errors.Add("public", "A customer's comment is public.");
        // A user writes as themselves; an integration (an email channel, a CRM) names the author it speaks for.
        var caller = RequestActor.From(user);
        var signedIn = user.FindFirst(SupportClaims.Role) is not null;
        if (!signedIn && request.Author?.Type is null)
            errors.Add("author.type", $"'author.type' is required: one of {EnumText.Allowed<AuthorType>()}.");
        errors.MaxLength("author.id", request.Author?.Id, 64);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var (authorType, authorId) = !signedIn ? (request.Author!.Type!.Value, request.Author.Id)
            : user.IsCustomer() ? (AuthorType.Customer, caller.Id) : (AuthorType.Agent, caller.Id);
        var author = signedIn ? caller : new Actor(authorType.Wire(), authorId);
        var isPublic = request.Public ?? true;

        return await db.RetryOnConcurrencyAsync<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket is null || user.IsAnotherCustomerThan(ticket.RequesterId))
                return Problems.NotFound("Ticket", id);
            if (ticket.Status == TicketStatus.Closed)
                return Problems.Conflict("A closed ticket takes no more comments.", "Open a follow-up ticket instead.");

            var now = clock.Now();
            var before = TicketSnapshot.Of(ticket);
            var added = TicketComments.Add(db, ticket, request.Body!, isPublic, authorType, author, now);
            ticket.UpdatedAt = now;
            ticket.Version++;
            await db.SaveWithEventsAsync(() =>
            {
                added.Record(db);
                TicketHistory.RecordChanges(db, before, ticket, author, now);
            }, ct);
            ETag.Set(response, ticket.Version);
            return TypedResults.Created($"/api/tickets/{id}/comments", CommentResponse.From(added.Comment));
        }, ct);
    }

    public static async Task<Results<Ok<Page<CommentResponse>>, ValidationProblem, ProblemHttpResult>> ListComments(
        int id, TicketDbContext db, CancellationToken ct, bool? @public = null, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (!await db.Tickets.AnyAsync(t => t.Id == id, ct))
            return Problems.NotFound("Ticket", id);

        // Oldest first, as a conversation reads.
        var after = page.After ?? 0;
        var query = db.Comments.AsNoTracking().Where(c => c.TicketId == id && c.Id > after);
        if (@public is not null)
            query = query.Where(c => c.Public == @public);
        var rows = await query.OrderBy(c => c.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, c => c.Id, CommentResponse.From));
    }

    public static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem, ProblemHttpResult>> ListAudit(
        int id, TicketDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (!await db.Tickets.AnyAsync(t => t.Id == id, ct))
            return Problems.NotFound("Ticket", id);

        var after = page.After ?? 0;
        var rows = await db.Audit.AsNoTracking().Where(a => a.TicketId == id && a.Id > after).OrderBy(a => a.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, a => a.Id, AuditEntryResponse.From));
    }

    /// <summary>The requester rates a solved ticket good or bad; the rating may change until the ticket closes.</summary>
    public static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> RateSatisfaction(
        int id, RateSatisfactionRequest request, TicketDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Score is null)
            errors.Add("score", $"'score' is required: one of {EnumText.Allowed<SatisfactionScore>()}.");
        errors.MaxLength("comment", request.Comment, TicketComment.BodyMaxBytes);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        return await db.RetryOnConcurrencyAsync<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket is null || response.HttpContext.User.IsAnotherCustomerThan(ticket.RequesterId))
                return Problems.NotFound("Ticket", id);
            if (!ticket.CanBeRated)
                return Problems.Conflict($"Only a solved ticket can be rated; this one is {ticket.Status.Wire()}.");

            var now = clock.Now();
            var before = TicketSnapshot.Of(ticket);
            ticket.Satisfaction = request.Score;
            ticket.SatisfactionComment = request.Comment;
            ticket.SatisfactionRatedAt = now;
            ticket.UpdatedAt = now;
            ticket.Version++;
            var rater = new Actor("customer", ticket.RequesterId.ToString());
            TicketHistory.RecordChanges(db, before, ticket, rater, now);
            db.AddEvent(new SatisfactionRated(id, request.Score!.Value.Wire(), request.Comment, ticket.AssigneeId, ticket.RequesterId, now),
                TicketHistory.Aggregate(id), now);
            await db.SaveChangesAsync(ct);
            ETag.Set(response, ticket.Version);
            return TypedResults.Ok(TicketResponse.From(ticket));
        }, ct);
    }

    internal static List<T> ParseList<T>(string? values, string field, ValidationErrors errors) where T : struct, Enum
    {
        var result = new List<T>();
        foreach (var value in (values ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (EnumText.Parse<T>(value) is { } match)
                result.Add(match);
            else
                errors.Add(field, $"'{value}' is not a {field}: use one of {EnumText.Allowed<T>()}.");
        }
        return result;
    }
}
