using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Webhooks;

public sealed class WebhookAttemptEntityTypeConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("webhook_attempts");
        attempt.Property(a => a.Error).HasMaxLength(WebhookAttempt.ErrorMaxLength);
        attempt.Property(a => a.Response).HasMaxLength(WebhookAttempt.ResponseMaxBytes);
    }
}
