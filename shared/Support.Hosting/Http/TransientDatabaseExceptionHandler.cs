using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Support.Hosting.Http;

/// <summary>
/// Answers 503 with Retry-After when the database failed in a way a retry can cure (PostgreSQL restarting or refusing
/// connections, a broken connection, a timeout, too many connections; SQLite busy or locked), instead of a 500.
/// </summary>
public sealed class TransientDatabaseExceptionHandler(IProblemDetailsService problems, ILogger<TransientDatabaseExceptionHandler> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
            return false;
        logger.LogWarning("Database unavailable for {Method} {Path}, answered 503: {Error}", context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable for a moment.",
                Detail = $"Retry the request after {(int)RetryAfter.TotalSeconds} s (Retry-After).",
            },
        });
    }

    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var transient = e switch
            {
                PostgresException postgres => postgres.IsTransient || postgres.SqlState is PostgresErrorCodes.AdminShutdown
                    or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                    || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
                NpgsqlException npgsql => npgsql.IsTransient,
                SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
                RetryLimitExceededException => true,
                Data.DatabaseUnavailableException => true,
                _ => false,
            };
            if (transient)
                return true;
        }
        return false;
    }
}
