using Microsoft.EntityFrameworkCore;
using Support.Contracts.Customers;
using Support.Hosting.Http;
using Support.Hosting.Text;
using Support.Ticket.Data;
using Support.Ticket.Tickets;

namespace Support.Ticket.Customers;

/// <summary>Finding requesters by email and placing new ones in the organisation that owns their email domain.</summary>
public static class CustomerDirectory
{
    public static string Aggregate(int customerId) => $"customer/{customerId}";

    /// <summary>The customer with this email (case-insensitive), or a new one added to the unit of work.</summary>
    public static async Task<(Customer Customer, bool IsNew)> FindOrAddAsync(
        TicketDbContext db, string email, string? name, DateTimeOffset now, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        var existing = await db.Customers.FirstOrDefaultAsync(c => c.Email == normalized, ct);
        if (existing is not null)
            return (existing, false);
        var customer = new Customer
        {
            Email = normalized,
            Name = string.IsNullOrWhiteSpace(name) ? normalized[..normalized.IndexOf('@')] : name.Trim(),
            OrganizationId = await OrganizationForAsync(db, normalized, ct),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Customers.Add(customer);
        return (customer, true);
    }

    public static async Task<int?> OrganizationForAsync(TicketDbContext db, string email, CancellationToken ct)
    {
        var domain = EmailAddress.Domain(email);
        return await db.Organizations.Where(o => o.Domains.Contains(domain)).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
    }

    public static void RecordCreated(TicketDbContext db, Customer c) =>
        db.AddEvent(new CustomerCreated(c.Id, c.Email, c.Name, c.OrganizationId, c.CreatedAt, c.Status.Wire(), c.Value), Aggregate(c.Id), c.CreatedAt);

    public static void RecordUpdated(TicketDbContext db, Customer c) =>
        db.AddEvent(new CustomerUpdated(c.Id, c.Email, c.Name, c.OrganizationId, c.UpdatedAt, c.Status.Wire(), c.Value), Aggregate(c.Id), c.UpdatedAt);
}
