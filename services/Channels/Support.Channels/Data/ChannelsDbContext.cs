using Microsoft.EntityFrameworkCore;
using Support.Channels.Email;
using Support.Channels.Inbound;
using Support.Channels.Tickets;
using Support.Channels.Webhooks;
using Support.Hosting.Data;

namespace Support.Channels.Data;

/// <summary>Email templates, outgoing and incoming email, webhook subscriptions and deliveries, and the copies of tickets and contacts they need.</summary>
public class ChannelsDbContext(DbContextOptions<ChannelsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<TicketThread> Threads => Set<TicketThread>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<EmailTemplate> Templates => Set<EmailTemplate>();
    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();
    public DbSet<InboundEmail> InboundEmails => Set<InboundEmail>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each entity's mapping is beside it, in its *EntityTypeConfiguration.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChannelsDbContext).Assembly);
    }
}
