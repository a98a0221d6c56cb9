using System.Globalization;
using Support.Automation.Tickets;

namespace Support.Automation.Rules;

/// <summary>A ticket copy's fields as rules read and set them: the API's text ("open", "7"), null for none.</summary>
public static class TicketFields
{
    public static string? Get(TicketCopy t, string field) => field switch
    {
        "status" => t.Status,
        "priority" => t.Priority,
        "type" => t.Type,
        "channel" => t.Channel,
        "groupId" => Text(t.GroupId),
        "assigneeId" => Text(t.AssigneeId),
        "organizationId" => Text(t.OrganizationId),
        _ => throw new ArgumentException($"'{field}' is not a field of a ticket a rule reads."),
    };

    /// <summary>Sets a field to a value rule validation accepted.</summary>
    public static void Set(TicketCopy t, string field, string? value)
    {
        switch (field)
        {
            case "status": t.Status = value!; break;
            case "priority": t.Priority = value!; break;
            case "type": t.Type = value; break;
            case "groupId": t.GroupId = Id(value); break;
            case "assigneeId": t.AssigneeId = Id(value); break;
            case "tags": t.Tags = Tags.Split(value); break;
            default: throw new ArgumentException($"'{field}' is not a field of a ticket a rule sets.");
        }
    }

    public static int? Id(string? value) => value is null ? null : int.Parse(value, CultureInfo.InvariantCulture);

    private static string? Text(int? id) => id?.ToString(CultureInfo.InvariantCulture);
}
