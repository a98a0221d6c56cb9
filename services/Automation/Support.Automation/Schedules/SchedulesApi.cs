namespace Support.Automation.Schedules;

public static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder routes) => routes;
}
