using Support.Automation.Rules;

namespace Support.Automation.Automations;

public static class AutomationsApi
{
    public static IEndpointRouteBuilder MapAutomationsApi(this IEndpointRouteBuilder routes)
    {
        RulesApi<AutomationRule>.Map(routes, "Automations");
        return routes;
    }
}
