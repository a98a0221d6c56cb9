using Support.Hosting.Http;

namespace Support.Ticket.Customers;

/// <summary>The fields a PATCH of a customer may change, read from its body: null clears phone, organizationId, notes or value.</summary>
public sealed record CustomerChange(
    Optional<string> Name, Optional<string> Email, Optional<string> Phone, Optional<string> Notes, Optional<int?> OrganizationId,
    Optional<CustomerStatus?> Status, Optional<decimal?> Value)
{
    public static CustomerChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new CustomerChange(
            patch.Field<string>("name"), patch.Field<string>("email"), patch.Field<string>("phone", nullable: true),
            patch.Field<string>("notes", nullable: true), patch.Field<int?>("organizationId", nullable: true),
            patch.Field<CustomerStatus?>("status"), patch.Field<decimal?>("value", nullable: true));
        if (change.Name.IsSet) errors.Required("name", change.Name.Value, Customer.NameMaxLength);
        if (change.Email.IsSet) errors.Email("email", change.Email.Value);
        errors.MaxLength("phone", change.Phone.Value, Customer.PhoneMaxLength);
        errors.MaxLength("notes", change.Notes.Value, Customer.NotesMaxLength);
        CustomersApi.ValidateValue(errors, change.Value.Value);
        return change;
    }

    public bool ApplyTo(Customer customer)
    {
        var before = (customer.Name, customer.Email, customer.Phone, customer.Notes, customer.OrganizationId, customer.Status, customer.Value);
        if (Name.IsSet) customer.Name = Name.Value!.Trim();
        if (Email.IsSet) customer.Email = EmailAddress.Normalize(Email.Value!);
        if (Phone.IsSet) customer.Phone = Phone.Value;
        if (Notes.IsSet) customer.Notes = Notes.Value;
        if (OrganizationId.IsSet) customer.OrganizationId = OrganizationId.Value;
        if (Status.IsSet) customer.Status = Status.Value!.Value;
        if (Value.IsSet) customer.Value = Value.Value;
        return before != (customer.Name, customer.Email, customer.Phone, customer.Notes, customer.OrganizationId, customer.Status, customer.Value);
    }
}
