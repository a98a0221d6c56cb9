using Support.Contracts.Customers;
using Support.Contracts.Identity;
using Support.Contracts.Tickets;

namespace Support.Analytics.PersonalData;

/// <summary>
/// An event of one of the customer's streams (<see cref="CustomerStreams"/>) with their personal data replaced: what
/// they wrote, their name and email. Agents' comments on their tickets stay.
/// </summary>
public static class EventScrubber
{
    public static object Scrub(object message, CustomerErasureRequested erasure) => message switch
    {
        TicketCreated e => e with { Description = ErasedText.Marker, RequesterEmail = erasure.ReplacementEmail, RequesterName = erasure.ReplacementName },
        TicketCommentAdded e when e.Author.Type == "customer" && e.Author.Id == erasure.CustomerId.ToString() => e with { Body = ErasedText.Marker },
        SatisfactionRated { Comment: not null } e => e with { Comment = ErasedText.Marker },
        CustomerCreated e => e with { Email = erasure.ReplacementEmail, Name = erasure.ReplacementName },
        CustomerUpdated e => e with { Email = erasure.ReplacementEmail, Name = erasure.ReplacementName },
        UserCreated e => e with { Email = erasure.ReplacementEmail, Name = erasure.ReplacementName },
        UserUpdated e => e with { Email = erasure.ReplacementEmail, Name = erasure.ReplacementName },
        _ => message,
    };
}
