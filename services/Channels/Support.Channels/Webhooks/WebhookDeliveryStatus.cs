namespace Support.Channels.Webhooks;

// Written as text: "pending" (waiting for its first or next attempt), "delivered", "failed" (retried for
// WebhookOptions.RetryFor in vain).
public enum WebhookDeliveryStatus { Pending, Delivered, Failed }
