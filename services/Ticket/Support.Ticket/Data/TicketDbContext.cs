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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<TicketEntity>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.Property(t => t.Subject).HasMaxLength(TicketEntity.SubjectMaxLength);
            ticket.Property(t => t.Description).HasMaxLength(TicketEntity.DescriptionMaxBytes);
            ticket.Property(t => t.Category).HasMaxLength(TicketEntity.CategoryMaxLength);
            ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(20);
            ticket.Property(t => t.Type).HasConversion<string>().HasMaxLength(20);
            ticket.Property(t => t.Channel).HasConversion<string>().HasMaxLength(20);
            ticket.Property(t => t.Satisfaction).HasConversion<string>().HasMaxLength(10);
            ticket.Property(t => t.SatisfactionComment).HasMaxLength(TicketComment.BodyMaxBytes);
            ticket.Property(t => t.Version).IsConcurrencyToken();
            ticket.OwnsMany(t => t.SuggestedArticles, articles => articles.ToJson());
            // Suggestions leave the version alone; this token keeps two of them, written at once, from losing the newer.
            ticket.Property(t => t.ArticlesSuggestedAt).IsConcurrencyToken();
            ticket.HasOne(t => t.Requester).WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.Restrict);
            ticket.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            ticket.HasIndex(t => t.Status);
            ticket.HasIndex(t => t.RequesterId);
            ticket.HasIndex(t => t.OrganizationId);
            ticket.HasIndex(t => t.AssigneeId);
            ticket.HasIndex(t => t.UpdatedAt);
        });

        modelBuilder.Entity<TicketComment>(comment =>
        {
            comment.ToTable("ticket_comments");
            comment.Property(c => c.Body).HasMaxLength(TicketComment.BodyMaxBytes);
            comment.Property(c => c.AuthorType).HasConversion<string>().HasMaxLength(20);
            comment.Property(c => c.AuthorId).HasMaxLength(64);
            comment.HasOne<TicketEntity>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
            comment.HasIndex(c => new { c.TicketId, c.Id });
        });

        modelBuilder.Entity<TicketAuditEntry>(audit =>
        {
            audit.ToTable("ticket_audit");
            audit.Property(a => a.Field).HasMaxLength(50);
            audit.Property(a => a.ActorType).HasMaxLength(20);
            audit.Property(a => a.ActorId).HasMaxLength(64);
            audit.HasOne<TicketEntity>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
            audit.HasIndex(a => new { a.TicketId, a.Id });
        });

        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.Property(c => c.Email).HasMaxLength(Hosting.Http.EmailAddress.MaxLength);
            customer.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
            customer.Property(c => c.Phone).HasMaxLength(Customer.PhoneMaxLength);
            customer.Property(c => c.Notes).HasMaxLength(Customer.NotesMaxLength);
            customer.Property(c => c.Status).HasConversion<string>().HasMaxLength(10);
            customer.Property(c => c.Value).HasPrecision(18, 2);
            customer.Property(c => c.Version).IsConcurrencyToken();
            customer.HasIndex(c => c.Email).IsUnique();
            customer.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Organization>(organization =>
        {
            organization.ToTable("organizations");
            organization.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
            organization.Property(o => o.Notes).HasMaxLength(Organization.NotesMaxLength);
            organization.Property(o => o.Version).IsConcurrencyToken();
            organization.HasIndex(o => o.Name).IsUnique();
        });
    }
}
