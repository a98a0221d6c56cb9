using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Webhooks;

public sealed class WebhookEntityTypeConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.ToTable("webhooks");
        webhook.Property(w => w.Url).HasMaxLength(Webhook.UrlMaxLength);
        webhook.Property(w => w.Secret).HasMaxLength(Webhook.SecretMaxLength);
        webhook.Property(w => w.DisabledReason).HasMaxLength(500);
        webhook.Property(w => w.Version).IsConcurrencyToken();
        webhook.HasMany<WebhookDelivery>().WithOne(d => d.Webhook).HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}
