using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Support.Automation.Automations;
using Support.Automation.Data;
using Support.Automation.Rules;
using Support.Automation.Tickets;
using Support.Benchmarks.Routing;
using Support.Contracts;

namespace Support.Benchmarks.Automation;

/// <summary>
/// The Automation service's three costs: how fast 100 triggers are checked against a ticket's change (in process, one
/// core); how long a ticket waits, in the whole topology, from its creation to a trigger's action applied by the Ticket
/// service (deploy/bench/automation-bench.sh starts the topology); and one automation scan over 100,000 open tickets
/// (the service's own scanner, on a database of its own made for the run and dropped after).
/// </summary>
public static class AutomationBenchmark
{
    public const string Usage =
        "usage: Support.Benchmarks automation [--gateway URL] [--rabbitmq URI] [--postgres CONNECTION] [--triggers N] [--rate N/s] [--duration S] [--scan-tickets N]";

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Dictionary<string, string>
        {
            ["--gateway"] = "http://127.0.0.1:5080/", ["--rabbitmq"] = "amqp://guest:guest@127.0.0.1:5672/",
            ["--postgres"] = "Host=127.0.0.1;Username=support;Password=support;SslMode=Disable",
            ["--triggers"] = "100", ["--rate"] = "50", ["--duration"] = "20", ["--scan-tickets"] = "100000",
        };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!settings.ContainsKey(args[i]))
            {
                Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
                return 2;
            }
            settings[args[i]] = args[i + 1];
        }
        var triggers = int.Parse(settings["--triggers"]);
        var run = Guid.NewGuid().ToString("N")[..8];

        Evaluate(triggers, run);
        var applied = await MeasureTriggersAsync(new Uri(settings["--gateway"]), new Uri(settings["--rabbitmq"]), triggers, run,
            double.Parse(settings["--rate"]), double.Parse(settings["--duration"]));
        await ScanAsync(settings["--postgres"], int.Parse(settings["--scan-tickets"]));
        return applied ? 0 : 1;
    }

    /// <summary>The triggers a team might have: one that acts on the run's tickets, the rest on tags no ticket has.</summary>
    private static List<(string Name, RuleConditions Conditions, List<RuleAction> Actions)> Triggers(int count, string run) =>
        Enumerable.Range(0, count).Select(i => i == count - 1
            ? ($"bench {run} triage", new RuleConditions { All = [new("event", RuleCatalog.Is, "created"), new("tags", RuleCatalog.Includes, $"bench-{run}")] },
                new List<RuleAction> { new("addTags", "triaged"), new("priority", "high") })
            : ($"bench {run} {i}", new RuleConditions { All = [new("event", RuleCatalog.Is, "created"), new("tags", RuleCatalog.Includes, $"never-{run}-{i}")], Any = [new("priority", RuleCatalog.Is, "urgent"), new("channel", RuleCatalog.Is, "email")] },
                new List<RuleAction> { new("addTags", $"never-done-{i}") })).ToList();

    private static void Evaluate(int count, string run)
    {
        var rules = Triggers(count, run).Select(t => t.Conditions).ToList();
        var random = new Random(7);
        var changes = Enumerable.Range(0, 20_000).Select(i => (Ticket: new TicketCopy
        {
            Id = i, Subject = "Checkout fails", Status = "open", Priority = TicketValues.Priorities[random.Next(4)], Channel = TicketValues.Channels[random.Next(5)],
            Tags = [$"tag-{random.Next(50)}", i % 10 == 0 ? $"bench-{run}" : "other"], CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        }, Change: new TicketEvent(i % 3 == 0 ? TicketEventKind.Created : TicketEventKind.Updated,
            [new("priority", "normal", "high")], null, new Actor("agent", "1"), DateTimeOffset.UtcNow))).ToList();
        var matched = 0;
        for (var round = 0; round < 2; round++) // the first round warms the JIT up
        {
            var clock = Stopwatch.StartNew();
            matched = 0;
            foreach (var (ticket, change) in changes)
            {
                var context = RuleContext.ForEvent(ticket, change, DateTimeOffset.UtcNow);
                foreach (var conditions in rules)
                    if (context.Matches(conditions))
                        matched++;
            }
            if (round == 1)
                Console.WriteLine($"trigger evaluation (in process, one core): {changes.Count} changes × {rules.Count} triggers in {clock.Elapsed.TotalMilliseconds:0} ms = " +
                    $"{changes.Count * rules.Count / clock.Elapsed.TotalSeconds / 1e6:0.00} million checks/s, {changes.Count / clock.Elapsed.TotalSeconds:0} changes/s ({matched} matched)");
        }
    }

    private static async Task<bool> MeasureTriggersAsync(Uri gateway, Uri rabbitMq, int count, string run, double rate, double seconds)
    {
        using var admin = new HttpClient { BaseAddress = gateway };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GatewayToken.AdminAsync(admin, CancellationToken.None));
        var (http, problem) = await GatewayClient.ConnectAsync(gateway, 16);
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
            return false;
        }
        var ids = new List<int>();
        await using var watcher = await TriggerActionWatcher.StartAsync(rabbitMq);
        try
        {
            var position = 1000;
            foreach (var (name, conditions, actions) in Triggers(count, run))
            {
                using var response = await admin.PostAsJsonAsync("api/automation/triggers", new { name, position = position++, conditions, actions });
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"POST api/automation/triggers: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
            }
            Console.WriteLine($"triggers in the whole topology: {ids.Count} active, new tickets at {rate}/s for {seconds} s; the last trigger tags each and raises its priority");
            await CreateAsync(http, 2, 3, run); // the first tickets pay for the consumers' start
            await Task.Delay(2000);
            var created = await CreateAsync(http, rate, seconds, run);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (created.Keys.Any(id => !watcher.Applied.ContainsKey(id)) && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            var latencies = created.Where(c => watcher.Applied.ContainsKey(c.Key)).Select(c => (watcher.Applied[c.Key] - c.Value).TotalMilliseconds).ToList();
            Console.WriteLine($"trigger actions applied: {latencies.Count}/{created.Count}; latency ticket request → trigger's change announced by the Ticket service " +
                $"p50/p90/p99/max {new Percentiles(latencies).Summary} ms");
            return latencies.Count == created.Count;
        }
        finally
        {
            foreach (var id in ids) // a later run starts without them
                await admin.DeleteAsync($"api/automation/triggers/{id}");
            http.Dispose();
        }
    }

    private static async Task<ConcurrentDictionary<int, DateTimeOffset>> CreateAsync(HttpClient http, double rate, double seconds, string run)
    {
        var created = new ConcurrentDictionary<int, DateTimeOffset>();
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>();
        for (var n = 0; n < rate * seconds; n++)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            requests.Add(Task.Run(async () =>
            {
                var sent = DateTimeOffset.UtcNow;
                using var response = await http.PostAsJsonAsync("api/tickets", new
                {
                    subject = "Checkout fails", description = "The payment page spins forever.", tags = new[] { $"bench-{run}" },
                    requester = new { email = $"bench-{Random.Shared.Next(2000)}@example.com", name = "Bench Customer" },
                });
                if (response.IsSuccessStatusCode)
                    created[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()] = sent;
            }));
        }
        await Task.WhenAll(requests);
        return created;
    }

    /// <summary>The built-in automations over open tickets in a database of the run's own: a first scan (some fire), then a second (none may).</summary>
    private static async Task ScanAsync(string postgres, int tickets)
    {
        var database = $"bench_automation_{Guid.NewGuid():N}"[..30];
        var server = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
        }
        try
        {
            var services = new ServiceCollection()
                .AddDbContext<AutomationDbContext>(o => o.UseNpgsql(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString))
                .BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AutomationDbContext>();
                await db.Database.MigrateAsync();
                var now = DateTimeOffset.UtcNow;
                var position = 0;
                foreach (var (name, conditions, actions) in BuiltInAutomations.All)
                    db.Automations.Add(new AutomationRule { Name = name, Position = position++, Active = true, Conditions = conditions, Actions = actions, CreatedAt = now, UpdatedAt = now, Version = 1 });
                await db.SaveChangesAsync();
                // Open tickets as a busy team has them: most open or new; a tenth pending and a tenth solved, 1 in 20 of each long enough to act on.
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO tickets ("Id", "Subject", "Status", "Priority", "Channel", "RequesterId", "Tags", "CreatedAt", "UpdatedAt", "StatusChangedAt", "AgentReplies", "Version")
                    SELECT n, 'Ticket ' || n,
                           CASE WHEN n % 10 = 0 THEN 'pending' WHEN n % 10 = 1 THEN 'solved' WHEN n % 10 < 5 THEN 'new' ELSE 'open' END,
                           'normal', 'email', n, ARRAY['billing'], now() - interval '10 days', now() - interval '1 hour',
                           CASE WHEN n % 200 < 2 THEN now() - interval '100 hours' ELSE now() - interval '2 hours' END, 1, 1
                    FROM generate_series(1, {tickets}) AS n
                    """);
            }
            var scanner = new AutomationScanner(services.GetRequiredService<IServiceScopeFactory>(),
                new StaticOptions(new AutomationOptions()), TimeProvider.System, NullLogger<AutomationScanner>.Instance);
            foreach (var pass in new[] { "first scan", "second scan" })
            {
                var clock = Stopwatch.StartNew();
                var fired = await scanner.ScanAsync(CancellationToken.None);
                Console.WriteLine($"automation {pass} over {tickets} open tickets, 3 automations: {clock.Elapsed.TotalSeconds:0.00} s, {fired} firings " +
                    $"({tickets / clock.Elapsed.TotalSeconds:0} tickets/s, batches of {new AutomationOptions().BatchSize})");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }

    private sealed class StaticOptions(AutomationOptions value) : IOptionsMonitor<AutomationOptions>
    {
        public AutomationOptions CurrentValue => value;
        public AutomationOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AutomationOptions, string?> listener) => null;
    }
}
