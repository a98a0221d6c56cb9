using Microsoft.OpenApi;
using Support.Hosting.Idempotency;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Support.Hosting.OpenApi;

/// <summary>Documents the Idempotency-Key header, and its 409 and 422 answers, on the POSTs that honour it.</summary>
internal sealed class IdempotencyKeyHeaderFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!HttpMethods.IsPost(context.ApiDescription.HttpMethod ?? "")
            || !context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpoint>().Any())
            return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: a repeat with the same key and body within 24 hours returns the first answer "
                + $"(marked {IdempotencyMiddleware.ReplayedHeaderName}: true) and changes nothing. At most 255 characters, no control characters.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKey.KeyMaxLength },
        });
        operation.Responses ??= [];
        operation.Responses.TryAdd("409", new OpenApiResponse { Description = "A request with this Idempotency-Key is still in progress." });
        operation.Responses.TryAdd("422", new OpenApiResponse { Description = "This Idempotency-Key was used with another request body." });
    }
}
