using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Support.Routing.Categories;

namespace Support.Routing.Tickets;

public sealed class RoutedTicketEntityTypeConfiguration : IEntityTypeConfiguration<RoutedTicket>
{
    public void Configure(EntityTypeBuilder<RoutedTicket> ticket)
    {
        ticket.ToTable("tickets");
        ticket.HasKey(t => t.TicketId);
        ticket.Property(t => t.TicketId).ValueGeneratedNever();
        ticket.Property(t => t.Subject).HasMaxLength(RoutedTicket.SubjectMaxLength);
        ticket.Property(t => t.Description).HasMaxLength(RoutedTicket.TextMaxLength);
        ticket.Property(t => t.Category).HasMaxLength(CategoryRoute.NameMaxLength);
        ticket.Property(t => t.State).HasConversion<string>().HasMaxLength(10);
        ticket.Property(t => t.Policy).HasMaxLength(20);
        ticket.Property(t => t.Reason).HasMaxLength(500);
        // The queue's order: the highest priority first (stored as its rank), then the longest waiting.
        ticket.HasIndex(t => new { t.State, t.GroupId, t.Priority, t.QueuedAt });
        ticket.HasIndex(t => t.AgentId);
        ticket.HasIndex(t => t.EscalationDueAt).HasFilter("\"EscalationDueAt\" IS NOT NULL");
    }
}
