using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Email;

public sealed class OutgoingEmailEntityTypeConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> email)
    {
        email.ToTable("outgoing_emails");
        email.Property(e => e.Template).HasMaxLength(100);
        email.Property(e => e.ToAddress).HasMaxLength(320);
        email.Property(e => e.ToName).HasMaxLength(200);
        email.Property(e => e.Subject).HasMaxLength(1000);
        email.Property(e => e.MessageId).HasMaxLength(998);
        email.Property(e => e.InReplyTo).HasMaxLength(998);
        email.Property(e => e.References).HasMaxLength(4000);
        email.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        email.Property(e => e.LastError).HasMaxLength(1000);
        email.HasIndex(e => e.TicketId);
        email.HasIndex(e => e.NextAttemptAt).HasFilter("\"Status\" = 'Queued'").HasDatabaseName("IX_outgoing_emails_due");
    }
}
