using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Support.Hosting.Text;

/// <summary>
/// An enum value's text, as the API documents it, in JSON, error messages, query strings and events alike: lowercase
/// kebab-case (<c>OnHold</c> → <c>on-hold</c>), or the name a member declares with <see cref="JsonStringEnumMemberName"/>
/// (the routing policies' documented <c>round_robin</c>). The JSON options (ServiceDefaults.ConfigureJson) use the
/// same policy, and System.Text.Json honours the same attribute, so the two always agree.
/// </summary>
public static class EnumText
{
    public static readonly JsonNamingPolicy Policy = JsonNamingPolicy.KebabCaseLower;

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, string>> Names = new();

    /// <summary>The value's text ("on-hold").</summary>
    public static string Wire<T>(this T value) where T : struct, Enum => NamesOf(typeof(T))[value.ToString()];

    public static string? Wire<T>(this T? value) where T : struct, Enum => value?.Wire();

    /// <summary>The value whose text is <paramref name="text"/> (trimmed, any case); null when none is.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum
    {
        var wanted = text?.Trim();
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(value.Wire(), wanted, StringComparison.OrdinalIgnoreCase))
                return value;
        return null;
    }

    /// <summary>The values' texts, for an error message: "new, open, pending".</summary>
    public static string Allowed<T>() where T : struct, Enum => Allowed(typeof(T));

    public static string Allowed(Type enumType) => string.Join(", ", NamesOf(enumType).Values);

    private static IReadOnlyDictionary<string, string> NamesOf(Type enumType) =>
        Names.GetOrAdd(enumType, type => type.GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(
            field => field.Name,
            field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? Policy.ConvertName(field.Name)));
}
