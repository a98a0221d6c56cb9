using Microsoft.AspNetCore.Http.HttpResults;

namespace Support.Hosting.Http;

/// <summary>Problem-details results every service returns the same way.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(title: $"{what} {id} was not found.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem(
            title: "The resource was changed by someone else.",
            detail: "Its ETag no longer matches If-Match: read it again and reapply your change.",
            statusCode: StatusCodes.Status412PreconditionFailed);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Conflict(string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);
}
