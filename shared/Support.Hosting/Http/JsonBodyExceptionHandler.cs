using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Support.Hosting.Http;

/// <summary>Turns an unreadable JSON body into a 400 problem naming the offending field (ASP.NET Core names only the parameter).</summary>
public sealed class JsonBodyExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;

        var parameter = BindFailure.Match(badRequest.Message);
        var field = badRequest.InnerException is JsonException json ? StorableText.FieldPath(FieldName(json.Path))
            : parameter.Success ? parameter.Groups["name"].Value
            : "body";
        var message = badRequest.InnerException switch
        {
            UnstorableTextException => $"'{field}' {StorableText.Problem}",
            JsonException { Path: null or "$" } => "The request body is not valid JSON.",
            JsonException => $"The value of '{field}' is not valid.",
            _ when parameter.Success => $"'{field}' has a value of the wrong type: \"{parameter.Groups["value"].Value}\".",
            _ when badRequest.Message.Contains("no body was provided") => "A JSON body is required.",
            _ => badRequest.Message,
        };
        context.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = badRequest.StatusCode,
                Title = "The request body could not be read.",
            },
        });
    }

    private static readonly Regex BindFailure = new("""Failed to bind parameter "(?:[^"]*[ >])?(?<name>\w+)" from "(?<value>[^"]*)" """.TrimEnd(), RegexOptions.Compiled);

    /// <summary>"$.requester.email" → "requester.email"; "$" → "body".</summary>
    public static string FieldName(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "body" : jsonPath.StartsWith("$.") ? jsonPath[2..] : jsonPath;
}
