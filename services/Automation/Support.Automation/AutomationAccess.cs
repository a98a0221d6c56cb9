using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;
using static Support.Hosting.Security.SupportScopes;

namespace Support.Automation;

/// <summary>Who may call what in Automation: admins manage schedules and rules; staff read them and a ticket's SLA.</summary>
public static class AutomationAccess
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new("GET", "/api/automation/schedules", Staff, TicketsRead),
        new("POST", "/api/automation/schedules", AdminOnly),
        new("GET", "/api/automation/schedules/{id}", Staff, TicketsRead),
        new("PATCH", "/api/automation/schedules/{id}", AdminOnly),
        new("DELETE", "/api/automation/schedules/{id}", AdminOnly),
        new("GET", "/api/automation/sla-policies", Staff, TicketsRead),
        new("POST", "/api/automation/sla-policies", AdminOnly),
        new("GET", "/api/automation/sla-policies/{id}", Staff, TicketsRead),
        new("PATCH", "/api/automation/sla-policies/{id}", AdminOnly),
        new("DELETE", "/api/automation/sla-policies/{id}", AdminOnly),
        new("GET", "/api/automation/tickets/{id}/sla", Staff, TicketsRead),
    ];
}
