using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Hosting.Idempotency;

/// <summary>
/// Idempotency-Key on the POSTs of endpoints marked <see cref="IdempotentEndpoint"/>, as Stripe documents it: a repeat
/// with the same key and body gets the first answer and runs nothing; another body is 422; a repeat while the first
/// runs is 409. A successful answer is kept, in the same transaction as the request's writes; a 4xx or 5xx keeps
/// nothing (its writes roll back) and gives the key back, so a retry (or a corrected request) runs again.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not { } endpoint
            || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }

        // Keys are per service (its own table), per client (the token's subject: one client cannot replay another's
        // answer) and per method and path.
        var client = context.User.FindFirst(Security.SupportClaims.Subject)?.Value ?? "anonymous";
        var scope = $"{client} {context.Request.Method} {context.Request.PathBase}{context.Request.Path}".ToLowerInvariant();
        if (Invalid(values, scope) is { } invalid)
        {
            await invalid.ExecuteAsync(context);
            return;
        }
        var key = values.ToString();
        var cancellationToken = context.RequestAborted;
        var requestHash = await HashAsync(context.Request, cancellationToken);

        await using var keys = context.RequestServices.CreateAsyncScope();
        var db = (ServiceDbContext)keys.ServiceProvider.GetRequiredService(endpoint.DbContextType);
        var claim = await IdempotencyClaim.TakeAsync(db, scope, key, requestHash, options.Value, clock.Now(), cancellationToken);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Answered:
                await ReplayAsync(context, claim.Existing!);
                return;
            case ClaimOutcome.OtherRequest:
                await Problem(StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used with another request.",
                    "A repeat must send the same body as the first request with this key; use a new key for a new request.").ExecuteAsync(context);
                return;
            case ClaimOutcome.InFlight:
                await Problem(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still in progress.",
                    "Retry after it has finished to receive its answer.").ExecuteAsync(context);
                return;
            case ClaimOutcome.AnswerLost:
                await Problem(StatusCodes.Status409Conflict, "The request with this Idempotency-Key was carried out, but its answer was lost.",
                    "The service stopped after committing and before recording the answer; the request was not repeated. Look the result up, e.g. in the list.").ExecuteAsync(context);
                return;
        }

        var request = new IdempotentRequest(endpoint.DbContextType, scope, key, claim.LockToken, clock);
        await using var renewal = IdempotencyLeaseRenewal.Start(keys.ServiceProvider.GetRequiredService<IServiceScopeFactory>(), request, options.Value.Lease, logger);
        // The request's writes and its answer commit together, in one transaction of the endpoint's own database
        // context: a retry finds either both or neither, never a resource without its answer.
        var work = (ServiceDbContext)context.RequestServices.GetRequiredService(endpoint.DbContextType);
        var responseBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        IdempotentRequest.Current = request;
        // A client that hangs up must not cut the answer short: ASP.NET Core's JSON writers end silently on an aborted
        // request, which would keep a 201 without its body for every repeat. The request runs to its end instead.
        context.RequestAborted = CancellationToken.None;
        try
        {
            await using var transaction = await work.Database.BeginTransactionAsync(CancellationToken.None);
            try
            {
                await next(context);
            }
            finally
            {
                request.Ended = true; // the answer's own write below is not the request's
            }
            if (context.Response.StatusCode < 400)
            {
                try
                {
                    await IdempotencyClaim.RecordAnswerAsync(work, request, context.Response, buffer.ToArray(), CancellationToken.None);
                    await transaction.CommitAsync(CancellationToken.None);
                }
                catch (InvalidOperationException broken) when (work.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
                {
                    // Npgsql completes the transaction of a connection that broke: nothing committed, a retry runs again.
                    throw new DatabaseUnavailableException("The database connection broke before the request's writes committed.", broken);
                }
            }
            else
            {
                // A refusal or a failure keeps nothing, so a retry (or a corrected request) with the key runs again. The
                // transaction ends first: it may hold the key's row, which the release deletes.
                await transaction.DisposeAsync();
                await IdempotencyClaim.ReleaseAsync(db, request, CancellationToken.None);
            }
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.Any(e => e.Entity is IdempotencyKey))
        {
            // A retry took the key over while this request ran; this request's writes were rolled back.
            context.Response.Body = responseBody;
            context.Response.Clear();
            context.Response.Headers[CorrelationId.HeaderName] = CorrelationId.Current;
            await Problem(StatusCodes.Status409Conflict, "A retry with this Idempotency-Key took over from this request.",
                "This request changed nothing; the retry's answer is kept for the key.").ExecuteAsync(context);
            return;
        }
        catch (Exception failure)
        {
            context.Response.Body = responseBody;
            try
            {
                await IdempotencyClaim.ReleaseAsync(db, request, CancellationToken.None);
            }
            catch (Exception releaseFailure) when (releaseFailure is not OperationCanceledException)
            {
                // The failure that matters is the request's; the claim left behind is taken over once its lease ends.
                logger.LogWarning(releaseFailure, "The Idempotency-Key of a failed request could not be released after {Failure}", failure.GetType().Name);
            }
            throw;
        }
        finally
        {
            request.Ended = true;
            IdempotentRequest.Current = null;
            context.RequestAborted = cancellationToken;
        }
        context.Response.Body = responseBody;
        buffer.Position = 0;
        await buffer.CopyToAsync(responseBody, cancellationToken);
    }

    private static IResult? Invalid(Microsoft.Extensions.Primitives.StringValues values, string scope)
    {
        string? error = null;
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
            error = "Send one Idempotency-Key, not empty.";
        else if (values[0]!.Length > IdempotencyKey.KeyMaxLength)
            error = $"An Idempotency-Key has at most {IdempotencyKey.KeyMaxLength} characters.";
        else if (values[0]!.Any(char.IsControl))
            error = "An Idempotency-Key cannot hold control characters.";
        else if (scope.Length > IdempotencyKey.ScopeMaxLength)
            error = $"An Idempotency-Key can be used on paths of at most {IdempotencyKey.ScopeMaxLength} characters.";
        return error is null ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [HeaderName] = [error] });
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [HeaderName] = [title] })
        {
            Status = status,
            Title = title,
            Detail = detail,
        });

    /// <summary>SHA-256 of the query string and the body; the body stays readable for the endpoint.</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(request.QueryString.Value + "\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            hash.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyKey answer)
    {
        var response = context.Response;
        response.StatusCode = answer.StatusCode!.Value;
        if (answer.Location is not null)
            response.Headers.Location = answer.Location;
        if (answer.ETag is not null)
            response.Headers.ETag = answer.ETag;
        if (answer.ContentType is not null)
            response.ContentType = answer.ContentType;
        response.Headers[ReplayedHeaderName] = "true";
        if (answer.Body is { Length: > 0 } body)
            await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
