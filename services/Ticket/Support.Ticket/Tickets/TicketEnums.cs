namespace Support.Ticket.Tickets;

// Written as text by EnumText (Support.Hosting.Text): "on-hold", "urgent".
public enum TicketStatus { New, Open, Pending, OnHold, Solved, Closed }

public enum TicketPriority { Low, Normal, High, Urgent }

public enum TicketType { Question, Incident, Problem, Task }

public enum TicketChannel { Web, Email, Chat, Phone, Api }

public enum AuthorType { Agent, Customer, System }

public enum SatisfactionScore { Good, Bad }
