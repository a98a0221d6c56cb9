using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Support.Hosting.Http;

/// <summary>
/// Answers 415 naming Content-Type when an endpoint that reads a body gets one whose media type is malformed or whose
/// charset .NET cannot decode; ASP.NET Core's JSON reader would fail on the latter with a 500.
/// </summary>
public sealed class BodyContentTypeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null || IsReadable(contentType))
            return next(context);
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [HeaderNames.ContentType] = [$"'{HeaderNames.ContentType}' must be application/json (UTF-8), not \"{contentType}\"."],
        })
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "Unsupported Media Type",
        };
        return Results.Problem(problem).ExecuteAsync(context);
    }

    private static bool IsReadable(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            return false;
        if (!mediaType.Charset.HasValue)
            return true;
        try
        {
            _ = Encoding.GetEncoding(mediaType.Charset.Value!);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
