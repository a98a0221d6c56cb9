using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;
using static Support.Hosting.Security.SupportScopes;

namespace Support.Automation;

/// <summary>
/// Who may call what in Automation: admins manage schedules and rules; staff read them and a ticket's SLA. Staff manage
/// macros: the handlers let an agent change only their own, an admin the shared ones too.
/// </summary>
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
        new("GET", "/api/automation/triggers", Staff, TicketsRead),
        new("POST", "/api/automation/triggers", AdminOnly),
        new("GET", "/api/automation/triggers/{id}", Staff, TicketsRead),
        new("PATCH", "/api/automation/triggers/{id}", AdminOnly),
        new("DELETE", "/api/automation/triggers/{id}", AdminOnly),
        new("GET", "/api/automation/automations", Staff, TicketsRead),
        new("POST", "/api/automation/automations", AdminOnly),
        new("GET", "/api/automation/automations/{id}", Staff, TicketsRead),
        new("PATCH", "/api/automation/automations/{id}", AdminOnly),
        new("DELETE", "/api/automation/automations/{id}", AdminOnly),
        new("GET", "/api/automation/macros", Staff),
        new("POST", "/api/automation/macros", Staff),
        new("GET", "/api/automation/macros/{id}", Staff),
        new("PATCH", "/api/automation/macros/{id}", Staff),
        new("DELETE", "/api/automation/macros/{id}", Staff),
        new("POST", "/api/automation/macros/{id}/preview", Staff),
        new("POST", "/api/automation/macros/{id}/apply", Staff),
    ];
}
