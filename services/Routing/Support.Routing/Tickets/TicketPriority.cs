namespace Support.Routing.Tickets;

public enum TicketPriority { Low, Normal, High, Urgent }
