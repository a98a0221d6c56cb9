using Support.Contracts;

namespace Support.Ticket.Tickets;

public static class Actors
{
    /// <summary>The Routing service, applying its decisions and predictions.</summary>
    public static readonly Actor Routing = new("system", "routing");
}
