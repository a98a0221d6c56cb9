using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Channels.Data;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Channels.Webhooks;

/// <summary>What the webhooks' handlers need, bound as one <c>[AsParameters]</c> argument.</summary>
public record WebhookServices(ChannelsDbContext Db, WebhookSignal Signal, TimeProvider Clock);

public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/api/channels/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Subscribes a URL to published events; answers the signing secret, this once (admin).");
        webhooks.MapGet("/", List).WithName("ListWebhooks").WithSummary("Lists webhooks, newest first (admin).");
        webhooks.MapGet("/{id:int}", Get).WithName("GetWebhook").ProducesProblem(404);
        webhooks.MapPatch("/{id:int}", Update).WithName("UpdateWebhook")
            .WithSummary("Changes url, events, active (true re-enables a disabled webhook) or allowPrivateNetwork (admin).")
            .Accepts<UpdateWebhookRequest>("application/json").ProducesProblem(404).ProducesProblem(412);
        webhooks.MapDelete("/{id:int}", Delete).WithName("DeleteWebhook").WithSummary("Deletes a webhook and its delivery log (admin).")
            .ProducesProblem(404);
        webhooks.MapGet("/{id:int}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, newest first, each delivery with its attempts (admin).").ProducesProblem(404);
        webhooks.MapPost("/{id:int}/deliveries/{deliveryId:long}/redeliver", Redeliver).WithName("RedeliverWebhookDelivery")
            .WithSummary("Sends a delivery again now, under the same delivery id (admin).").ProducesProblem(404).ProducesProblem(409);
        webhooks.MapPost("/{id:int}/ping", Ping).WithName("PingWebhook")
            .WithSummary("Queues a \"Ping\" delivery to try the receiver and its signature check (admin).").ProducesProblem(404);
        return routes;
    }

    public static async Task<Results<Created<WebhookResponse>, ValidationProblem>> Create(
        CreateWebhookRequest request, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var url = WebhookTarget.Parse(request.Url, errors);
        WebhookSubscription.ValidateEvents(request.Events, errors);
        WebhookSubscription.ValidateSecret(request.Secret, errors);
        var allowPrivateNetwork = request.AllowPrivateNetwork ?? false;
        if (url is not null)
            await WebhookSubscription.CheckTargetAsync(url, allowPrivateNetwork, errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = services.Clock.Now();
        var webhook = new Webhook
        {
            Url = request.Url!.Trim(),
            Events = WebhookSubscription.Normalize(request.Events!),
            Secret = request.Secret ?? WebhookSignature.NewSecret(),
            Active = true,
            AllowPrivateNetwork = allowPrivateNetwork,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        services.Db.Webhooks.Add(webhook);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/channels/webhooks/{webhook.Id}", WebhookResponse.From(webhook) with { Secret = webhook.Secret });
    }

    public static async Task<Results<Ok<Page<WebhookResponse>>, ValidationProblem>> List(
        ChannelsDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        var query = db.Webhooks.AsNoTracking();
        if (page.After is { } after)
            query = query.Where(w => w.Id < after);
        var rows = await query.OrderByDescending(w => w.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, w => w.Id, WebhookResponse.From));
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(int id, ChannelsDbContext db, HttpResponse response, CancellationToken ct)
    {
        var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (webhook is null)
            return Problems.NotFound("Webhook", id);
        ETag.Set(response, webhook.Version);
        return TypedResults.Ok(WebhookResponse.From(webhook));
    }

    public static Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, ChannelsDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<Webhook, WebhookChange>
        {
            Resource = "Webhook",
            Read = WebhookChange.Read,
            Apply = (webhook, change, _) => change.ApplyTo(webhook),
            // The target as changed (its URL, or leave for private networks withdrawn) must still be allowed.
            VerifyAsync = (webhook, edit, ct) => WebhookSubscription.CheckTargetAsync(new Uri(webhook.Url), webhook.AllowPrivateNetwork, edit.Errors, ct),
        }, WebhookResponse.From);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, ChannelsDbContext db, CancellationToken ct) =>
        await db.Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync(ct) == 0 ? Problems.NotFound("Webhook", id) : TypedResults.NoContent();

    public static async Task<Results<Ok<Page<WebhookDeliveryResponse>>, ValidationProblem, ProblemHttpResult>> ListDeliveries(
        int id, ChannelsDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct))
            return Problems.NotFound("Webhook", id);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id);
        if (page.After is { } after)
            query = query.Where(d => d.Id < after);
        var rows = await query.OrderByDescending(d => d.Id).Take(page.Take + 1).Include(d => d.Attempts).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, d => d.Id, WebhookDeliveryResponse.From));
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Redeliver(
        int id, long deliveryId, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        var now = services.Clock.Now();
        // Not while an attempt is in flight (its claim holds); a finished one starts a new round of retries.
        var queued = await services.Db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.WebhookId == id && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.FailedAttempts, d => d.Status == WebhookDeliveryStatus.Pending ? d.FailedAttempts : 0)
                .SetProperty(d => d.FirstAttemptAt, d => d.Status == WebhookDeliveryStatus.Pending ? d.FirstAttemptAt : null)
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.CompletedAt, (DateTimeOffset?)null), ct);
        if (queued == 0)
            return await services.Db.WebhookDeliveries.AnyAsync(d => d.Id == deliveryId && d.WebhookId == id, ct)
                ? Problems.Conflict($"Delivery {deliveryId} is being sent right now.", "Look at its attempts in a moment.")
                : Problems.NotFound("Delivery", deliveryId);
        services.Signal.Pulse();
        return TypedResults.Accepted($"/api/channels/webhooks/{id}/deliveries");
    }

    public static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> Ping(
        int id, [AsParameters] WebhookServices services, CancellationToken ct)
    {
        if (!await services.Db.Webhooks.AnyAsync(w => w.Id == id, ct))
            return Problems.NotFound("Webhook", id);
        var now = services.Clock.Now();
        var eventId = Guid.CreateVersion7();
        var delivery = new WebhookDelivery
        {
            WebhookId = id,
            EventId = eventId,
            EventType = WebhookEvent.Ping,
            OrderingKey = $"ping/{eventId:N}",
            Payload = WebhookEvent.Payload(eventId, WebhookEvent.Ping, now, new { webhookId = id }),
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        services.Db.WebhookDeliveries.Add(delivery);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/channels/webhooks/{id}/deliveries", WebhookDeliveryResponse.From(delivery));
    }
}
