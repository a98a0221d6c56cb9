using Microsoft.EntityFrameworkCore;

namespace Support.Hosting.Observability;

/// <summary>
/// Work waiting in a service's own database, such as unpublished outbox events or tickets queued for an agent:
/// each item's entry time. Sampled every Telemetry:BacklogInterval (5 s) into two gauges, {name}.pending (how
/// many) and {name}.oldest_age (seconds the oldest has waited), tagged with the service.
/// </summary>
public sealed record Backlog(string Name, string Unit, string Description, string Service, Type Context, Func<DbContext, IQueryable<DateTimeOffset>> Waiting);
