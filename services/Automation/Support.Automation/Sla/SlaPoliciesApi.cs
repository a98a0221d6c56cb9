using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;

namespace Support.Automation.Sla;

public static class SlaPoliciesApi
{
    public static IEndpointRouteBuilder MapSlaPoliciesApi(this IEndpointRouteBuilder routes)
    {
        var policies = routes.MapGroup("/api/automation/sla-policies").WithTags("SLA policies");
        policies.MapPost("/", Create).WithName("CreateSlaPolicy")
            .WithSummary("Adds an SLA policy: conditions on the ticket, and targets per priority (admin). Applies to tickets from their next event.")
            .ProducesProblem(409);
        policies.MapGet("/", List).WithName("ListSlaPolicies").WithSummary("Lists the SLA policies in the order they are tried.");
        policies.MapGet("/{id:int}", Get).WithName("GetSlaPolicy").ProducesProblem(404);
        policies.MapPatch("/{id:int}", Update).WithName("UpdateSlaPolicy").WithSummary("Changes an SLA policy (admin).")
            .Accepts<UpdateSlaPolicyRequest>("application/json").ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        policies.MapDelete("/{id:int}", Delete).WithName("DeleteSlaPolicy")
            .WithSummary("Deletes an SLA policy; its tickets' targets are cancelled at their next event (admin).").ProducesProblem(404);
        return routes;
    }

    public static IEndpointRouteBuilder MapTicketSlaApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/automation/tickets/{id:int}/sla", GetTicketSla).WithTags("SLA policies").WithName("GetTicketSla")
            .WithSummary("A ticket's SLA: the policy applied, each target's status, due time and time left.").ProducesProblem(404);
        return routes;
    }

    public static async Task<Results<Created<SlaPolicyResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateSlaPolicyRequest request, AutomationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name, SlaPolicy.NameMaxLength);
        errors.MaxLength("description", request.Description, 1000);
        if (request.Position < 0)
            errors.Add("position", "'position' must be 0 or more.");
        var conditions = SlaPolicyFields.Conditions(request.Conditions, errors);
        var targets = SlaPolicyFields.Targets(request.Targets, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var name = request.Name!.Trim();

        var now = clock.Now();
        var policy = new SlaPolicy
        {
            Name = name, Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Position = request.Position ?? (await db.SlaPolicies.MaxAsync(p => (int?)p.Position, ct) ?? -1) + 1,
            Conditions = conditions, Targets = targets, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        db.SlaPolicies.Add(policy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return Problems.Conflict($"An SLA policy named '{name}' exists already.");
        }
        return TypedResults.Created($"/api/automation/sla-policies/{policy.Id}", SlaPolicyResponse.From(policy));
    }

    public static async Task<Ok<Page<SlaPolicyResponse>>> List(AutomationDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new Page<SlaPolicyResponse>(
            (await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(ct)).Select(SlaPolicyResponse.From).ToList(), null));

    public static async Task<Results<Ok<SlaPolicyResponse>, ProblemHttpResult>> Get(int id, AutomationDbContext db, HttpResponse response, CancellationToken ct)
    {
        var policy = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
            return Problems.NotFound("SLA policy", id);
        ETag.Set(response, policy.Version);
        return TypedResults.Ok(SlaPolicyResponse.From(policy));
    }

    public static Task<Results<Ok<SlaPolicyResponse>, ValidationProblem, ProblemHttpResult>> Update([AsParameters] MergePatchRequest patch, AutomationDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<SlaPolicy, SlaPolicyChange>
        {
            Resource = "SLA policy",
            Read = SlaPolicyChange.Read,
            Apply = (policy, change, _) => change.ApplyTo(policy),
            UniqueConflict = change => $"An SLA policy named '{change.Name.Value?.Trim()}' exists already.",
        }, SlaPolicyResponse.From);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, AutomationDbContext db, CancellationToken ct) =>
        await db.SlaPolicies.Where(p => p.Id == id).ExecuteDeleteAsync(ct) == 0 ? Problems.NotFound("SLA policy", id) : TypedResults.NoContent();

    public static async Task<Results<Ok<TicketSlaResponse>, ProblemHttpResult>> GetTicketSla(int id, AutomationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null)
            return Problems.NotFound("Ticket", id);
        var targets = await db.SlaTargets.AsNoTracking().Where(t => t.TicketId == id).OrderBy(t => t.Id).ToListAsync(ct);
        var policyName = ticket.SlaPolicyId is { } policyId ? await db.SlaPolicies.Where(p => p.Id == policyId).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        var calendar = await Schedules.BusinessSchedules.CalendarForAsync(db, ticket.GroupId, ct);
        var timer = new SlaTargetClock(calendar, TimeSpan.Zero);
        var now = clock.Now();
        return TypedResults.Ok(new TicketSlaResponse(id, ticket.SlaPolicyId, policyName, ticket.SlaNextDueAt, targets.Select(t =>
        {
            var elapsed = t.Elapsed + (t.RunningSince is { } since ? timer.Span(t.BusinessHours, since, now) : TimeSpan.Zero);
            double? left = t.FulfilledAt is not null || t.Status == SlaTargetStatus.Cancelled ? null
                : t.DueAt is { } due ? (due >= now ? timer.Span(t.BusinessHours, now, due) : -timer.Span(t.BusinessHours, due, now)).TotalMinutes
                : (TimeSpan.FromMinutes(t.Minutes) - elapsed).TotalMinutes;
            return new TicketSlaTargetResponse(t.Metric, t.Minutes, t.BusinessHours, t.Status.Wire(), t.StartedAt, t.DueAt,
                left is { } l ? Math.Round(l, 2) : null, Math.Round(elapsed.TotalMinutes, 2), t.BreachedAt, t.FulfilledAt, t.PolicyId);
        }).ToList()));
    }
}
