using Support.Automation.Rules;

namespace Support.Automation.Triggers;

public static class TriggersApi
{
    public static IEndpointRouteBuilder MapTriggersApi(this IEndpointRouteBuilder routes)
    {
        RulesApi<Trigger>.Map(routes, "Triggers");
        return routes;
    }
}
