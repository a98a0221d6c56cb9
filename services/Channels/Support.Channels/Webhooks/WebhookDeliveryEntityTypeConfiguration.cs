using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Support.Channels.Webhooks;

public sealed class WebhookDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.Property(d => d.EventType).HasMaxLength(WebhookDelivery.EventTypeMaxLength);
        delivery.Property(d => d.OrderingKey).HasMaxLength(WebhookDelivery.OrderingKeyMaxLength);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        // An event reaches a webhook once, whatever reaches the consumer twice.
        delivery.HasIndex(d => new { d.WebhookId, d.EventId }).IsUnique();
        delivery.HasIndex(d => new { d.WebhookId, d.Id }).HasDatabaseName("IX_webhook_deliveries_log");
        // The dispatcher's claim: the due ones, and whether an earlier one of the same key is still pending.
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_webhook_deliveries_due");
        delivery.HasIndex(d => new { d.WebhookId, d.OrderingKey, d.Id }).HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_webhook_deliveries_pending_key");
        delivery.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
