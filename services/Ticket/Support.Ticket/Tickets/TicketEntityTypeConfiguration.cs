using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Ticket.Organizations;

namespace Support.Ticket.Tickets;

public sealed class TicketEntityTypeConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> ticket)
    {
        ticket.ToTable("tickets");
        ticket.Property(t => t.Subject).HasMaxLength(Ticket.SubjectMaxLength);
        ticket.Property(t => t.Description).HasMaxLength(Ticket.DescriptionMaxBytes);
        ticket.Property(t => t.Category).HasMaxLength(Ticket.CategoryMaxLength);
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
        ticket.HasIndex(t => new { t.SlaDueAt, t.Id }); // the list sorted by sla_due
    }
}
