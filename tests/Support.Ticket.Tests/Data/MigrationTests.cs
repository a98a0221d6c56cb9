using Microsoft.EntityFrameworkCore;
using Support.Ticket.Data;

namespace Support.Ticket.Tests.Data;

public class MigrationTests
{
    [Fact]
    public async Task Replicas_starting_together_migrate_an_empty_database_once()
    {
        var database = await TestServers.CreateDatabaseAsync("migrate");
        try
        {
            TicketDbContext Context() => new(new DbContextOptionsBuilder<TicketDbContext>().UseNpgsql(database).Options);

            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                await using var replica = Context();
                await Support.Hosting.Data.DatabaseSetup.MigratePostgresAsync(replica, CancellationToken.None);
            }));

            await using var db = Context();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.Tickets.CountAsync());
        }
        finally
        {
            await TestServers.DropDatabaseAsync(database);
        }
    }
}
