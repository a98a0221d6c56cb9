using Npgsql;

namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real servers the tests use, from configuration (environment variables), with defaults matching
/// deploy/infra/ensure-infra.sh. A test that cannot reach one fails saying how to start it.
/// </summary>
public static class TestServers
{
    public const string HowToStart = "Start the test servers with `bash deploy/infra/ensure-infra.sh`.";

    public static string Postgres =>
        Environment.GetEnvironmentVariable("SUPPORT_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=support;Password=support";

    public static string RabbitMq =>
        Environment.GetEnvironmentVariable("SUPPORT_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Creates an empty database (owned by the support role) and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"test_{purpose}_{Guid.NewGuid():N}"[..40];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    public static Task DropDatabaseAsync(string connectionString) =>
        ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");

    public static async Task EnsureRabbitMqReachableAsync()
    {
        var uri = new Uri(RabbitMq);
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port > 0 ? uri.Port : 5672).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"RabbitMQ is unreachable at {uri.Host}:{uri.Port} (SUPPORT_TEST_RABBITMQ): {ex.Message}. {HowToStart}", ex);
        }
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
