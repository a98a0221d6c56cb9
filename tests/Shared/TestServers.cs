using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using DotNet.Testcontainers.Containers;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Support.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ the tests use: containers of this test process (Testcontainers; images from
/// SUPPORT_TEST_POSTGRES_IMAGE and SUPPORT_TEST_RABBITMQ_IMAGE), started on first use and removed when its tests end;
/// or, where SUPPORT_TEST_POSTGRES and SUPPORT_TEST_RABBITMQ name them, existing servers (machines without Docker).
/// Fixtures keep apart by a database and a virtual host of their own. A test that cannot get its server fails saying
/// how to fix that. Compiled into each test project by TestServers.props.
/// </summary>
public static class TestServers
{
    /// <summary>The label of every container the tests start, to find any left over (<c>docker ps -a --filter label=support.tests</c>).</summary>
    public const string Label = "support.tests";

    public const string HowToFix = "Docker must be running (start it with `dockerd &`; an engine older than Docker 25 needs DOCKER_API_VERSION set to its API version, as `docker version` shows it), or set SUPPORT_TEST_POSTGRES and SUPPORT_TEST_RABBITMQ to use existing servers (`bash deploy/infra/ensure-infra.sh` starts them); the README's test command does it.";

    private static readonly string? ExistingPostgres = Environment.GetEnvironmentVariable("SUPPORT_TEST_POSTGRES");
    private static readonly string? ExistingRabbitMq = Environment.GetEnvironmentVariable("SUPPORT_TEST_RABBITMQ");
    private static readonly ConcurrentBag<IContainer> Containers = [];
    private static readonly Lazy<Task<string>> SharedPostgres = new(() => ExistingPostgres is null ? StartPostgresAsync() : Task.FromResult(ExistingPostgres));
    private static readonly Lazy<Task<RabbitMqServer>> SharedRabbitMq = new(() => ExistingRabbitMq is null ? RabbitMqServer.StartAsync() : RabbitMqServer.ExistingAsync(ExistingRabbitMq));

    /// <summary>The connection string of the PostgreSQL server (its database postgres, as a role that may create databases).</summary>
    public static Task<string> PostgresAsync() => SharedPostgres.Value;

    /// <summary>The RabbitMQ broker the fixtures share.</summary>
    public static Task<RabbitMqServer> RabbitMqAsync() => SharedRabbitMq.Value;

    /// <summary>
    /// A broker that a test may stop: a container of its own, which it disposes. With existing servers it is the
    /// shared one (disposing it does nothing), so such a test must run alone.
    /// </summary>
    public static Task<RabbitMqServer> RabbitMqOfItsOwnAsync() => ExistingRabbitMq is null ? RabbitMqServer.StartAsync() : RabbitMqAsync();

    /// <summary>Creates an empty database of its own for a fixture and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"test_{purpose}_{Guid.NewGuid():N}"[..40];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(await PostgresAsync()) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    /// <summary>
    /// Drops a fixture's database. FORCE may not end an autovacuum worker that is busy in it (42501 for a role that
    /// is not a superuser), so a refusal is tried again while the worker finishes.
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var sql = $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync(sql);
                return;
            }
            catch (InvalidOperationException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    /// <summary>A virtual host of the fixture's own on the shared broker; returns the broker URI pointing at it.</summary>
    public static async Task<string> CreateVirtualHostAsync(string purpose) => await (await RabbitMqAsync()).CreateVirtualHostAsync(purpose);

    public static async Task DeleteVirtualHostAsync(string brokerUri) => await (await RabbitMqAsync()).DeleteVirtualHostAsync(brokerUri);

    /// <summary>Runs rabbitmqctl against the shared broker, to look into or change its virtual hosts and queues.</summary>
    public static async Task<string> RabbitMqCtlAsync(params string[] args) => await (await RabbitMqAsync()).CtlAsync(args);

    /// <summary>Starts a container of this process, which is removed when its tests end (<see cref="TestServersFramework"/>).</summary>
    internal static async Task<T> StartContainerAsync<T>(string what, Func<T> build) where T : IContainer
    {
        try
        {
            var container = build();
            Containers.Add(container);
            await container.StartAsync();
            return container;
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Could not start the tests' {what} container: {ex.Message} {HowToFix}", ex);
        }
    }

    internal static Task RemoveContainersAsync() => Task.WhenAll(Containers.Select(c => c.DisposeAsync().AsTask()));

    private static async Task<string> StartPostgresAsync()
    {
        var image = Environment.GetEnvironmentVariable("SUPPORT_TEST_POSTGRES_IMAGE") ?? "postgres:16";
        var container = await StartContainerAsync($"PostgreSQL ({image})", () => new PostgreSqlBuilder(image)
            .WithLabel(Label, "true")
            .WithUsername("support")
            .WithPassword("support")
            // Every fixture opens pools of its own. (The builder turns fsync, synchronous_commit and full_page_writes off.)
            .WithCommand("-c", "max_connections=300")
            .Build());
        return container.GetConnectionString();
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var server = await PostgresAsync();
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"PostgreSQL is unreachable at '{new NpgsqlConnectionStringBuilder(server) { Password = null }}': {ex.Message}. {HowToFix}", ex);
        }
    }
}

