using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Support.Channels.Tests.Infrastructure;
using Support.Channels.Webhooks;

namespace Support.Channels.Tests.Webhooks;

/// <summary>Managing webhooks: admins only, bad input a 400 naming the field, and no target on a private network without leave.</summary>
[Collection(ChannelsAppCollection.Name)]
public sealed class WebhookApiTests(DefaultChannelsApp app) : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    public async Task A_private_network_target_is_refused_unless_an_admin_allows_it(string url)
    {
        var admin = app.Client("admin");
        var refused = await admin.PostAsJsonAsync("/api/channels/webhooks", new { url, events = new[] { "TicketCreated" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["url"], await refused.ProblemFieldsAsync());

        var allowed = await admin.PostAsJsonAsync("/api/channels/webhooks", new { url, events = new[] { "TicketCreated" }, allowPrivateNetwork = true });
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var webhook = await allowed.ReadAsync<WebhookResponse>();
        // Withdrawing the leave is refused as well: the target would then be out of bounds.
        var withdrawn = await admin.PatchAsJsonAsync($"/api/channels/webhooks/{webhook.Id}", new { allowPrivateNetwork = false });
        Assert.Equal(HttpStatusCode.BadRequest, withdrawn.StatusCode);
        Assert.Equal(["url"], await withdrawn.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/channels/webhooks/{webhook.Id}")).StatusCode);
    }

    /// <summary>DNS can change after the check: the connection itself refuses a private address, and the log says so.</summary>
    [Fact]
    public async Task A_target_that_turned_private_is_refused_when_delivering()
    {
        var admin = app.Client("admin");
        var webhook = await admin.CreateWebhookAsync(receiver, ["TicketCreated"]);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE webhooks SET \"AllowPrivateNetwork\" = false WHERE \"Id\" = {webhook.Id}", connection);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/channels/webhooks/{webhook.Id}/ping", null)).StatusCode);

        var deliveries = await WebhookTestClient.EventuallyAsync(() => admin.DeliveriesAsync(webhook.Id), d => d.Single().Attempts.Count > 0,
            TimeSpan.FromSeconds(10), "the ping's attempt");
        var attempt = deliveries.Single().Attempts.Single();
        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.StartsWith("refused: 127.0.0.1 resolves to a private", attempt.Error);
        Assert.Equal(0, receiver.Requests);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field()
    {
        var admin = app.Client("admin");
        var response = await admin.PostAsJsonAsync("/api/channels/webhooks", new { url = "ftp://example.com/x", events = new[] { "TicketCreated", "NoSuchEvent" }, secret = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["events", "secret", "url"], (await response.ProblemFieldsAsync()).Order());

        response = await admin.PostAsJsonAsync("/api/channels/webhooks", new { url = (string?)null, events = Array.Empty<string>() });
        Assert.Equal(["events", "url"], (await response.ProblemFieldsAsync()).Order());

        response = await admin.PostAsJsonAsync("/api/channels/webhooks", new { url = "https://user:pw@example.com/x", events = new[] { "*" } });
        Assert.Equal(["url"], await response.ProblemFieldsAsync());

        var webhook = await admin.CreateWebhookAsync(receiver, ["TicketCreated"]);
        foreach (var (body, field) in new (object, string)[]
        {
            (new { events = new[] { "Nope" } }, "events"),
            (new { url = "not a url" }, "url"),
            (new { active = "yes" }, "active"),
            (new { secret = "a-new-secret-of-many-chars" }, "secret"), // not a field that can be changed
        })
        {
            var patched = await admin.PatchAsJsonAsync($"/api/channels/webhooks/{webhook.Id}", body);
            Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
            Assert.Equal([field], await patched.ProblemFieldsAsync());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/channels/webhooks/{webhook.Id}/deliveries?cursor=garbage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/channels/webhooks/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/channels/webhooks/{webhook.Id}/deliveries/999999/redeliver", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/channels/webhooks/999999/ping", null)).StatusCode);
    }

    [Fact]
    public async Task Only_admins_manage_webhooks_and_the_secret_is_shown_once()
    {
        var body = new { url = receiver.Url, events = new[] { "*" }, allowPrivateNetwork = true };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("agent:7").PostAsJsonAsync("/api/channels/webhooks", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("customer:42").GetAsync("/api/channels/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithToken(null).GetAsync("/api/channels/webhooks")).StatusCode);

        var admin = app.Client("admin");
        var created = await admin.CreateWebhookAsync(receiver, ["*"]);
        Assert.StartsWith("whsec_", created.Secret);
        var read = await admin.WebhookAsync(created.Id);
        Assert.Null(read.Secret);
        Assert.Equal(["*"], read.Events);
        Assert.Contains(created.Id, (await (await admin.GetAsync("/api/channels/webhooks")).ReadAsync<Support.Hosting.Http.Page<WebhookResponse>>()).Items.Select(w => w.Id));
    }

    /// <summary>A ping, then its redelivery: the same delivery id again, and a second attempt in the log.</summary>
    [Fact]
    public async Task A_delivery_is_sent_again_on_request_under_its_own_id()
    {
        var admin = app.Client("admin");
        var webhook = await admin.CreateWebhookAsync(receiver, ["TicketCreated"]);
        var ping = await (await admin.PostAsync($"/api/channels/webhooks/{webhook.Id}/ping", null)).ReadAsync<WebhookDeliveryResponse>();
        await WebhookTestClient.EventuallyAsync(() => admin.DeliveriesAsync(webhook.Id), d => d.Single().Status == WebhookDeliveryStatus.Delivered,
            TimeSpan.FromSeconds(10), "the ping delivered");

        var again = await admin.PostAsync($"/api/channels/webhooks/{webhook.Id}/deliveries/{ping.Id}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        var delivery = (await WebhookTestClient.EventuallyAsync(() => admin.DeliveriesAsync(webhook.Id),
            d => d.Single().Status == WebhookDeliveryStatus.Delivered && d.Single().Attempts.Count == 2, TimeSpan.FromSeconds(10), "the redelivery")).Single();
        Assert.All(delivery.Attempts, a => Assert.Equal(200, a.StatusCode));
        Assert.Equal([ping.Id, ping.Id], receiver.Received.Select(r => r.DeliveryId));
        Assert.All(receiver.Received, r => Assert.Equal(("Ping", ping.EventId), (r.Type, r.EventId)));
    }
}
