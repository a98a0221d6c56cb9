using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Automation.Tickets;

public sealed class TicketCopyEntityTypeConfiguration : IEntityTypeConfiguration<TicketCopy>
{
    public void Configure(EntityTypeBuilder<TicketCopy> ticket)
    {
        ticket.ToTable("tickets");
        ticket.Property(t => t.Id).ValueGeneratedNever();
        ticket.Property(t => t.Subject).HasMaxLength(500);
        ticket.Property(t => t.Status).HasMaxLength(20);
        ticket.Property(t => t.Priority).HasMaxLength(20);
        ticket.Property(t => t.Type).HasMaxLength(20);
        ticket.Property(t => t.Channel).HasMaxLength(20);
        ticket.Property(t => t.Version).IsConcurrencyToken();
        ticket.HasIndex(t => new { t.Status, t.UpdatedAt });
    }
}
