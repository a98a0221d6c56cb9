using System.Globalization;
using Support.Hosting.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Routing;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Text;
using Support.Routing.Assignment;
using Support.Routing.Data;
using Support.Routing.Tickets;

namespace Support.Routing.Agents;

public record CreateAgentRequest(string? Name, string? Email, List<int>? Groups, Dictionary<string, int>? Skills, int? Capacity, AgentStatus? Status);

/// <summary>The body of PATCH /api/agents/{id}: send only the fields to change.</summary>
public record UpdateAgentRequest(string? Name, string? Email, List<int>? Groups, Dictionary<string, int>? Skills, int? Capacity);

public record SetStatusRequest(AgentStatus? Status);

public record HeldTicket(int TicketId, int? GroupId, TicketPriority Priority, DateTimeOffset? AssignedAt);

public record AgentResponse(
    int Id, string Name, string Email, IReadOnlyList<int> Groups, IReadOnlyDictionary<string, int> Skills, int Capacity,
    AgentStatus Status, DateTimeOffset StatusChangedAt, int Load, DateTimeOffset? LastAssignedAt, IReadOnlyList<HeldTicket>? Tickets,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AgentResponse From(Agent a, IReadOnlyList<HeldTicket>? tickets = null) => new(
        a.Id, a.Name, a.Email, a.GroupIds, a.Skills.ToDictionary(s => s.Name, s => s.Level), a.Capacity, a.Status, a.StatusChangedAt,
        a.Load, a.LastAssignedAt, tickets, a.CreatedAt, a.UpdatedAt);
}

public static class AgentsApi
{
    public const int DefaultCapacity = 5;
    public const int MaxSkills = 50;

