using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Tickets;

public sealed class TicketThreadEntityTypeConfiguration : IEntityTypeConfiguration<TicketThread>
{
    public void Configure(EntityTypeBuilder<TicketThread> thread)
    {
        thread.ToTable("ticket_threads");
        thread.HasKey(t => t.TicketId);
        thread.Property(t => t.TicketId).ValueGeneratedNever();
        thread.Property(t => t.Subject).HasMaxLength(500);
        thread.Property(t => t.Status).HasMaxLength(20);
        thread.Property(t => t.Locale).HasMaxLength(10);
        thread.Property(t => t.OpeningMessageId).HasMaxLength(998);
        thread.HasIndex(t => t.RequesterId);
    }
}
