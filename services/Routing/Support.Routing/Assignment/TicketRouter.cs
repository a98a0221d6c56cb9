using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Support.Contracts.Routing;
using Support.Contracts;
using Support.Hosting.Data;
using Support.Hosting.Text;
using Support.Routing.Agents;
using Support.Routing.Categories;
using Support.Routing.Data;
using Support.Routing.Groups;
using Support.Routing.Tickets;
using Support.Text;

namespace Support.Routing.Assignment;

/// <summary>
/// Makes routing decisions in the caller's unit of work, which must hold <see cref="RoutingLock"/>: assigns a
/// ticket by its group's policy or queues it, frees an agent's capacity and drains the queues it serves, escalates.
/// Every decision is announced through the outbox. The caller saves and commits.
/// </summary>
public sealed class TicketRouter(RoutingDbContext db, TimeProvider clock)
{
    public static readonly Actor Actor = new("system", "routing");
    private const int DrainPageSize = 200;

    private Dictionary<int, Group>? groups;
    private Dictionary<string, CategoryRoute>? categoryRoutes;
    private readonly Dictionary<int, List<Agent>> members = [];
    private readonly HashSet<int> groupsToDrain = [];

    public static string Aggregate(int ticketId) => $"ticket/{ticketId}";

    /// <summary>
    /// Routes a ticket that needs an agent: to <paramref name="groupId"/> when given, else its category's group (or
    /// the default group), then by that group's policy.
    /// </summary>
    public async Task RouteAsync(RoutedTicket ticket, int? preferredAgentId, int? groupId, CancellationToken ct)
    {
        var now = clock.Now();
        var group = groupId is { } id && (await GroupsAsync(ct)).TryGetValue(id, out var chosen) ? chosen : await GroupForAsync(ticket, ct);
        if (group is null)
        {
            await QueueAsync(ticket, null, "no group exists yet", now, ct);
            return;
        }
        var all = await GroupsAsync(ct);
        while (ticket.Priority == TicketPriority.Urgent && group.EscalateUrgent && group.EscalatesToId is { } up && all.TryGetValue(up, out var higher))
        {
            db.AddEvent(new TicketEscalated(ticket.TicketId, group.Id, higher.Id, "urgent", $"urgent tickets skip {group.Name}", Actor, now), Aggregate(ticket.TicketId), now);
            ticket.EscalationCount++;
            group = higher;
        }
        await PlaceAsync(ticket, group, preferredAgentId, now, ct);
    }

    /// <summary>The ticket no longer needs its agent (solved, reassigned, escalated): the agent's capacity frees up.</summary>
    public async Task ReleaseAsync(RoutedTicket ticket, CancellationToken ct)
    {
        if (ticket.AgentId is { } agentId && await db.Agents.FindAsync([agentId], ct) is { } agent)
        {
            agent.Load = Math.Max(0, agent.Load - 1);
            groupsToDrain.UnionWith(agent.GroupIds);
        }
        if (ticket.AgentId is not null)
            ticket.PreviousAgentId = ticket.AgentId;
        ticket.AgentId = null;
    }

    /// <summary>Counts a ticket a person assigned in the agent's load.</summary>
    public async Task HoldAsync(RoutedTicket ticket, int agentId, DateTimeOffset at, CancellationToken ct)
    {
        ticket.AgentId = agentId;
        ticket.State = RoutingState.Assigned;
        ticket.AssignedAt = at;
        ticket.AnsweredAt = null;
        QueueMetrics.WaitEnded(ticket, "manual", at);
        ticket.QueuedAt = null;
        ticket.EscalationDueAt = null;
        ticket.Policy = "manual";
        ticket.Reason = "assigned by a person";
        if (await db.Agents.FindAsync([agentId], ct) is { } agent)
        {
            agent.Load++;
            agent.LastAssignedAt = at;
        }
    }

    /// <summary>Capacity appeared in these groups (an agent came online or got more capacity): drain their queues.</summary>
    public void DrainLater(IEnumerable<int> groupIds) => groupsToDrain.UnionWith(groupIds);

