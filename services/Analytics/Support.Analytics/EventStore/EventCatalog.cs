using System.Text.Json;
using Support.Contracts;
using Support.Contracts.Automation;
using Support.Contracts.Channels;
using Support.Contracts.Customers;
using Support.Contracts.Identity;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;

namespace Support.Analytics.EventStore;

/// <summary>Every published event (<see cref="PublishedEvents"/>) as the service records it: its stream and its time.</summary>
public static class EventCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string TicketStream(int ticketId) => $"ticket/{ticketId}";
    public static string CustomerStream(int customerId) => $"customer/{customerId}";
    public static string AnswerStream(Guid answerId) => $"answer/{answerId:N}";
    public static string ScheduleStream(int scheduleId) => $"schedule/{scheduleId}";

    public static (string Stream, DateTimeOffset OccurredAt) Describe(object message) => message switch
    {
        TicketCreated e => (TicketStream(e.TicketId), e.CreatedAt),
        TicketUpdated e => (TicketStream(e.TicketId), e.UpdatedAt),
        TicketStatusChanged e => (TicketStream(e.TicketId), e.ChangedAt),
        TicketAssigned e => (TicketStream(e.TicketId), e.AssignedAt),
        TicketSolved e => (TicketStream(e.TicketId), e.SolvedAt),
        TicketReopened e => (TicketStream(e.TicketId), e.ReopenedAt),
        TicketCommentAdded e => (TicketStream(e.TicketId), e.CreatedAt),
        SatisfactionRated e => (TicketStream(e.TicketId), e.RatedAt),
        InboundEmailApplied e => (TicketStream(e.TicketId), e.AppliedAt),
        CustomerCreated e => (CustomerStream(e.CustomerId), e.CreatedAt),
        CustomerUpdated e => (CustomerStream(e.CustomerId), e.UpdatedAt),
        CustomerAccountLinked e => ($"user/{e.UserId}", e.LinkedAt),
        CustomerErasureRequested e => ($"erasure/{e.ErasureId}", e.RequestedAt),
        CustomerDataErased e => ($"erasure/{e.ErasureId}", e.ErasedAt),
        TicketRouted e => (TicketStream(e.TicketId), e.RoutedAt),
        TicketClassified e => (TicketStream(e.TicketId), e.ClassifiedAt),
        TicketQueued e => (TicketStream(e.TicketId), e.QueuedAt),
        TicketEscalated e => (TicketStream(e.TicketId), e.EscalatedAt),
        AgentStatusChanged e => ($"agent/{e.AgentId}", e.ChangedAt),
        ArticlePublished e => ($"article/{e.ArticleId}", e.PublishedAt),
        ArticleUpdated e => ($"article/{e.ArticleId}", e.UpdatedAt),
        ArticleArchived e => ($"article/{e.ArticleId}", e.ArchivedAt),
        ArticleFeedbackGiven e => ($"article/{e.ArticleId}", e.GivenAt),
        QuestionAnswered e => (AnswerStream(e.AnswerId), e.At),
        ArticlesSuggested e => (TicketStream(e.TicketId), e.SuggestedAt),
        UserCreated e => ($"user/{e.UserId}", e.CreatedAt),
        UserUpdated e => ($"user/{e.UserId}", e.UpdatedAt),
        NotificationRequested e => (e.TicketId is { } ticketId ? TicketStream(ticketId) : $"notification/{e.Template}", e.RequestedAt),
        EmailReceived e => ($"email/{e.EmailId:N}", e.ReceivedAt),
        WebhookDisabled e => ($"webhook/{e.WebhookId}", e.DisabledAt),
        TicketActionsRequested e => (TicketStream(e.TicketId), e.RequestedAt),
        SlaApplied e => (TicketStream(e.TicketId), e.AppliedAt),
        SlaWarning e => (TicketStream(e.TicketId), e.WarnedAt),
        SlaBreached e => (TicketStream(e.TicketId), e.BreachedAt),
        SlaFulfilled e => (TicketStream(e.TicketId), e.FulfilledAt),
        SlaDueChanged e => (TicketStream(e.TicketId), e.ChangedAt),
        BusinessScheduleChanged e => (ScheduleStream(e.ScheduleId), e.ChangedAt),
        BusinessScheduleDeleted e => (ScheduleStream(e.ScheduleId), e.DeletedAt),
        _ => throw new ArgumentException($"{message.GetType().Name} is not an event the Analytics service records."),
    };

    public static StoredEvent ToStored(object message, Guid messageId, DateTimeOffset recordedAt)
    {
        var (stream, occurredAt) = Describe(message);
        return new StoredEvent
        {
            MessageId = messageId,
            Type = message.GetType().Name,
            Stream = stream,
            OccurredAt = occurredAt,
            RecordedAt = recordedAt,
            Payload = JsonSerializer.Serialize(message, message.GetType(), Json),
        };
    }

    public static object Read(StoredEvent stored) =>
        JsonSerializer.Deserialize(stored.Payload, PublishedEvents.Named(stored.Type) ?? throw new InvalidOperationException($"Stored event {stored.MessageId} has the unknown type {stored.Type}."), Json)
        ?? throw new InvalidOperationException($"Stored event {stored.MessageId} has an empty payload.");
}
