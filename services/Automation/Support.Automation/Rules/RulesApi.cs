using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Automation.Rules;

/// <summary>The endpoints of an ordered kind of rule (triggers, automations): list in order, read, create, change, delete.</summary>
public static class RulesApi<TRule> where TRule : Rule, IRuleType, new()
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder routes, string tag)
    {
        var api = routes.MapGroup(TRule.Route).WithTags(tag);
        var name = TRule.Resource;
        api.MapGet("/", List).WithName($"List{name}s").WithSummary($"Lists {tag.ToLowerInvariant()} in the order they run (staff).");
        api.MapGet("/{id:int}", Get).WithName($"Get{name}").ProducesProblem(404);
        api.MapPost("/", Create).WithName($"Create{name}").WithSummary("Adds one; validated whole (admin).").ProducesProblem(409);
        api.MapPatch("/{id:int}", Update).WithName($"Update{name}").Accepts<UpdateRuleRequest>("application/json")
            .WithSummary("Changes name, position, active, conditions or actions (admin).").ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapDelete("/{id:int}", Delete).WithName($"Delete{name}").WithSummary("Deletes one and its firing record (admin).").ProducesProblem(404);
        return api;
    }

    public static async Task<Results<Ok<Page<RuleResponse>>, ValidationProblem>> List(
        AutomationDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        // In the order they run; the cursor is the count already read (positions are not unique).
        var skip = (int)Math.Min(page.After ?? 0, int.MaxValue);
        var rows = await db.Set<TRule>().AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).Skip(skip).Take(page.Take + 1).ToListAsync(ct);
        var firings = await TRule.FiringsAsync(db, rows.Select(r => r.Id).ToList(), ct);
        var items = rows.Take(page.Take).Select(r => RuleResponse.From(r, firings.GetValueOrDefault(r.Id))).ToList();
        return TypedResults.Ok(new Page<RuleResponse>(items, rows.Count > page.Take ? Cursor.Encode(skip + page.Take) : null));
    }

    public static async Task<Results<Ok<RuleResponse>, ProblemHttpResult>> Get(int id, AutomationDbContext db, HttpResponse response, CancellationToken ct)
    {
        var rule = await db.Set<TRule>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
            return Problems.NotFound(TRule.Resource, id);
        ETag.Set(response, rule.Version);
        return TypedResults.Ok(await RespondAsync(db, rule, ct));
    }

    public static async Task<Results<Created<RuleResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateRuleRequest request, AutomationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name, Rule.NameMaxLength);
        if (request.Position < 0)
            errors.Add("position", "'position' must be 0 or more.");
        RuleValidation.Check(TRule.Kind, request.Conditions, request.Actions, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.Now();
        var rule = new TRule
        {
            Name = request.Name!.Trim(),
            Position = request.Position ?? (await db.Set<TRule>().MaxAsync(r => (int?)r.Position, ct) ?? -1) + 1,
            Active = request.Active ?? true,
            Conditions = request.Conditions!,
            Actions = request.Actions!.OfType<RuleAction>().ToList(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Set<TRule>().Add(rule);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Conflict(NameTaken(rule.Name));
        }
        return TypedResults.Created($"{TRule.Route}/{rule.Id}", RuleResponse.From(rule, null));
    }

    public static Task<Results<Ok<RuleResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, AutomationDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<TRule, RuleChange>
        {
            Resource = TRule.Resource,
            Read = RuleChange.Read,
            Apply = (rule, change, edit) => change.ApplyTo(rule, TRule.Kind, edit.Errors),
            UniqueConflict = change => NameTaken(change.Name.Value ?? ""),
        }, (rule, ct) => RespondAsync(db, rule, ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, AutomationDbContext db, CancellationToken ct) =>
        await db.Set<TRule>().Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0 ? Problems.NotFound(TRule.Resource, id) : TypedResults.NoContent();

    private static async Task<RuleResponse> RespondAsync(AutomationDbContext db, TRule rule, CancellationToken ct) =>
        RuleResponse.From(rule, (await TRule.FiringsAsync(db, [rule.Id], ct)).GetValueOrDefault(rule.Id));

    private static string NameTaken(string name) => $"A {TRule.Resource.ToLowerInvariant()} named '{name.Trim()}' exists already.";
}