    /// <summary>Moves a ticket up to its group's escalation target and routes it there; false when its group has none.</summary>
    public async Task<bool> EscalateAsync(RoutedTicket ticket, string trigger, string reason, Actor actor, CancellationToken ct)
    {
        var all = await GroupsAsync(ct);
        if (ticket.GroupId is not { } from || !all.TryGetValue(from, out var group) || group.EscalatesToId is not { } to || !all.TryGetValue(to, out var target))
            return false;
        var now = clock.Now();
        if (ticket.State == RoutingState.Assigned)
            await ReleaseAsync(ticket, ct);
        ticket.EscalationCount++;
        db.AddEvent(new TicketEscalated(ticket.TicketId, from, to, trigger, reason, actor, now), Aggregate(ticket.TicketId), now);
        await PlaceAsync(ticket, target, preferredAgentId: null, now, ct);
        return true;
    }

    /// <summary>Hands queued tickets, highest priority and longest waiting first, to the agents now free in the groups marked for draining.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        while (groupsToDrain.Count > 0)
        {
            var open = groupsToDrain.ToList();
            groupsToDrain.Clear();
            var all = await GroupsAsync(ct);
            var full = new HashSet<int>();
            for (var seen = 0; full.Count < open.Count; seen += DrainPageSize)
            {
                var waiting = await db.Tickets
                    .Where(t => t.State == RoutingState.Queued && t.GroupId != null && open.Contains(t.GroupId.Value))
                    .OrderByDescending(t => t.Priority).ThenBy(t => t.QueuedAt).ThenBy(t => t.TicketId)
                    .Skip(seen).Take(DrainPageSize)
                    .ToListAsync(ct);
                foreach (var ticket in waiting.Where(t => t.State == RoutingState.Queued && !full.Contains(t.GroupId!.Value)))
                {
                    var group = all[ticket.GroupId!.Value];
                    var choice = AgentSelection.Choose(group, await MembersAsync(group.Id, ct), await RequiredSkillsAsync(ticket, ct), ticket.PreviousAgentId);
                    if (choice is not null)
                        Assign(ticket, group, choice, clock.Now());
                    // Under skills-based routing a later ticket may need skills a free agent has; otherwise the group is full.
                    else if (group.Policy != RoutingPolicy.SkillsBased || !(await MembersAsync(group.Id, ct)).Any(a => a.CanTakeTicket))
                        full.Add(group.Id);
                }
                if (waiting.Count < DrainPageSize)
                    break;
            }
        }
    }

    /// <summary>
    /// The ticket's position in its group's queue: 1 is next. Tickets this unit of work changed and has not saved yet (the
    /// batch decided before this ticket) count as they are here, the others as the database holds them.
    /// </summary>
    public async Task<int> PositionAsync(RoutedTicket ticket, CancellationToken ct)
    {
        var queuedAt = ticket.QueuedAt ?? DateTimeOffset.MaxValue;
        Expression<Func<RoutedTicket, bool>> ahead = t =>
            t.State == RoutingState.Queued && t.GroupId == ticket.GroupId && t.TicketId != ticket.TicketId
            && (t.Priority > ticket.Priority
                || (t.Priority == ticket.Priority && (t.QueuedAt < queuedAt || (t.QueuedAt == queuedAt && t.TicketId < ticket.TicketId))));
        var unsaved = db.ChangeTracker.Entries<RoutedTicket>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity).ToList();
        if (unsaved.Count == 0)
            return 1 + await db.Tickets.CountAsync(ahead, ct);
        var unsavedIds = unsaved.Select(t => t.TicketId).ToList();
        return 1 + unsaved.AsQueryable().Count(ahead) + await db.Tickets.Where(t => !unsavedIds.Contains(t.TicketId)).CountAsync(ahead, ct);
    }

    private async Task PlaceAsync(RoutedTicket ticket, Group group, int? preferredAgentId, DateTimeOffset now, CancellationToken ct)
    {
        if (ticket.GroupId != group.Id)
        {
            ticket.GroupId = group.Id;
            ticket.EnteredGroupAt = now;
        }
        var choice = AgentSelection.Choose(group, await MembersAsync(group.Id, ct), await RequiredSkillsAsync(ticket, ct), preferredAgentId);
        if (choice is null)
            await QueueAsync(ticket, group, "no eligible agent is online with spare capacity", now, ct);
        else
            Assign(ticket, group, choice, now);
    }

    private void Assign(RoutedTicket ticket, Group group, AgentChoice choice, DateTimeOffset now)
    {
        var agent = choice.Agent;
        agent.Load++;
        agent.LastAssignedAt = now;
        if (group.Policy == RoutingPolicy.RoundRobin)
            group.RoundRobinLastAgentId = agent.Id;
        ticket.State = RoutingState.Assigned;
        ticket.AgentId = agent.Id;
        ticket.AssignedAt = now;
        ticket.AnsweredAt = null;
        QueueMetrics.WaitEnded(ticket, choice.Policy, now);
        ticket.QueuedAt = null;
        ticket.Policy = choice.Policy;
        ticket.Reason = choice.Reason;
        ticket.EscalationDueAt = group is { EscalatesToId: not null, EscalateUnansweredAfterMinutes: { } minutes } ? now.AddMinutes(minutes) : null;
        ticket.UpdatedAt = now;
        db.AddEvent(new TicketRouted(ticket.TicketId, agent.Id, group.Id, choice.Policy, choice.Reason, now), Aggregate(ticket.TicketId), now);
    }

    private async Task QueueAsync(RoutedTicket ticket, Group? group, string reason, DateTimeOffset now, CancellationToken ct)
    {
        ticket.State = RoutingState.Queued;
        ticket.AgentId = null;
        ticket.QueuedAt ??= now;
        ticket.Policy = group?.Policy.Wire();
        ticket.Reason = reason;
        ticket.EscalationDueAt = group is { EscalatesToId: not null, EscalateUnassignedAfterMinutes: { } minutes } ? ticket.EnteredGroupAt.AddMinutes(minutes) : null;
        ticket.UpdatedAt = now;
        var position = await PositionAsync(ticket, ct);
        db.AddEvent(new TicketRouted(ticket.TicketId, null, group?.Id, ticket.Policy ?? "none", $"queued: {reason}", now), Aggregate(ticket.TicketId), now);
        db.AddEvent(new TicketQueued(ticket.TicketId, group?.Id, position, ticket.Priority.Wire(), ticket.QueuedAt.Value), Aggregate(ticket.TicketId), now);
    }

    private async Task<Group?> GroupForAsync(RoutedTicket ticket, CancellationToken ct)
    {
        var all = await GroupsAsync(ct);
        if (await CategoryRouteAsync(ticket.Category, ct) is { GroupId: { } mapped } && all.TryGetValue(mapped, out var group))
            return group;
        return all.Values.FirstOrDefault(g => g.IsDefault) ?? all.Values.OrderBy(g => g.Tier).ThenBy(g => g.Id).FirstOrDefault();
    }

    /// <summary>The category's skills, and the ticket's language when it is not English ("zh-CN").</summary>
    private async Task<IReadOnlyCollection<string>> RequiredSkillsAsync(RoutedTicket ticket, CancellationToken ct)
    {
        var skills = new List<string>();
        if (await CategoryRouteAsync(ticket.Category, ct) is { } route)
            skills.AddRange(route.RequiredSkills);
        if (Language.Of(ticket.Subject + " " + ticket.Description) is { } language)
            skills.Add(language);
        return skills;
    }

    private async Task<Dictionary<int, Group>> GroupsAsync(CancellationToken ct) =>
        groups ??= await db.Groups.ToDictionaryAsync(g => g.Id, ct);

    private async Task<CategoryRoute?> CategoryRouteAsync(string? category, CancellationToken ct) =>
        category is null ? null : (categoryRoutes ??= await db.CategoryRoutes.ToDictionaryAsync(r => r.Category, ct)).GetValueOrDefault(category);

    private async Task<List<Agent>> MembersAsync(int groupId, CancellationToken ct)
    {
        if (!members.TryGetValue(groupId, out var list))
            members[groupId] = list = await db.Agents.Where(a => a.GroupIds.Contains(groupId)).ToListAsync(ct);
        return list;
    }
}
