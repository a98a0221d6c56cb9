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

    /// <summary>Tracks the tickets a batch of messages is about, read in one query: each message then finds its own with Find.</summary>
    public Task LoadTicketsAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return Tickets.Where(t => wanted.Contains(t.Id)).LoadAsync(ct);
    }
    public DbSet<TicketComment> Comments => Set<TicketComment>();
    public DbSet<TicketAuditEntry> Audit => Set<TicketAuditEntry>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Organization> Organizations => Set<Organization>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TicketDbContext).Assembly);
    }
}
