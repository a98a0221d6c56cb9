namespace Support.Contracts.Customers;

// Erasing a customer's personal data everywhere. Identity asks; every service that holds some erases it, idempotently,
// and confirms with CustomerDataErased; Identity's erasure report shows which services have confirmed.

/// <summary>
/// Erase what the system holds about customer <paramref name="CustomerId"/>: their profile becomes
/// <paramref name="ReplacementName"/> and <paramref name="ReplacementEmail"/>, and the text they wrote on the tickets
/// <paramref name="TicketIds"/> (those they requested, as the Ticket service listed them when erasure was asked) is
/// scrubbed. Subjects, statuses and times stay, so reports keep their counts.
/// </summary>
public record CustomerErasureRequested(
    long ErasureId,
    int CustomerId,
    IReadOnlyList<int> TicketIds,
    string ReplacementEmail,
    string ReplacementName,
    Actor RequestedBy,
    DateTimeOffset RequestedAt);

/// <summary>A service (by name: "Ticket", "Routing", "KnowledgeBase", "Analytics", "Channels", "Identity") erased its part.</summary>
public record CustomerDataErased(long ErasureId, int CustomerId, string Service, DateTimeOffset ErasedAt);
