using Support.Hosting.Http;
using Support.Hosting.Security;

namespace Support.Identity.Users;

/// <summary>The fields a PATCH of a user may change, read from its body: null clears agentId or customerId.</summary>
public sealed record UserChange(Optional<string> Name, Optional<string> Role, Optional<bool?> Disabled, Optional<int?> AgentId, Optional<int?> CustomerId)
{
    public static UserChange Read(JsonPatch patch, ValidationErrors errors)
    {
        var change = new UserChange(
            patch.Field<string>("name"), patch.Field<string>("role"), patch.Field<bool?>("disabled"),
            patch.Field<int?>("agentId", nullable: true), patch.Field<int?>("customerId", nullable: true));
        if (change.Name.IsSet) errors.Required("name", change.Name.Value, User.NameMaxLength);
        if (change.Role.IsSet) UserDirectory.ValidateRole(errors, change.Role.Value);
        UserDirectory.ValidateLink(errors, "agentId", change.AgentId.Value);
        UserDirectory.ValidateLink(errors, "customerId", change.CustomerId.Value);
        return change;
    }

    public bool ApplyTo(User user)
    {
        var before = (user.Name, user.Role, user.Disabled, user.AgentId, user.CustomerId);
        if (Name.IsSet) user.Name = Name.Value!.Trim();
        if (Role.IsSet) user.Role = Role.Value!;
        if (Disabled.IsSet) user.Disabled = Disabled.Value!.Value;
        if (AgentId.IsSet) user.AgentId = AgentId.Value;
        if (CustomerId.IsSet) user.CustomerId = CustomerId.Value;
        return before != (user.Name, user.Role, user.Disabled, user.AgentId, user.CustomerId);
    }
}
