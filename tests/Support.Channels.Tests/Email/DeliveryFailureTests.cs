using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Channels.Tests.Infrastructure;
using Support.Contracts.Tickets;

namespace Support.Channels.Tests.Email;

public sealed class DeliveryFailureTests
{
    [Fact]
    public async Task Email_is_kept_and_retried_with_its_error_on_the_channel_log_while_the_SMTP_server_is_unreachable()
    {
        await using var app = new ChannelsApp();
        app.Settings["Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Email:Smtp:Port"] = ClosedPort().ToString();
        app.Settings["Email:Retry:FirstDelay"] = "00:00:00.200";
        app.Settings["Email:SendInterval"] = "00:00:00.100";
        await app.InitializeAsync();
        await using var events = await EventListener.StartAsync(app.RabbitMqUri, typeof(TicketCreated));
        var ticket = await TicketEvents.CreateAsync(events, "Where is my order?", TicketEvents.NewAddress());

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement entry;
        while (true)
        {
            var log = await app.Client("agent:7").GetFromJsonAsync<JsonElement[]>($"/api/channels/tickets/{ticket.TicketId}/messages", ChannelsApp.Json);
            entry = log!.SingleOrDefault();
            if (entry.ValueKind == JsonValueKind.Object && entry.GetProperty("attempts").GetInt32() >= 2)
                break;
            Assert.True(DateTime.UtcNow < deadline, "The email was not attempted twice within 30 s.");
            await Task.Delay(100);
        }
        Assert.Equal("queued", entry.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Without_an_SMTP_server_email_is_recorded_as_not_sent()
    {
        await using var app = new ChannelsApp();
        await app.InitializeAsync();
        await using var events = await EventListener.StartAsync(app.RabbitMqUri, typeof(TicketCreated));
        var ticket = await TicketEvents.CreateAsync(events, "Hello", TicketEvents.NewAddress());

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.CountAsync($"outgoing_emails WHERE \"TicketId\" = {ticket.TicketId}") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No email was recorded within 30 s.");
            await Task.Delay(100);
        }
        var log = await app.Client("agent:7").GetFromJsonAsync<JsonElement[]>($"/api/channels/tickets/{ticket.TicketId}/messages", ChannelsApp.Json);
        Assert.Equal("not-sent", log!.Single().GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("customer:1").GetAsync($"/api/channels/tickets/{ticket.TicketId}/messages")).StatusCode);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
