namespace Support.Channels.Tickets;

/// <summary>An event about a ticket whose TicketCreated this service has not handled yet: retried until it has.</summary>
public sealed class TicketNotKnownYetException(int ticketId)
    : Exception($"Ticket {ticketId} is not known here yet (its TicketCreated has not been handled); retrying.");
