using Support.Hosting.Http;

namespace Support.Ticket.Organizations;

/// <summary>The fields a PATCH of an organization may change (name, notes, domains, sharesTickets), read from its body: null clears notes.</summary>
public sealed record OrganizationChange(Optional<string> Name, Optional<string> Notes, Optional<List<string>> Domains, Optional<bool> SharesTickets)
{
    public static OrganizationChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var name = patch.Field<string>("name");
        var notes = patch.Field<string>("notes", nullable: true);
        var rawDomains = patch.Field<List<string?>>("domains");
        var sharesTickets = patch.Field<bool>("sharesTickets");
        if (name.IsSet) errors.Required("name", name.Value, Organization.NameMaxLength);
        errors.MaxLength("notes", notes.Value, Organization.NotesMaxLength);
        var domains = rawDomains.IsSet ? new Optional<List<string>>(true, OrganizationsApi.NormalizeDomains(rawDomains.Value, errors)) : default;
        return new OrganizationChange(name, notes, domains, sharesTickets);
    }

    public bool ApplyTo(Organization organization)
    {
        var changed = false;
        if (Name.IsSet && organization.Name != Name.Value!.Trim()) { organization.Name = Name.Value.Trim(); changed = true; }
        if (Notes.IsSet && organization.Notes != Notes.Value) { organization.Notes = Notes.Value; changed = true; }
        if (Domains.IsSet && !organization.Domains.SequenceEqual(Domains.Value!)) { organization.Domains = Domains.Value!; changed = true; }
        if (SharesTickets.IsSet && organization.SharesTickets != SharesTickets.Value) { organization.SharesTickets = SharesTickets.Value; changed = true; }
        return changed;
    }
}
