namespace Support.Automation.Sla;

public static class SlaPoliciesApi
{
    public static IEndpointRouteBuilder MapSlaPoliciesApi(this IEndpointRouteBuilder routes) => routes;
    public static IEndpointRouteBuilder MapTicketSlaApi(this IEndpointRouteBuilder routes) => routes;
}
