namespace Support.Ticket.Customers;

public enum CustomerStatus { Active, Churned }
