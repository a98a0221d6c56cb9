using System.Diagnostics;
using Npgsql;

namespace Support.Testing;

/// <summary>
/// The real servers the tests use, from configuration (environment variables), with defaults matching
/// deploy/infra/ensure-infra.sh. A test that cannot reach one fails saying how to start it.
/// Compiled into each test project (see its csproj).
/// </summary>
public static class TestServers
{
    public const string HowToStart = "Start the test servers with `bash deploy/infra/ensure-infra.sh` (or run the README's test command, which does it).";

    public static string Postgres =>
        Environment.GetEnvironmentVariable("SUPPORT_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=support;Password=support;SslMode=Disable";

    public static string RabbitMq =>
        Environment.GetEnvironmentVariable("SUPPORT_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Creates an empty database of its own for a fixture (owned by the support role) and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"test_{purpose}_{Guid.NewGuid():N}"[..40];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 30 }.ConnectionString;
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

    /// <summary>
    /// The broker answers on its port; another test class's outage (rabbitmqctl stop_app, 15 s at most) is waited out
    /// for up to 60 s before the test fails saying how to start the servers.
    /// </summary>
    public static async Task EnsureRabbitMqReachableAsync()
    {
        var uri = new Uri(RabbitMq);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(TimeSpan.FromSeconds(1)))
        {
            using var client = new System.Net.Sockets.TcpClient();
            try
            {
                await client.ConnectAsync(uri.Host, uri.Port > 0 ? uri.Port : 5672).WaitAsync(TimeSpan.FromSeconds(5));
                return;
            }
            catch (Exception ex) when (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"RabbitMQ is unreachable at {uri.Host}:{uri.Port} (SUPPORT_TEST_RABBITMQ): {ex.Message}. {HowToStart}", ex);
            }
            catch (Exception)
            {
            }
        }
    }

    /// <summary>
    /// A RabbitMQ virtual host of the fixture's own, so no other running service competes for its queues; returns
    /// the broker URI pointing at it.
    /// </summary>
    public static async Task<string> CreateVirtualHostAsync(string purpose)
    {
        await EnsureRabbitMqReachableAsync();
        var name = $"test-{purpose}-{Guid.NewGuid():N}"[..32];
        var uri = new Uri(RabbitMq);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        await RabbitMqCtlRidingOutageAsync("add_vhost", name);
        await RabbitMqCtlRidingOutageAsync("set_permissions", "-p", name, user, ".*", ".*", ".*");
        return new UriBuilder(uri) { Path = "/" + name }.Uri.ToString();
    }

    /// <summary>Another test class's broker outage (rabbitmqctl stop_app) may be under way in parallel: wait it out.</summary>
    private static async Task RabbitMqCtlRidingOutageAsync(params string[] args)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(TimeSpan.FromSeconds(1)))
        {
            try
            {
                await RabbitMqCtlAsync(args);
                return;
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("app to be running") && DateTime.UtcNow < deadline)
            {
            }
        }
    }

    public static Task<string> DeleteVirtualHostAsync(string brokerUri) =>
        RabbitMqCtlAsync("delete_vhost", Uri.UnescapeDataString(new Uri(brokerUri).AbsolutePath.TrimStart('/')));

    /// <summary>Runs rabbitmqctl (SUPPORT_TEST_RABBITMQCTL overrides the command), to stop or start the broker or manage virtual hosts.</summary>
    public static async Task<string> RabbitMqCtlAsync(params string[] args)
    {
        var command = Environment.GetEnvironmentVariable("SUPPORT_TEST_RABBITMQCTL") ?? "rabbitmqctl";
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {command}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}. The messaging tests need rabbitmqctl beside the broker and the right to run it (root). {HowToStart}");
        return stdout;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"PostgreSQL is unreachable at '{Redacted(Postgres)}' (SUPPORT_TEST_POSTGRES): {ex.Message}. {HowToStart}", ex);
        }
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}
