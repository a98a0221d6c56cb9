using System.Globalization;
using Support.Automation.Tickets;

namespace Support.Automation.Rules;

/// <summary>Renders {{ticket.id}}, {{ticket.subject}}, {{ticket.status}} and {{ticket.priority}} in a comment's text; others stay as written.</summary>
public static class Placeholders
{
    public static string Render(string text, TicketCopy ticket) => text
        .Replace("{{ticket.id}}", ticket.Id.ToString(CultureInfo.InvariantCulture))
        .Replace("{{ticket.subject}}", ticket.Subject)
        .Replace("{{ticket.status}}", ticket.Status)
        .Replace("{{ticket.priority}}", ticket.Priority);
}
