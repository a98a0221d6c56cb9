using System.Text.Json;

namespace Support.Fuzz.Tests.Generation;

public sealed record ApiParameter(string Name, string In, JsonElement Schema);

/// <summary>One operation of an OpenAPI document: what the fuzzer needs to build requests for it.</summary>
public sealed record ApiOperation(string Method, string PathTemplate, string Id, IReadOnlyList<ApiParameter> Parameters, JsonElement? Body,
    string BodyMediaType = "application/json")
{
    public override string ToString() => $"{Method} {PathTemplate} ({Id})";

    /// <summary>Every operation of an OpenAPI 3 document, its request body's schema resolved.</summary>
    public static IReadOnlyList<ApiOperation> ReadAll(JsonDocument document)
    {
        var schemas = new OpenApiSchemas(document.RootElement);
        var operations = new List<ApiOperation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var schema) ? schemas.Resolve(schema) : default)).ToList()
                    : [];
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").EnumerateObject().FirstOrDefault().Value is { ValueKind: JsonValueKind.Object } content
                    && content.TryGetProperty("schema", out var bodySchema)
                    ? schemas.Resolve(bodySchema) : null;
                var mediaType = operation.Value.TryGetProperty("requestBody", out var declared)
                    ? declared.GetProperty("content").EnumerateObject().Select(c => c.Name).FirstOrDefault() ?? "application/json" : "application/json";
                var id = operation.Value.TryGetProperty("operationId", out var operationId) ? operationId.GetString()! : $"{operation.Name} {path.Name}";
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, id, parameters, body, mediaType));
            }
        return operations;
    }
}

/// <summary>Follows "$ref"s to components/schemas.</summary>
public sealed class OpenApiSchemas(JsonElement document)
{
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema;
    }
}
