using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Groups;

public record CreateGroupRequest(
    string? Name, int? Tier, string? Policy, int? EscalatesTo, bool? IsDefault,
    int? EscalateUnassignedAfterMinutes, int? EscalateUnansweredAfterMinutes, bool? EscalateUrgent, bool? EscalateOnSlaBreach);

/// <summary>The body of PATCH /api/groups/{id}: send only the fields to change; null clears escalatesTo and the escalation times.</summary>
public record UpdateGroupRequest(
    string? Name, int? Tier, string? Policy, int? EscalatesTo, bool? IsDefault,
    int? EscalateUnassignedAfterMinutes, int? EscalateUnansweredAfterMinutes, bool? EscalateUrgent, bool? EscalateOnSlaBreach);

public record GroupResponse(
    int Id, string Name, int Tier, string Policy, int? EscalatesTo, bool IsDefault,
    int? EscalateUnassignedAfterMinutes, int? EscalateUnansweredAfterMinutes, bool EscalateUrgent, bool EscalateOnSlaBreach,
    int Agents, int Queued, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class GroupsApi
{
    public const int MaxEscalationMinutes = 30 * 24 * 60;

    public static RouteGroupBuilder MapGroupsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/groups").WithTags("Groups");
        api.MapPost("/", Create).WithName("CreateGroup").ProducesProblem(409);
        api.MapGet("/", List).WithName("ListGroups");
        api.MapGet("/{id:int}", Get).WithName("GetGroup").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateGroup").Accepts<UpdateGroupRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        return api;
    }

    public static async Task<Results<Created<GroupResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateGroupRequest request, RoutingDbContext db, TicketRouter router, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name, Group.NameMaxLength);
        var policy = ReadPolicy(request.Policy, errors, required: true);
        ValidateFields(request.Tier ?? 1, request.EscalateUnassignedAfterMinutes, request.EscalateUnansweredAfterMinutes, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        await using var change = await RoutingLock.EnterAsync(db, ct);
        var now = clock.Now();
        var group = new Group
        {
            Name = request.Name!.Trim(), Tier = request.Tier ?? 1, Policy = policy!.Value, EscalatesToId = request.EscalatesTo,
            EscalateUnassignedAfterMinutes = request.EscalateUnassignedAfterMinutes, EscalateUnansweredAfterMinutes = request.EscalateUnansweredAfterMinutes,
            EscalateUrgent = request.EscalateUrgent ?? false, EscalateOnSlaBreach = request.EscalateOnSlaBreach ?? false, IsDefault = request.IsDefault ?? false, CreatedAt = now, UpdatedAt = now,
        };
        await ValidateEscalationAsync(db, group, errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (await db.Groups.AnyAsync(g => g.Name == group.Name, ct))
            return Problems.Conflict($"A group named {group.Name} already exists.");
        if (group.IsDefault)
            await StopBeingDefaultAsync(db, exceptId: 0, now, ct);
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);

        // Tickets that arrived before any group existed wait for one.
        var waiting = await db.Tickets.Where(t => t.State == RoutingState.Queued && t.GroupId == null).OrderBy(t => t.TicketId).ToListAsync(ct);
        foreach (var ticket in waiting)
            await router.RouteAsync(ticket, preferredAgentId: null, groupId: null, ct);
        await change.CommitAsync(ct);
        ETag.Set(response, group.Version);
        return TypedResults.Created($"/api/groups/{group.Id}", await ResponseAsync(db, group, ct));
    }

    public static async Task<Ok<List<GroupResponse>>> List(RoutingDbContext db, CancellationToken ct)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Tier).ThenBy(g => g.Name).ToListAsync(ct);
        var queued = await db.Tickets.Where(t => t.State == RoutingState.Queued && t.GroupId != null)
            .GroupBy(t => t.GroupId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var memberships = await db.Agents.AsNoTracking().Select(a => a.GroupIds).ToListAsync(ct);
        return TypedResults.Ok(groups.Select(g => From(g, memberships.Count(m => m.Contains(g.Id)), queued.GetValueOrDefault(g.Id))).ToList());
    }

    public static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> Get(int id, RoutingDbContext db, HttpResponse response, CancellationToken ct)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
            return Problems.NotFound("Group", id);
        ETag.Set(response, group.Version);
        return TypedResults.Ok(await ResponseAsync(db, group, ct));
    }

    /// <summary>Changes any field; a group that becomes the default takes over from the one that was, and a new policy drains its queue.</summary>
    public static Task<Results<Ok<GroupResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, RoutingDbContext db, TicketRouter router) =>
        patch.UpdateAsync(db, new MergePatch<Group, GroupChange>
        {
            Resource = "Group",
            Lock = RoutingLock.Key,
            Read = GroupChange.Read,
            Apply = (group, change, _) => change.ApplyTo(group),
            VerifyAsync = async (group, edit, ct) =>
            {
                await ValidateEscalationAsync(db, group, edit.Errors, ct);
                if (!edit.Errors.Any && await db.Groups.AnyAsync(g => g.Name == group.Name && g.Id != group.Id, ct))
                    edit.Refuse($"A group named {group.Name} already exists.");
            },
            RecordAsync = async (group, _, edit, ct) =>
            {
                if (group.IsDefault)
                    await StopBeingDefaultAsync(db, exceptId: group.Id, edit.Now, ct);
                router.DrainLater([group.Id]); // a new policy may find an agent for what waits
                await router.DrainAsync(ct);
            },
        }, (group, ct) => ResponseAsync(db, group, ct));

    /// <summary>There is one default group: the one that was, is no longer (a change, so its version moves).</summary>
    private static Task StopBeingDefaultAsync(RoutingDbContext db, int exceptId, DateTimeOffset now, CancellationToken ct) =>
        db.Groups.Where(g => g.IsDefault && g.Id != exceptId).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.IsDefault, false)
            .SetProperty(g => g.Version, g => g.Version + 1)
            .SetProperty(g => g.UpdatedAt, now), ct);

    public static RoutingPolicy? ReadPolicy(string? text, ValidationErrors errors, bool required)
    {
        if (EnumText.Parse<RoutingPolicy>(text) is { } policy)
            return policy;
        if (text is not null || required)
            errors.Add("policy", $"'policy' must be one of: {EnumText.Allowed<RoutingPolicy>()}.");
        return null;
    }

    internal static void ValidateFields(int tier, int? unassignedMinutes, int? unansweredMinutes, ValidationErrors errors)
    {
        if (tier is < 1 or > Group.MaxTier)
            errors.Add("tier", $"'tier' must be from 1 (front line) to {Group.MaxTier}.");
        if (unassignedMinutes is < 1 or > MaxEscalationMinutes)
            errors.Add("escalateUnassignedAfterMinutes", $"'escalateUnassignedAfterMinutes' must be from 1 to {MaxEscalationMinutes}.");
        if (unansweredMinutes is < 1 or > MaxEscalationMinutes)
            errors.Add("escalateUnansweredAfterMinutes", $"'escalateUnansweredAfterMinutes' must be from 1 to {MaxEscalationMinutes}.");
    }

    /// <summary>A group escalates to an existing group of a higher tier, without a loop; groups escalating to it stay below it.</summary>
    private static async Task ValidateEscalationAsync(RoutingDbContext db, Group group, ValidationErrors errors, CancellationToken ct)
    {
        var all = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, ct);
        all[group.Id] = group;
        if (group.EscalateUrgent && group.EscalatesToId is null)
            errors.Add("escalateUrgent", "'escalateUrgent' needs 'escalatesTo': urgent tickets skip to that group.");
        if (group.EscalateOnSlaBreach && group.EscalatesToId is null)
            errors.Add("escalateOnSlaBreach", "'escalateOnSlaBreach' needs 'escalatesTo': a breached ticket goes to that group.");
        if (group.EscalatesToId is { } targetId)
        {
            if (!all.TryGetValue(targetId, out var target))
                errors.Add("escalatesTo", $"Group {targetId} does not exist.");
            else if (EscalationPath(all, group) is { } loop)
                errors.Add("escalatesTo", $"This would make an escalation loop: {loop}.");
            else if (target.Tier <= group.Tier)
                errors.Add("escalatesTo", $"A group escalates to a higher tier: {target.Name} is tier {target.Tier}, not above tier {group.Tier}.");
        }
        if (group.Id != 0 && all.Values.FirstOrDefault(g => g.EscalatesToId == group.Id && g.Id != group.Id && g.Tier >= group.Tier) is { } lower)
            errors.Add("tier", $"Group {lower.Name} (tier {lower.Tier}) escalates to this group, so its tier must stay above {lower.Tier}.");
    }

    /// <summary>The names along the escalation chain from the group back to itself ("A → B → A"), or null when it has no loop.</summary>
    private static string? EscalationPath(Dictionary<int, Group> all, Group start)
    {
        var path = new List<string> { start.Name };
        var seen = new HashSet<int> { start.Id };
        for (var next = start.EscalatesToId; next is { } id && all.TryGetValue(id, out var group); next = group.EscalatesToId)
        {
            path.Add(group.Name);
            if (!seen.Add(id))
                return id == start.Id ? string.Join(" → ", path) : null;
        }
        return null;
    }

    private static async Task<GroupResponse> ResponseAsync(RoutingDbContext db, Group group, CancellationToken ct)
    {
        var agents = await db.Agents.CountAsync(a => a.GroupIds.Contains(group.Id), ct);
        var queued = await db.Tickets.CountAsync(t => t.State == RoutingState.Queued && t.GroupId == group.Id, ct);
        return From(group, agents, queued);
    }

    private static GroupResponse From(Group g, int agents, int queued) => new(
        g.Id, g.Name, g.Tier, g.Policy.Wire(), g.EscalatesToId, g.IsDefault, g.EscalateUnassignedAfterMinutes,
        g.EscalateUnansweredAfterMinutes, g.EscalateUrgent, g.EscalateOnSlaBreach, agents, queued, g.CreatedAt, g.UpdatedAt);
}
