using System.Text.Json;

namespace Support.Hosting.Http;

/// <summary>
/// Reads a JSON merge-patch body field by field: an absent field is left alone, an explicit null clears it,
/// and every bad value is reported under its field's name.
/// </summary>
public sealed class JsonPatch(JsonElement body, JsonSerializerOptions json, ValidationErrors errors)
{
    private readonly HashSet<string> known = [];

    public static JsonPatch? Read(JsonElement body, JsonSerializerOptions json, ValidationErrors errors)
    {
        if (body.ValueKind == JsonValueKind.Object)
            return new JsonPatch(body, json, errors);
        errors.Add("body", "The body must be a JSON object of the fields to change.");
        return null;
    }

    /// <summary>True when the field is present and valid; the value may be null only when <paramref name="nullable"/>.</summary>
    public bool TryGet<T>(string field, out T? value, bool nullable = false)
    {
        known.Add(field);
        value = default;
        if (!body.TryGetProperty(field, out var element))
            return false;
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (nullable)
                return true;
            errors.Add(field, $"'{field}' cannot be null.");
            return false;
        }
        try
        {
            value = element.Deserialize<T>(json);
            return true;
        }
        catch (UnstorableTextException unstorable)
        {
            var path = JsonBodyExceptionHandler.FieldName(unstorable.Path);
            errors.Add(path == "body" ? field : $"{field}{path.TrimStart('$')}", $"'{field}' {StorableText.Problem}");
            return false;
        }
        catch (JsonException)
        {
            var expected = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            errors.Add(field, expected.IsEnum
                ? $"'{field}' must be one of: {string.Join(", ", Enum.GetNames(expected).Select(JsonNamingPolicy.KebabCaseLower.ConvertName))}."
                : $"'{field}' is not a valid {Describe(expected)}.");
            return false;
        }
    }

    /// <summary>Reports fields the body has that this resource cannot change.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in body.EnumerateObject().Where(p => !known.Contains(p.Name)))
            errors.Add(property.Name, $"'{property.Name}' is not a field that can be changed here.");
    }

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "integer"
        : type == typeof(string) ? "string"
        : type.IsAssignableTo(typeof(System.Collections.IEnumerable)) ? "list"
        : type.Name;
}
