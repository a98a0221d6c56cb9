using Npgsql;

namespace Support.Ticket.Tests.Infrastructure;

/// <summary>Locks the customers table against reads, so a ticket create stays in flight, before writing anything, until released.</summary>
public sealed class CustomerTableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private CustomerTableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (this.connection, this.transaction) = (connection, transaction);

    public static async Task<CustomerTableLock> TakeAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new CustomerTableLock(connection, transaction);
    }

    /// <summary>Whether a session of this database waits for a lock (the held create).</summary>
    public static async Task<bool> SomeoneWaitsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Releases the lock; the held creates go on.</summary>
    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
