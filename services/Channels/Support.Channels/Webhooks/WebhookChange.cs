using Support.Hosting.Http;

namespace Support.Channels.Webhooks;

/// <summary>The fields a PATCH of a webhook may change, read from its body.</summary>
public sealed record WebhookChange(Optional<string> Url, Optional<List<string>> Events, Optional<bool?> Active, Optional<bool?> AllowPrivateNetwork)
{
    public static WebhookChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new WebhookChange(
            patch.Field<string>("url"), patch.Field<List<string>>("events"), patch.Field<bool?>("active"), patch.Field<bool?>("allowPrivateNetwork"));
        if (change.Url.IsSet)
            WebhookTarget.Parse(change.Url.Value, errors);
        if (change.Events.IsSet)
            WebhookSubscription.ValidateEvents(change.Events.Value, errors);
        return change;
    }

    public bool ApplyTo(Webhook webhook)
    {
        var before = (webhook.Url, Events: string.Join(',', webhook.Events), webhook.Active, webhook.AllowPrivateNetwork);
        if (Url.IsSet) webhook.Url = Url.Value!.Trim();
        if (Events.IsSet) webhook.Events = WebhookSubscription.Normalize(Events.Value!);
        if (AllowPrivateNetwork.IsSet) webhook.AllowPrivateNetwork = AllowPrivateNetwork.Value!.Value;
        if (Active.IsSet && Active.Value!.Value != webhook.Active)
        {
            webhook.Active = Active.Value.Value;
            // Enabled again (after failing, or by hand): a fresh start, its pending deliveries resume.
            webhook.FailingSince = null;
            webhook.DisabledAt = null;
            webhook.DisabledReason = null;
        }
        return before != (webhook.Url, string.Join(',', webhook.Events), webhook.Active, webhook.AllowPrivateNetwork);
    }
}
