namespace Support.Automation.Tickets;

/// <summary>A ticket's event arrived before its TicketCreated was handled: retried until it has been.</summary>
public sealed class TicketNotKnownYetException(int ticketId)
    : Exception($"Ticket {ticketId} is not known here yet (its TicketCreated has not been handled); retrying.");
