using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using Support.Contracts.Routing;
using Support.Routing.Tests.Infrastructure;

namespace Support.Routing.Tests.Assignment;

/// <summary>Competing Routing instances on one database and queue, and an instance killed mid-decision.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_instances_routing_a_burst_of_1000_tickets_never_exceed_capacity_nor_assign_a_ticket_twice()
    {
        await using var app = await RoutingApp.StartAsync(instances: 2);
        var client = app.Client();
        var group = await client.CreateGroupAsync("Support", "least_loaded");
        var agents = new List<int>();
        for (var i = 0; i < 20; i++)
            agents.Add((await client.CreateAgentAsync($"Agent {i}", [group.Id], capacity: 30)).Id);

        var burst = Enumerable.Range(0, 1000).Select(_ => Api.NewTicketId()).ToList();
        await Task.WhenAll(burst.Chunk(100).Select(async chunk =>
        {
            foreach (var id in chunk)
                await app.PublishAsync(Api.Created(id));
        }));
        var routed = await app.Events.WaitForAsync<TicketRouted>(r => burst.Contains(r.TicketId), count: burst.Count, timeoutSeconds: 120);

        Assert.Equal(burst.Count, routed.Count); // one decision per ticket, assigned or queued
        Assert.Equal(burst.Order(), routed.Select(r => r.TicketId).Order());
        var perAgent = routed.Where(r => r.AgentId is not null).GroupBy(r => r.AgentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(20 * 30, perAgent.Values.Sum());
        Assert.All(agents, agent => Assert.Equal(30, perAgent[agent]));
        Assert.Equal(400, await app.CountAsync("tickets WHERE \"State\" = 'Queued'"));
        await AssertLoadsMatchHeldTicketsAsync(app);

        // Solves free capacity while new tickets arrive: the queue drains into it, still never above capacity.
        var solved = routed.Where(r => r.AgentId is not null).Take(200).ToList();
        var more = Enumerable.Range(0, 200).Select(_ => Api.NewTicketId()).ToList();
        await Task.WhenAll(
            Task.WhenAll(solved.Chunk(50).Select(async chunk => { foreach (var r in chunk) await app.PublishAsync(Api.Solved(r.TicketId, r.AgentId)); })),
            Task.WhenAll(more.Chunk(50).Select(async chunk => { foreach (var id in chunk) await app.PublishAsync(Api.Created(id)); })));
        await app.Events.WaitForAsync<TicketRouted>(r => more.Contains(r.TicketId), count: more.Count, timeoutSeconds: 60);
        await app.Events.WaitForAsync<TicketRouted>(r => r.AgentId != null, count: 20 * 30 + 200, timeoutSeconds: 60);

        Assert.Equal(20 * 30, await app.CountAsync("tickets WHERE \"State\" = 'Assigned'"));
        Assert.Equal(400, await app.CountAsync("tickets WHERE \"State\" = 'Queued'"));
        var assignedTwice = app.Events.All<TicketRouted>(r => r.AgentId != null).GroupBy(r => r.TicketId).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(assignedTwice);
        await AssertLoadsMatchHeldTicketsAsync(app);
    }

    [Fact]
    public async Task An_instance_killed_between_receiving_and_assigning_loses_no_ticket()
    {
        // The group and agent are made through an in-process instance (it trusts the tests' tokens), which then stops.
        await using var app = await RoutingApp.StartAsync(instances: 1);
        var group = await app.Client().CreateGroupAsync("Support");
        var agent = await app.Client().CreateAgentAsync("Ann", [group.Id]);
        await app.StopInstanceAsync(app.Instance());
        using var doomed = RoutingProcess.Start(app);
        await doomed.WaitUntilConsumingAsync(app);

        // The test holds the routing lock, so the instance receives the ticket and stops right before deciding.
        await using var blocker = new NpgsqlConnection(app.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand($"SELECT pg_advisory_xact_lock({Data.RoutingLock.Key})", blocker, transaction).ExecuteNonQueryAsync();
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await WaitUntilAsync(async () => await app.CountAsync("pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1, "the instance to wait for the routing lock");

        doomed.Kill();
        await transaction.RollbackAsync();
        await app.AddInstanceAsync(); // the survivor gets the unacknowledged message again

        var routed = await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket, timeoutSeconds: 60);
        Assert.Equal(agent.Id, Assert.Single(routed).AgentId);
        Assert.Equal(1, (await app.Client().GetAgentAsync(agent.Id)).Load);
    }

    private static async Task AssertLoadsMatchHeldTicketsAsync(RoutingApp app)
    {
        Assert.Equal(0, await app.CountAsync("agents WHERE \"Load\" > \"Capacity\""));
        Assert.Equal(0, await app.CountAsync(
            "agents a WHERE a.\"Load\" <> (SELECT count(*) FROM tickets t WHERE t.\"AgentId\" = a.\"Id\" AND t.\"State\" = 'Assigned')"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Gave up waiting for {what} after {timeoutSeconds} s.");
            await Task.Delay(50);
        }
    }
}

/// <summary>The Routing service as an OS process of its own, so a test can kill it outright.</summary>
public sealed class RoutingProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    private RoutingProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static RoutingProcess Start(RoutingApp app)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/");
        listener.Stop();
        var dll = Path.Combine(AppContext.BaseDirectory, "Support.Routing.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["ConnectionStrings__Routing"] = app.ConnectionString;
        start.Environment["ConnectionStrings__RabbitMq"] = app.RabbitMqUri;
        start.Environment["Logging__Json"] = "false";
        var routing = new RoutingProcess(Process.Start(start)!, url);
        routing.process.OutputDataReceived += (_, line) => { lock (routing.output) routing.output.AppendLine(line.Data); };
        routing.process.ErrorDataReceived += (_, line) => { lock (routing.output) routing.output.AppendLine(line.Data); };
        routing.process.BeginOutputReadLine();
        routing.process.BeginErrorReadLine();
        return routing;
    }

    /// <summary>Waits until the process serves HTTP and consumes TicketCreated.</summary>
    public async Task WaitUntilConsumingAsync(RoutingApp app)
    {
        var vhost = Uri.UnescapeDataString(new Uri(app.RabbitMqUri).AbsolutePath.TrimStart('/'));
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
                lock (output)
                    Assert.Fail($"The Routing process did not start consuming within 60 s:\n{output}");
            try
            {
                var ready = (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
                var queues = await TestServers.RabbitMqCtlAsync("list_queues", "-p", vhost, "--quiet", "name", "consumers");
                if (ready && queues.Split('\n').Any(line => line.StartsWith("routing-ticket-created\t") && !line.EndsWith("\t0")))
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
    }

    public void Kill() => process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