    public static RouteGroupBuilder MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/agents").WithTags("Agents");
        api.MapPost("/", Create).WithName("CreateAgent").ProducesProblem(409);
        api.MapGet("/", List).WithName("ListAgents");
        api.MapGet("/{id:int}", Get).WithName("GetAgent").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateAgent").Accepts<UpdateAgentRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapPut("/{id:int}/status", SetStatus).WithName("SetAgentStatus").ProducesProblem(404);
        return api;
    }

    public static async Task<Results<Created<AgentResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAgentRequest request, RoutingDbContext db, TicketRouter router, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name, Agent.NameMaxLength);
        errors.Email("email", request.Email);
        ValidateCapacity(request.Capacity, errors);
        var skills = ReadSkills(request.Skills, errors);
        var groups = await ReadGroupsAsync(db, request.Groups ?? [], errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        await using var change = await RoutingLock.EnterAsync(db, ct);
        var now = clock.Now();
        var agent = new Agent
        {
            Name = request.Name!.Trim(), Email = EmailAddress.Normalize(request.Email!), GroupIds = groups, Skills = skills,
            Capacity = request.Capacity ?? DefaultCapacity, Status = request.Status ?? AgentStatus.Offline, StatusChangedAt = now,
            CreatedAt = now, UpdatedAt = now,
        };
        if (await db.Agents.AnyAsync(a => a.Email == agent.Email, ct))
            return Problems.Conflict($"An agent with email {agent.Email} already exists.");
        db.Agents.Add(agent);
        await db.SaveChangesAsync(ct);
        if (agent.Status == AgentStatus.Online)
            await DrainForAsync(db, router, agent, ct);
        await change.CommitAsync(ct);
        ETag.Set(response, agent.Version);
        return TypedResults.Created($"/api/agents/{agent.Id}", AgentResponse.From(agent));
    }

    public static async Task<Results<Ok<Page<AgentResponse>>, ValidationProblem>> List(
        RoutingDbContext db, CancellationToken ct, int? groupId = null, string? status = null, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        AgentStatus? wantedStatus = null;
        if (status is not null)
        {
            wantedStatus = EnumText.Parse<AgentStatus>(status);
            if (wantedStatus is null)
                errors.Add("status", $"'status' must be one of: {EnumText.Allowed<AgentStatus>()}.");
        }
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var query = db.Agents.AsNoTracking();
        if (groupId is { } group)
            query = query.Where(a => a.GroupIds.Contains(group));
        if (wantedStatus is { } wanted)
            query = query.Where(a => a.Status == wanted);
        var after = page.After ?? 0;
        var rows = await query.Where(a => a.Id > after).OrderBy(a => a.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, a => a.Id, a => AgentResponse.From(a)));
    }

    /// <summary>The agent, with the tickets they hold now.</summary>
    public static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> Get(int id, RoutingDbContext db, HttpResponse response, CancellationToken ct)
    {
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agent is null)
            return Problems.NotFound("Agent", id);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.AgentId == id && t.State == RoutingState.Assigned)
            .OrderBy(t => t.AssignedAt).ThenBy(t => t.TicketId)
            .Select(t => new HeldTicket(t.TicketId, t.GroupId, t.Priority, t.AssignedAt))
            .ToListAsync(ct);
        ETag.Set(response, agent.Version);
        return TypedResults.Ok(AgentResponse.From(agent, tickets));
    }

    /// <summary>Changes name, email, groups, skills or capacity; the queues of the agent's groups drain onto any new capacity.</summary>
    public static Task<Results<Ok<AgentResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, RoutingDbContext db, TicketRouter router) =>
        patch.UpdateAsync(db, new MergePatch<Agent, AgentChange>
        {
            Resource = "Agent",
            Lock = RoutingLock.Key,
            Read = AgentChange.Read,
            CheckAsync = (change, errors, ct) => change.Groups.IsSet ? CheckGroupsAsync(db, change.Groups.Value!, errors, ct) : Task.CompletedTask,
            Apply = (agent, change, _) => change.ApplyTo(agent),
            VerifyAsync = async (agent, edit, ct) =>
            {
                if (await db.Agents.AnyAsync(a => a.Email == agent.Email && a.Id != agent.Id, ct))
                    edit.Refuse($"An agent with email {agent.Email} already exists.");
            },
            RecordAsync = (agent, _, _, ct) => DrainForAsync(db, router, agent, ct),
        }, agent => AgentResponse.From(agent));

    /// <summary>Online, away or offline; coming online (with spare capacity) drains the queues the agent serves.</summary>
    public static async Task<Results<Ok<AgentResponse>, ValidationProblem, ProblemHttpResult>> SetStatus(
        int id, SetStatusRequest request, RoutingDbContext db, TicketRouter router, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (http.User.IsInRole(SupportRoles.Agent) && RequestActor.From(http.User).Id != id.ToString(CultureInfo.InvariantCulture))
            return Problems.Forbidden("An agent sets only their own status.");
        if (request.Status is not { } status)
            return Problems.Invalid(new Dictionary<string, string[]> { ["status"] = ["'status' is required: online, away or offline."] });

        await using var change = await RoutingLock.EnterAsync(db, ct);
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agent is null)
            return Problems.NotFound("Agent", id);
        if (agent.Status != status)
        {
            var now = clock.Now();
            db.AddEvent(new AgentStatusChanged(agent.Id, agent.Status.Wire(), status.Wire(), now), $"agent/{agent.Id}", now);
            agent.Status = status;
            agent.StatusChangedAt = now;
            agent.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            if (status == AgentStatus.Online)
                await DrainForAsync(db, router, agent, ct);
        }
        await change.CommitAsync(ct);
        return TypedResults.Ok(AgentResponse.From(agent));
    }

    private static async Task DrainForAsync(RoutingDbContext db, TicketRouter router, Agent agent, CancellationToken ct)
    {
        router.DrainLater(agent.GroupIds);
        await router.DrainAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    internal static void ValidateCapacity(int? capacity, ValidationErrors errors)
    {
        if (capacity is < 0 or > Agent.MaxCapacity)
            errors.Add("capacity", $"'capacity' must be from 0 to {Agent.MaxCapacity} open tickets.");
    }

    internal static List<AgentSkill> ReadSkills(Dictionary<string, int>? skills, ValidationErrors errors)
    {
        var result = new List<AgentSkill>();
        foreach (var (name, level) in skills ?? [])
        {
            var skill = name.Trim();
            if (skill.Length is 0 or > Agent.SkillMaxLength)
                errors.Add("skills", $"A skill's name must be 1 to {Agent.SkillMaxLength} characters: '{name}'.");
            else if (level is < Agent.MinSkillLevel or > Agent.MaxSkillLevel)
                errors.Add($"skills.{skill}", $"Skill level must be from {Agent.MinSkillLevel} to {Agent.MaxSkillLevel}; '{skill}' is {level}.");
            else if (result.Any(s => string.Equals(s.Name, skill, StringComparison.OrdinalIgnoreCase)))
                errors.Add("skills", $"Skill '{skill}' is listed twice.");
            else
                result.Add(new AgentSkill { Name = skill, Level = level });
        }
        if (result.Count > MaxSkills)
            errors.Add("skills", $"An agent has at most {MaxSkills} skills.");
        return result;
    }

    private static async Task<List<int>> ReadGroupsAsync(RoutingDbContext db, List<int> groupIds, ValidationErrors errors, CancellationToken ct)
    {
        var ids = groupIds.Distinct().ToList();
        await CheckGroupsAsync(db, ids, errors, ct);
        return ids;
    }

    private static async Task CheckGroupsAsync(RoutingDbContext db, List<int> ids, ValidationErrors errors, CancellationToken ct)
    {
        var known = await db.Groups.Where(g => ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var unknown = ids.Except(known).ToList();
        if (unknown.Count > 0)
            errors.Add("groups", $"No such group: {string.Join(", ", unknown)}.");
    }
}
