using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Automation.Rules;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;

namespace Support.Automation.Macros;

/// <summary>
/// Macros: agents keep personal ones, admins the shared ones. A caller sees the shared macros and their own; another's
/// personal macro is not found. Preview answers what a macro would do to a ticket; apply answers the same and counts a use.
/// </summary>
public static class MacrosApi
{
    public static IEndpointRouteBuilder MapMacrosApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/automation/macros").WithTags("Macros");
        api.MapGet("/", List).WithName("ListMacros").WithSummary("The shared macros and the caller's own, oldest first (staff).");
        api.MapGet("/{id:int}", Get).WithName("GetMacro").ProducesProblem(404);
        api.MapPost("/", Create).WithName("CreateMacro").WithSummary("Adds a personal macro, or a shared one (shared: true, admin).").ProducesProblem(403);
        api.MapPatch("/{id:int}", Update).WithName("UpdateMacro").Accepts<UpdateMacroRequest>("application/json")
            .WithSummary("Changes title, description, actions or active: one's own, or a shared one (admin).")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
        api.MapDelete("/{id:int}", Delete).WithName("DeleteMacro").ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/{id:int}/preview", Preview).WithName("PreviewMacro")
            .WithSummary("What the macro would do to the ticket: a merge-patch body for the ticket and the comment.").ProducesProblem(404);
        api.MapPost("/{id:int}/apply", Apply).WithName("ApplyMacro")
            .WithSummary("As preview, when the agent applies it: counts a use of the macro.").ProducesProblem(404);
        return routes;
    }

    public static async Task<Results<Ok<Page<MacroResponse>>, ValidationProblem>> List(
        AutomationDbContext db, ClaimsPrincipal user, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var owner = OwnerOf(user);
        var after = (int)Math.Min(page.After ?? 0, int.MaxValue);
        var rows = await db.Macros.AsNoTracking().Where(m => (m.Owner == null || m.Owner == owner) && m.Id > after)
            .OrderBy(m => m.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, m => m.Id, MacroResponse.From));
    }

    public static async Task<Results<Ok<MacroResponse>, ProblemHttpResult>> Get(int id, AutomationDbContext db, ClaimsPrincipal user, HttpResponse response, CancellationToken ct)
    {
        var macro = await VisibleAsync(db, id, user, ct);
        if (macro is null)
            return Problems.NotFound("Macro", id);
        ETag.Set(response, macro.Version);
        return TypedResults.Ok(MacroResponse.From(macro));
    }

    public static async Task<Results<Created<MacroResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateMacroRequest request, AutomationDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("title", request.Title, Macro.TitleMaxLength);
        errors.MaxLength("description", request.Description, Macro.DescriptionMaxLength);
        RuleValidation.Check(RuleKind.Macro, null, request.Actions, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var shared = request.Shared ?? false;
        if (shared && !IsAdmin(user))
            return Problems.Forbidden("Only an admin makes shared macros; leave 'shared' out for a personal one.");

        var now = clock.Now();
        var macro = new Macro
        {
            Title = request.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Actions = request.Actions!.OfType<RuleAction>().ToList(),
            Owner = shared ? null : OwnerOf(user),
            Active = request.Active ?? true,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Macros.Add(macro);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/automation/macros/{macro.Id}", MacroResponse.From(macro));
    }

    public static async Task<Results<Ok<MacroResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, AutomationDbContext db)
    {
        if (await EditRefusalAsync(db, patch.Id, patch.Request.HttpContext.User, patch.Cancellation) is { } refusal)
            return refusal;
        return await patch.UpdateAsync(db, new MergePatch<Macro, MacroChange>
        {
            Resource = "Macro",
            Read = MacroChange.Read,
            Apply = (macro, change, _) => change.ApplyTo(macro),
        }, MacroResponse.From);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, AutomationDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await EditRefusalAsync(db, id, user, ct) is { } refusal)
            return refusal;
        await db.Macros.Where(m => m.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    public static Task<Results<Ok<MacroPreview>, ValidationProblem, ProblemHttpResult>> Preview(
        int id, MacroTicketRequest request, AutomationDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        PreviewAsync(id, request, db, user, usedAt: null, ct);

    public static Task<Results<Ok<MacroPreview>, ValidationProblem, ProblemHttpResult>> Apply(
        int id, MacroTicketRequest request, AutomationDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        PreviewAsync(id, request, db, user, usedAt: clock.Now(), ct);

    private static async Task<Results<Ok<MacroPreview>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        int id, MacroTicketRequest request, AutomationDbContext db, ClaimsPrincipal user, DateTimeOffset? usedAt, CancellationToken ct)
    {
        if (request.TicketId is not > 0)
            return Problems.Invalid(new Dictionary<string, string[]> { ["ticketId"] = ["'ticketId' is required: a positive ticket id."] });
        var macro = await VisibleAsync(db, id, user, ct);
        if (macro is null)
            return Problems.NotFound("Macro", id);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TicketId, ct);
        if (ticket is null)
            return Problems.NotFound("Ticket", request.TicketId);

        var working = ticket.Clone();
        var effects = new RuleEffects();
        effects.Apply(working, macro.Actions);
        var changes = new Dictionary<string, object?>();
        foreach (var field in RuleCatalog.SettableFields.Where(f => TicketFields.Get(ticket, f) != TicketFields.Get(working, f)))
            changes[field] = field.EndsWith("Id", StringComparison.Ordinal) ? TicketFields.Id(TicketFields.Get(working, field)) : TicketFields.Get(working, field);
        if (!working.Tags.SequenceEqual(ticket.Tags))
            changes["tags"] = working.Tags;
        var comment = effects.Comments.Select(c => new MacroComment(c.Body, c.Public)).FirstOrDefault();
        if (usedAt is not null)
            await db.Macros.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.UsageCount, m => m.UsageCount + 1)
                .SetProperty(m => m.LastUsedAt, usedAt), ct);
        return TypedResults.Ok(new MacroPreview(ticket.Id, changes, comment));
    }

    /// <summary>The macro when the caller may see it: shared, or their own.</summary>
    private static Task<Macro?> VisibleAsync(AutomationDbContext db, int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var owner = OwnerOf(user);
        return db.Macros.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && (m.Owner == null || m.Owner == owner), ct);
    }

    /// <summary>Why the caller may not change the macro: not found (another's personal one), or forbidden (shared, not an admin).</summary>
    private static async Task<ProblemHttpResult?> EditRefusalAsync(AutomationDbContext db, int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var macro = await VisibleAsync(db, id, user, ct);
        if (macro is null)
            return Problems.NotFound("Macro", id);
        return macro.Owner is null && !IsAdmin(user) ? Problems.Forbidden("Only an admin changes a shared macro.") : null;
    }

    private static string OwnerOf(ClaimsPrincipal user) => RequestActor.From(user) is var actor ? $"{actor.Type}:{actor.Id}" : "";

    private static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(SupportRoles.Admin);
}
