using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Support.Hosting.Http;
using Support.Hosting.Observability;
using Support.Hosting.Security;

namespace Support.Hosting;

public static class ServiceDefaults
{
    /// <summary>What every host has: JSON console logs with scopes, traces and metrics, camelCase JSON with lowercase
    /// enum strings, problem details, health checks, OpenAPI and a clock.</summary>
    public static IHostApplicationBuilder AddSupportDefaults(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Logging:Json", true))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.UseUtcTimestamp = true;
            });
        }

        builder.AddSupportTelemetry();
        builder.AddSupportAuthentication();
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (CorrelationId.Current is { } id)
                context.ProblemDetails.Extensions["correlationId"] = id;
        });
        builder.Services.AddExceptionHandler<JsonBodyExceptionHandler>();
        builder.Services.AddExceptionHandler<TransientDatabaseExceptionHandler>();
        // Unreadable bodies and unbindable parameters reach JsonBodyExceptionHandler, which names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SupportNonNullableReferenceTypes();
            options.OperationFilter<OpenApi.AcceptedBodyFilter>();
            options.OperationFilter<OpenApi.IdempotencyKeyHeaderFilter>();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new StorableStringConverter());
    }

    /// <summary>Correlation ids, problem details for errors (503 with Retry-After when the database is briefly away), refusal of
    /// unstorable text, authentication and the services' rule tables, Idempotency-Key on the POSTs marked for it, /health/live (checks tagged "live": failing means restart
    /// me), /health/ready (tagged "ready": failing means send me no requests), /metrics and the OpenAPI document.</summary>
    public static WebApplication MapSupportDefaults(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        // An error without a body (a 415 from routing, a 404 of no endpoint) gets problem details whatever the client
        // accepts: UseStatusCodePages alone wrote text/plain to a client asking for text/csv.
        app.UseStatusCodePages(context => Results.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        app.UseMiddleware<StorableRequestTextMiddleware>();
        // The API's description is public; everything after needs a token unless its rule says otherwise.
        app.UseSwagger();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<BodyContentTypeMiddleware>();
        app.UseMiddleware<Idempotency.IdempotencyMiddleware>();
        // Probes and scrapes are not traffic: anonymous (reach them on the internal network only) and kept out of the
        // request metrics (and, in Telemetry, out of traces).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live"), ResponseWriter = WriteHealth }).DisableHttpMetrics().AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealth }).DisableHttpMetrics().AllowAnonymous();
        app.MapSupportTelemetry();
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        });
    }
}
