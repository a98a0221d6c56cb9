using System.Text;

namespace Support.Fuzz.Tests.Generation;

/// <summary>One generated request and what it tries (Case), so a failure says exactly what was sent.</summary>
public sealed record FuzzRequest(
    ApiOperation Operation, string Case, string Url, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{Operation.Method} {Shorten(Url, 300)} [{Case}]");
        foreach (var (name, value) in Headers)
            text.Append($" {name}: {Shorten(value, 100)}");
        if (Body is not null)
            text.Append($" Content-Type: {ContentType ?? "(none)"} body: {Shorten(Encoding.UTF8.GetString(Body), 300)}");
        return text.ToString();
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : $"{text[..length]}…({text.Length} chars)";
}
