using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Ticket.Tickets;

public sealed class TicketAuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<TicketAuditEntry>
{
    public void Configure(EntityTypeBuilder<TicketAuditEntry> audit)
    {
        audit.ToTable("ticket_audit");
        audit.Property(a => a.Field).HasMaxLength(50);
        audit.Property(a => a.ActorType).HasMaxLength(20);
        audit.Property(a => a.ActorId).HasMaxLength(64);
        audit.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        audit.HasIndex(a => new { a.TicketId, a.Id });
    }
}