/// <summary>A RabbitMQ broker: a container (rabbitmqctl runs inside it) or an existing server (rabbitmqctl runs on this machine).</summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const ushort ManagementPort = 15672;
    private readonly RabbitMqContainer? container;

    // A container's virtual hosts are made through its management API: a rabbitmqctl run starts an Erlang VM (0.8 s
    // of CPU), which every fixture's start and end would pay.
    private readonly HttpClient? management;

    private RabbitMqServer(string uri, RabbitMqContainer? container)
    {
        Address = uri;
        this.container = container;
        if (container is not null)
        {
            management = new HttpClient { BaseAddress = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(ManagementPort)}/api/") };
            management.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(new Uri(uri).UserInfo))));
        }
    }

    /// <summary>The broker's URI (its default virtual host).</summary>
    public string Address { get; }

    internal static async Task<RabbitMqServer> StartAsync()
    {
        var image = Environment.GetEnvironmentVariable("SUPPORT_TEST_RABBITMQ_IMAGE") ?? "rabbitmq:3-management";
        var container = await TestServers.StartContainerAsync($"RabbitMQ ({image})", () => new RabbitMqBuilder(image)
            .WithLabel(TestServers.Label, "true")
            .WithPortBinding(ManagementPort, true)
            .Build());
        return new RabbitMqServer(container.GetConnectionString(), container);
    }

    internal static async Task<RabbitMqServer> ExistingAsync(string uri)
    {
        var address = new Uri(uri);
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(address.Host, address.Port > 0 ? address.Port : 5672).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"RabbitMQ is unreachable at {address.Host}:{address.Port} (SUPPORT_TEST_RABBITMQ): {ex.Message}. {TestServers.HowToFix}", ex);
        }
        return new RabbitMqServer(uri, null);
    }

    /// <summary>A virtual host of the fixture's own, so no other running service competes for its queues; returns the broker URI pointing at it.</summary>
    public async Task<string> CreateVirtualHostAsync(string purpose)
    {
        var name = $"test-{purpose}-{Guid.NewGuid():N}"[..32];
        var uri = new Uri(Address);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        if (management is null)
        {
            await CtlAsync("add_vhost", name);
            await CtlAsync("set_permissions", "-p", name, user, ".*", ".*", ".*");
        }
        else
        {
            (await management.PutAsync($"vhosts/{name}", null)).EnsureSuccessStatusCode();
            (await management.PutAsJsonAsync($"permissions/{name}/{user}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        }
        return new UriBuilder(uri) { Path = "/" + name }.Uri.ToString();
    }

    public async Task DeleteVirtualHostAsync(string brokerUri)
    {
        var name = Uri.UnescapeDataString(new Uri(brokerUri).AbsolutePath.TrimStart('/'));
        if (management is null)
            await CtlAsync("delete_vhost", name);
        else
            (await management.DeleteAsync($"vhosts/{name}")).EnsureSuccessStatusCode();
    }

    /// <summary>Runs rabbitmqctl (on this machine SUPPORT_TEST_RABBITMQCTL overrides the command), to stop or start the broker or manage virtual hosts.</summary>
    public async Task<string> CtlAsync(params string[] args)
    {
        if (container is not null)
        {
            var result = await container.ExecAsync(["rabbitmqctl", .. args]);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed in the broker's container ({result.ExitCode}): {result.Stderr}");
            return result.Stdout;
        }
        var command = Environment.GetEnvironmentVariable("SUPPORT_TEST_RABBITMQCTL") ?? "rabbitmqctl";
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {command}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}. With an existing broker (SUPPORT_TEST_RABBITMQ) the messaging tests need rabbitmqctl beside it and the right to run it (root). {TestServers.HowToFix}");
        return stdout;
    }

    /// <summary>Removes the broker's container; an existing server is left alone.</summary>
    public ValueTask DisposeAsync()
    {
        management?.Dispose();
        return container?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}

/// <summary>
/// xunit's test framework, which also removes this process's containers once all its tests are done: then, while the
/// runner still waits for the assembly (it ends the test host 100 ms after the last test, too soon for exit handlers).
/// TestServers.props names it in each test project.
/// </summary>
public sealed class TestServersFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Aggregator.RunAsync(TestServers.RemoveContainersAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
