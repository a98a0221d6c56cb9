using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Support.Hosting.OpenApi;

/// <summary>
/// A merge-patch endpoint reads its body as a JsonElement (to tell an absent field from a null one), which Swashbuckle
/// documents as "{}"; such an endpoint declares the body's shape with Accepts&lt;T&gt;() and this filter documents T.
/// </summary>
internal sealed class AcceptedBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var accepted = context.ApiDescription.ActionDescriptor.EndpointMetadata
            .OfType<IAcceptsMetadata>().LastOrDefault(a => a.RequestType is not null)?.RequestType;
        if (accepted is null || operation.RequestBody?.Content is null)
            return;
        var schema = context.SchemaGenerator.GenerateSchema(accepted, context.SchemaRepository);
        foreach (var content in operation.RequestBody.Content.Values)
            content.Schema = schema;
    }
}
