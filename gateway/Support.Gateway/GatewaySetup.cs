namespace Support.Gateway;

public static class GatewaySetup
{
    /// <summary>
    /// The reverse proxy from the ReverseProxy section (one cluster per service, its routes, and a route to its
    /// OpenAPI document at /openapi/{cluster}.json), correlation ids, token checks, per-client rate limits and downstream readiness.
    /// </summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        // Kestrel reads only endpoints from its section; its limits (MaxRequestBodySize) are bound here.
        builder.WebHost.ConfigureKestrel(kestrel => builder.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(CorrelationIdTransforms.Add);
        builder.Services.AddOptions<ClientRateLimitOptions>().BindConfiguration("RateLimiting");
        builder.AddDownstreamHealthChecks();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseSwaggerUI(options =>
        {
            options.DocumentTitle = "Support API";
            foreach (var service in DownstreamServices.Names(app.Configuration))
                options.SwaggerEndpoint($"/openapi/{service}.json", service);
        });
        // Tokens were checked before (MapSupportDefaults): a request is limited as the client its token names.
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ClientRateLimitMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
