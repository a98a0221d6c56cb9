using Support.Contracts.Automation;
using Support.Contracts.Channels;
using Support.Contracts.Customers;
using Support.Contracts.Identity;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Routing;
using Support.Contracts.Tickets;

namespace Support.Contracts;

/// <summary>
/// Every event a service publishes: what Analytics records and what a webhook may subscribe to. Names are unique, as
/// subscribers (and the stored copies) know an event by its type's name alone.
/// </summary>
public static class PublishedEvents
{
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(TicketCreated), typeof(TicketUpdated), typeof(TicketStatusChanged), typeof(TicketAssigned), typeof(TicketSolved),
        typeof(TicketReopened), typeof(TicketCommentAdded), typeof(SatisfactionRated), typeof(InboundEmailApplied),
        typeof(CustomerCreated), typeof(CustomerUpdated), typeof(CustomerAccountLinked),
        typeof(CustomerErasureRequested), typeof(CustomerDataErased),
        typeof(TicketRouted), typeof(TicketClassified), typeof(TicketQueued), typeof(TicketEscalated), typeof(AgentStatusChanged),
        typeof(ArticlePublished), typeof(ArticleUpdated), typeof(ArticleArchived), typeof(ArticleFeedbackGiven),
        typeof(QuestionAnswered), typeof(ArticlesSuggested),
        typeof(UserCreated), typeof(UserUpdated),
        typeof(NotificationRequested), typeof(EmailReceived), typeof(WebhookDisabled),
        typeof(TicketActionsRequested),
        typeof(SlaApplied), typeof(SlaWarning), typeof(SlaBreached), typeof(SlaFulfilled), typeof(SlaDueChanged),
        typeof(BusinessScheduleChanged), typeof(BusinessScheduleDeleted),
    ];

    private static readonly Dictionary<string, Type> TypesByName = Types.ToDictionary(t => t.Name);

    /// <summary>The published event of this name ("TicketCreated"), or null.</summary>
    public static Type? Named(string name) => TypesByName.GetValueOrDefault(name);
}
