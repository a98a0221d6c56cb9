using System.Text.Json;
using System.Text.Json.Serialization;

namespace Support.Hosting.Http;

/// <summary>
/// Reads every JSON string of a request (properties, list items, dictionary keys, merge-patch fields) and refuses
/// text the databases cannot store, so the 400 names the field instead of PostgreSQL failing with a 500.
/// </summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Storable(ref reader)
        : throw new JsonException($"Expected a string but found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Storable(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Storable(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new UnstorableTextException(); // an escaped unpaired surrogate ("\ud800") cannot be decoded
        }
        return StorableText.IsStorable(text) ? text : throw new UnstorableTextException();
    }
}

/// <summary>A JSON string held text the databases cannot store; its Path names the field.</summary>
public sealed class UnstorableTextException() : JsonException(StorableText.Problem);
