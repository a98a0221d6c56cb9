namespace Support.Channels.Tickets;

/// <summary>Where to email a customer (Ticket's requester records) or an agent (Identity's users linked to an agent record).</summary>
public class Contact
{
    public const string Customer = "customer";
    public const string Agent = "agent";

    public string Kind { get; set; } = Customer;
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
}
