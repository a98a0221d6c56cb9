using Support.Contracts.Customers;

namespace Support.Analytics.Customers;

public sealed record CustomerReadModel(CustomerRecord Customer, IReadOnlyList<CustomerStatusSpan> StatusSpans);

/// <summary>A customer's read model from their events, in the order they happened; null until CustomerCreated has arrived.</summary>
public static class CustomerProjection
{
    public static CustomerReadModel? Build(IEnumerable<object> events)
    {
        var ordered = events.ToList();
        if (ordered.OfType<CustomerCreated>().FirstOrDefault() is not { } created)
            return null;

        var customer = new CustomerRecord
        {
            CustomerId = created.CustomerId, Email = created.Email, Name = created.Name, OrganizationId = created.OrganizationId,
            Status = created.Status, Value = created.Value, CreatedAt = created.CreatedAt,
        };
        var spans = new List<CustomerStatusSpan> { new() { CustomerId = customer.CustomerId, From = created.CreatedAt, Status = created.Status } };
        foreach (var updated in ordered.OfType<CustomerUpdated>().Where(u => u.UpdatedAt >= created.CreatedAt))
        {
            (customer.Email, customer.Name, customer.OrganizationId, customer.Value) = (updated.Email, updated.Name, updated.OrganizationId, updated.Value);
            if (updated.Status == customer.Status)
                continue;
            customer.Status = updated.Status;
            spans[^1].To = updated.UpdatedAt;
            spans.Add(new CustomerStatusSpan { CustomerId = customer.CustomerId, From = updated.UpdatedAt, Status = updated.Status });
        }
        return new CustomerReadModel(customer, spans);
    }
}
