using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Email;

public sealed class EmailTemplateEntityTypeConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> template)
    {
        template.ToTable("email_templates");
        template.Property(t => t.Name).HasMaxLength(100);
        template.Property(t => t.Locale).HasMaxLength(10);
        template.Property(t => t.Subject).HasMaxLength(EmailTemplate.SubjectMaxLength);
        template.Property(t => t.Body).HasMaxLength(EmailTemplate.BodyMaxLength);
        template.Property(t => t.Version).IsConcurrencyToken();
        template.HasIndex(t => new { t.Name, t.Locale }).IsUnique();
    }
}
