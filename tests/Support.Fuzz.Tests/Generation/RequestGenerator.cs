using System.Text;
using System.Text.Json;

namespace Support.Fuzz.Tests.Generation;

/// <summary>
/// Builds, for any operation of an OpenAPI document, a plausible request and many variations of it with one edge input
/// each (a body field, a query or path value, the body's shape, its content type, a header). Drawn from a seeded random,
/// so a seed replays the same requests.
/// </summary>
public sealed class RequestGenerator(Random random, OpenApiSchemas schemas, Func<string, string?> knownValue)
{
    private const int Depth = 3;
    private int serial;

    public IEnumerable<FuzzRequest> For(ApiOperation operation)
    {
        var hasBody = operation.Body is not null || operation.Method is "POST" or "PUT" or "PATCH";
        var body = operation.Body is { } schema ? Plausible(schema, "", "", _ => null) : hasBody ? "{}" : null;

        yield return Build(operation, "plausible", body: body);

        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
            foreach (var value in (string[])["0", "-1", .. Pick(EdgeInputs.UrlValues, 2)])
                yield return Build(operation, $"path {parameter.Name}={value}", body: body, path: new() { [parameter.Name] = value });

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
            foreach (var value in (string[])["%00", "%ED%A0%80", .. Pick(EdgeInputs.DateUrlValues, 1), .. Pick(EdgeInputs.UrlValues, 2)])
                yield return Build(operation, $"query {parameter.Name}={value}", body: body, query: $"{parameter.Name}={value}");
        if (operation.Parameters.Count(p => p.In == "query") is > 1)
            yield return Build(operation, "every query value odd", body: body,
                query: string.Join("&", operation.Parameters.Where(p => p.In == "query").Select(p => $"{p.Name}={Pick(EdgeInputs.UrlValues, 1)[0]}")));

        if (operation.Body is { } bodySchema)
            foreach (var (field, fieldSchema) in Fields(bodySchema, "", 0))
            {
                var type = TypeOf(fieldSchema);
                List<string> values = [EdgeInputs.Nul, Pick(EdgeInputs.WrongTypes, 1)[0], .. Pick(EdgeInputs.All, 1)];
                if (type is "string")
                    values.Add(EdgeInputs.LoneSurrogate);
                if (type is "string" && (fieldSchema.TryGetProperty("enum", out _) || fieldSchema.TryGetProperty("format", out _)))
                    values.AddRange(Pick(type == "string" && fieldSchema.TryGetProperty("enum", out _) ? EdgeInputs.Enums : EdgeInputs.Dates, 2));
                if (type is "integer" or "number")
                    values.AddRange(Pick(EdgeInputs.Numbers, 1));
                foreach (var value in values.Distinct())
                    yield return Build(operation, $"field {field}={Shorten(value)}", body: Plausible(bodySchema, "", "", path => path == field ? value : null));
            }

        if (hasBody)
        {
            foreach (var shape in (string[])["", "[]", "null", "123", "{", Pick(EdgeInputs.Structures, 1)[0]])
                yield return Build(operation, $"body {Shorten(shape)}", body: shape);
            yield return Build(operation, "body of invalid UTF-8", bytes: [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
            yield return Build(operation, "body without a content type", body: body, contentType: null);
            foreach (var contentType in Pick(EdgeInputs.ContentTypes, 2))
                yield return Build(operation, $"content type {contentType}", body: body, contentType: contentType);
            yield return Build(operation, "form body", body: "name=x&email=y", contentType: "application/x-www-form-urlencoded");
        }
        else
        {
            yield return Build(operation, "unexpected body", body: "{\"a\":1}");
        }

        yield return Build(operation, "odd headers", body: body, headers:
        [
            new("If-Match", Pick(EdgeInputs.IfMatch, 1)[0]), new("X-Actor", Pick(EdgeInputs.Actors, 1)[0]),
            new("Accept", Pick(EdgeInputs.Accepts, 1)[0]), new("X-Correlation-Id", "工单\u00e9" + new string('x', 200)),
        ]);
        yield return Build(operation, "If-Match of another version", body: body, headers: [new("If-Match", "\"987654\"")]);
    }

    private FuzzRequest Build(ApiOperation operation, string @case, string? body = null, byte[]? bytes = null,
        Dictionary<string, string>? path = null, string? query = null, string? contentType = "application/json",
        List<KeyValuePair<string, string>>? headers = null)
    {
        var url = new StringBuilder();
        foreach (var segment in operation.PathTemplate.Split('/'))
        {
            if (url.Length > 0 || segment.Length > 0)
                url.Append('/');
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var name = segment[1..^1].Split(':')[0];
                url.Append(path?.GetValueOrDefault(name) ?? Uri.EscapeDataString(knownValue(PathKey(operation.PathTemplate, name)) ?? "1"));
            }
            else
                url.Append(segment);
        }
        if (query is not null)
            url.Append('?').Append(query);
        var content = bytes ?? (body is null ? null : Encoding.UTF8.GetBytes(body));
        return new FuzzRequest(operation, @case, url.ToString(), content, content is null ? null : contentType, headers ?? []);
    }

    /// <summary>What a path parameter refers to: "{id}" after "/api/kb/articles" is "/api/kb/articles"; "{ticketId}" is "ticketId".</summary>
    public static string PathKey(string template, string parameter)
    {
        var before = template[..template.IndexOf('{' + parameter, StringComparison.Ordinal)].TrimEnd('/');
        return parameter == "id" ? before : parameter;
    }

    /// <summary>A body the schema describes, with plausible values (known ids where a field names one); <paramref name="replace"/> swaps in an edge input at one field path.</summary>
    private string Plausible(JsonElement schema, string name, string path, Func<string, string?> replace, int depth = 0)
    {
        if (path.Length > 0 && replace(path) is { } replaced)
            return replaced;
        if (depth > Depth)
            return "null";
        if (schema.TryGetProperty("enum", out var values))
            return JsonSerializer.Serialize(values[0].GetString());
        switch (TypeOf(schema))
        {
            case "object" when schema.TryGetProperty("properties", out var properties):
                return "{" + string.Join(",", properties.EnumerateObject().Select(p =>
                    $"{JsonSerializer.Serialize(p.Name)}:{Plausible(schemas.Resolve(p.Value), p.Name, Join(path, p.Name), replace, depth + 1)}")) + "}";
            case "object" when schema.TryGetProperty("additionalProperties", out var valueSchema) && valueSchema.ValueKind == JsonValueKind.Object:
                return $"{{\"billing\":{Plausible(schemas.Resolve(valueSchema), name, path + ".billing", replace, depth + 1)}}}";
            case "array" when schema.TryGetProperty("items", out var items):
                return $"[{Plausible(schemas.Resolve(items), name, path + "[0]", replace, depth + 1)}]";
            case "string":
                return JsonSerializer.Serialize(PlausibleText(schema, name));
            case "integer":
                return knownValue(name) ?? "1";
            case "number":
                return "1.5";
            case "boolean":
                return "true";
            default:
                return "{}";
        }
    }

    private string PlausibleText(JsonElement schema, string name) =>
        schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" ? "2026-11-01T09:00:00Z"
        : schema.TryGetProperty("format", out format) && format.GetString() == "uuid" ? knownValue(name) ?? new Guid(serial++, 0, 0, new byte[8]).ToString()
        : name.Contains("email", StringComparison.OrdinalIgnoreCase) ? $"fuzz-{serial++}@example.com"
        : name is "locale" ? "en"
        : name.Contains("domain", StringComparison.OrdinalIgnoreCase) ? "fuzz.example.com"
        : $"Fuzz {name} text";

    /// <summary>Every field path of a body schema: nested objects' fields, a list's first item, a dictionary's value.</summary>
    private IEnumerable<(string Path, JsonElement Schema)> Fields(JsonElement schema, string path, int depth)
    {
        if (depth > Depth)
            yield break;
        if (TypeOf(schema) == "object" && schema.TryGetProperty("properties", out var properties))
            foreach (var property in properties.EnumerateObject())
            {
                var field = Join(path, property.Name);
                var propertySchema = schemas.Resolve(property.Value);
                yield return (field, propertySchema);
                foreach (var nested in Fields(propertySchema, field, depth + 1))
                    yield return nested;
            }
        else if (TypeOf(schema) == "array" && schema.TryGetProperty("items", out var items))
        {
            var itemSchema = schemas.Resolve(items);
            yield return (path + "[0]", itemSchema);
            foreach (var nested in Fields(itemSchema, path + "[0]", depth + 1))
                yield return nested;
        }
        else if (TypeOf(schema) == "object" && schema.TryGetProperty("additionalProperties", out var valueSchema) && valueSchema.ValueKind == JsonValueKind.Object)
            yield return (path + ".billing", schemas.Resolve(valueSchema));
    }

    private static string? TypeOf(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) ? type.GetString()
        : schema.TryGetProperty("properties", out _) ? "object"
        : null;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private string[] Pick(string[] pool, int count) => random.GetItems(pool, count);

    private static string Shorten(string value) => value.Length <= 40 ? value : $"{value[..40]}…({value.Length} chars)";
}
