using System.Text.Json;
using Support.Hosting.Text;

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
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object of the fields to change.");
            return null;
        }
        return AllTextStorable(body, "", errors) ? new JsonPatch(body, json, errors) : null;
    }

    /// <summary>
    /// Checks every field name and string of the body up front: a JsonElement decodes text only when it is read, so
    /// invalid UTF-8 or an unpaired surrogate would otherwise fail later, in a handler, as a 500.
    /// </summary>
    private static bool AllTextStorable(JsonElement element, string path, ValidationErrors errors)
    {
        var field = path.Length == 0 ? "body" : path;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var storable = true;
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        name = "\0"; // undecodable (invalid UTF-8, an escaped unpaired surrogate): as unstorable as NUL
                    }
                    if (!StorableText.IsStorable(name))
                    {
                        errors.Add(field, $"A field name in '{field}' {StorableText.Problem}");
                        storable = false;
                    }
                    else
                        storable &= AllTextStorable(property.Value, path.Length == 0 ? name : $"{path}.{name}", errors);
                }
                return storable;
            case JsonValueKind.Array:
                var index = 0;
                var items = true;
                foreach (var item in element.EnumerateArray())
                    items &= AllTextStorable(item, $"{field}[{index++}]", errors);
                return items;
            case JsonValueKind.String:
                string? text;
                try
                {
                    text = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    text = "\0"; // undecodable, as above
                }
                if (text is null || StorableText.IsStorable(text))
                    return true;
                errors.Add(field, $"'{field}' {StorableText.Problem}");
                return false;
            default:
                return true;
        }
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
        catch (JsonException)
        {
            var expected = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            errors.Add(field, expected.IsEnum
                ? $"'{field}' must be one of: {EnumText.Allowed(expected)}."
                : $"'{field}' is not a valid {Describe(expected)}.");
            return false;
        }
    }

    /// <summary>The field when present and valid (<see cref="Optional{T}.IsSet"/>), as <see cref="TryGet{T}"/> reads it.</summary>
    public Optional<T> Field<T>(string field, bool nullable = false) =>
        TryGet(field, out T? value, nullable) ? new Optional<T>(true, value) : default;

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

/// <summary>A merge-patch field: absent (leave it alone), or set to a value (null clears a nullable one).</summary>
public readonly record struct Optional<T>(bool IsSet, T? Value);
