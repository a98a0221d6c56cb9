using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;
using static Support.Hosting.Security.SupportScopes;

namespace Support.Ticket;

/// <summary>
/// Who may call what in the Ticket service. A customer creates tickets as their requester and reads, comments on
/// and rates only their own, through their customer view (public comments only); the handlers narrow every
/// customer row to the caller's own records and answer 404 for anyone else's.
/// </summary>
public static class TicketAccess
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new("POST", "/api/tickets", AnyUser, TicketsWrite),
        new("GET", "/api/tickets", Staff, TicketsRead),
        new("GET", "/api/tickets/{id}", Staff, TicketsRead),
        new("PATCH", "/api/tickets/{id}", Staff, TicketsWrite),
        new("POST", "/api/tickets/{id}/comments", AnyUser, TicketsWrite),
        new("GET", "/api/tickets/{id}/comments", Staff, TicketsRead),
        new("GET", "/api/tickets/{id}/audit", Staff, TicketsRead),
        new("POST", "/api/tickets/{id}/satisfaction", AnyUser, TicketsWrite),
        new("POST", "/api/customers", Staff, TicketsWrite),
        new("GET", "/api/customers", Staff, TicketsRead),
        new("GET", "/api/customers/{id}", Staff, TicketsRead),
        new("PATCH", "/api/customers/{id}", Staff, TicketsWrite),
        new("GET", "/api/customers/{id}/tickets", AnyUser, TicketsRead),
        new("GET", "/api/customers/{id}/tickets/{ticketId}", AnyUser, TicketsRead),
        new("GET", "/api/customers/{id}/personal-data", AdminOnly),
        new("POST", "/api/organizations", Staff, TicketsWrite),
        new("GET", "/api/organizations", Staff, TicketsRead),
        new("GET", "/api/organizations/{id}", Staff, TicketsRead),
        new("PATCH", "/api/organizations/{id}", Staff, TicketsWrite),
        new("GET", "/api/organizations/{id}/tickets", AnyUser, TicketsRead),
        new("GET", "/api/organizations/{id}/tickets/{ticketId}", AnyUser, TicketsRead),
    ];
}
