using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Ticket.Customers;
using Support.Ticket.Organizations;
using Support.Ticket.Tickets;
using TicketEntity = Support.Ticket.Tickets.Ticket;

namespace Support.Ticket.Data;

public class TicketDbContext(DbContextOptions<TicketDbContext> options) : ServiceDbContext(options)
{
    public DbSet<TicketEntity> Tickets => Set<TicketEntity>();
    public DbSet<TicketComment> Comments => Set<TicketComment>();
    public DbSet<TicketAuditEntry> Audit => Set<TicketAuditEntry>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Organization> Organizations => Set<Organization>();

    /// <summary>
    /// Tracks the tickets a batch of messages is about, read in one query (each message then finds its own with Find),
    /// and on PostgreSQL locks them, in id order, in the transaction begun here for the batch. Unlocked, batches of routing
    /// decisions and of suggestions for the same new tickets raced: the loser's version check failed and it was retried
    /// whole, a hundred tickets' work (the whole-system benchmark saw it every few seconds).
    /// </summary>
    public async Task LockTicketsAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().Order().ToArray();
        if (!Database.IsNpgsql())
        {
            await Tickets.Where(t => wanted.Contains(t.Id)).LoadAsync(ct);
            return;
        }
        await Database.BeginTransactionAsync(ct);
        await Tickets.FromSql($"""SELECT * FROM tickets WHERE "Id" = ANY({wanted}) ORDER BY "Id" FOR UPDATE""").LoadAsync(ct);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TicketDbContext).Assembly);
    }
}
