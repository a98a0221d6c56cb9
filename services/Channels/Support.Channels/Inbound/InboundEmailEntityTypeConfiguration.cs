using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Inbound;

public sealed class InboundEmailEntityTypeConfiguration : IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<InboundEmail> email)
    {
        email.ToTable("inbound_emails");
        email.Property(e => e.MessageId).HasMaxLength(998);
        email.Property(e => e.FromAddress).HasMaxLength(320);
        email.Property(e => e.Subject).HasMaxLength(1000);
        email.Property(e => e.Source).HasMaxLength(10);
        email.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        email.Property(e => e.Reason).HasMaxLength(500);
        email.HasIndex(e => e.MessageId).IsUnique();
        email.HasIndex(e => e.TicketId);
    }
}
