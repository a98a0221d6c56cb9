using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using FromBodyAttribute = Microsoft.AspNetCore.Mvc.FromBodyAttribute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;

namespace Support.Hosting.Http;

/// <summary>What every PATCH handler binds, as one <c>[AsParameters]</c> argument: the row's id, the merge-patch body and the HTTP plumbing.</summary>
public sealed record MergePatchRequest(
    int Id, [FromBody] JsonElement Body, HttpRequest Request, HttpResponse Response, IOptions<JsonOptions> Json, TimeProvider Clock,
    CancellationToken Cancellation);

/// <summary>One attempt at applying a change to the loaded row: its time, and what the steps found wrong with it.</summary>
public sealed class Edit(DateTimeOffset now)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>Field errors found while applying the change (a 400, nothing written).</summary>
    public ValidationErrors Errors { get; } = new();

    /// <summary>The fields this attempt changed, for the events that name them (filled by the steps that need it).</summary>
    public List<string> ChangedFields { get; } = [];

    internal ProblemHttpResult? Refusal { get; private set; }

    /// <summary>Refuses the change as a conflict with the row's state (409, nothing written); returns false for "not changed".</summary>
    public bool Refuse(string title, string? detail = null)
    {
        Refusal = Problems.Conflict(title, detail);
        return false;
    }
}

/// <summary>
/// The steps that differ between resources in a merge-patch update; <see cref="MergePatch.UpdateAsync"/> runs them in the
/// order every update follows.
/// </summary>
public sealed class MergePatch<TEntity, TChange> where TEntity : class, IVersioned
{
    /// <summary>The resource's name in problems: "Customer 7 was not found."</summary>
    public required string Resource { get; init; }

    /// <summary>Reads and validates the body's fields (<see cref="JsonPatch.TryGet{T}"/> per field); fields it did not ask for are refused.</summary>
    public required Func<JsonPatch, ValidationErrors, TChange> Read { get; init; }

    /// <summary>Validation that reads the database (rows the change refers to exist), before the row is loaded.</summary>
    public Func<TChange, ValidationErrors, CancellationToken, Task>? CheckAsync { get; init; }

    /// <summary>Applies the change to the loaded row; true when anything changed (then the version moves and the update is saved).</summary>
    public required Func<TEntity, TChange, Edit, bool> Apply { get; init; }

    /// <summary>Validation of the changed row that reads the database (a name another row has: <see cref="Edit.Refuse"/>).</summary>
    public Func<TEntity, Edit, CancellationToken, Task>? VerifyAsync { get; init; }

    /// <summary>After the row is saved with its new version, in the same transaction: its events, audit, history and side effects.</summary>
    public Func<TEntity, TChange, Edit, CancellationToken, Task>? RecordAsync { get; init; }

    /// <summary>A unique index the change may collide with: the 409's title, from the change.</summary>
    public Func<TChange, string>? UniqueConflict { get; init; }

    /// <summary>A lock held for the whole change (see <see cref="ChangeTransactions.BeginChangeAsync(DbContext, long, CancellationToken)"/>).</summary>
    public long? Lock { get; init; }
}

public static class MergePatch
{
    /// <summary>
    /// Tries of an edit that keeps losing to concurrent edits of the same row: without If-Match each try re-reads and
    /// reapplies, so N concurrent editors need at most N tries. Beyond that, a 409 (never a 500).
    /// </summary>
    public const int MaxAttempts = 10;

    /// <summary>
    /// The merge-patch update, written once: read the body's fields (unknown ones refused) and validate them (400); then,
    /// in one transaction, load the row (404), check If-Match (412), apply the change and, when anything changed, move
    /// the version and the update time, save, record the events and commit; a lost race is retried on a fresh read,
    /// a unique index collision is a 409. Answers the row with its ETag.
    /// </summary>
    public static async Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync<TEntity, TChange, TResponse>(
        this MergePatchRequest request, DbContext db, MergePatch<TEntity, TChange> steps, Func<TEntity, CancellationToken, Task<TResponse>> respond)
        where TEntity : class, IVersioned
    {
        var ct = request.Cancellation;
        var errors = new ValidationErrors();
        var patch = JsonPatch.Read(request.Body, request.Json.Value.SerializerOptions, errors);
        if (patch is null)
            return Problems.Invalid(errors.ToDictionary());
        var change = steps.Read(patch, errors);
        patch.RejectUnknownFields();
        if (steps.CheckAsync is not null)
            await steps.CheckAsync(change, errors, ct);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        try
        {
            return await db.RetryOnConcurrencyAsync<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>>(async () =>
            {
                await using var transaction = steps.Lock is { } key ? await db.BeginChangeAsync(key, ct) : await db.BeginChangeAsync(ct);
                var entity = await db.Set<TEntity>().FirstOrDefaultAsync(e => e.Id == request.Id, ct);
                if (entity is null)
                    return Problems.NotFound(steps.Resource, request.Id);
                if (!ETag.Matches(request.Request, entity.Version))
                    return Problems.PreconditionFailed();

                var edit = new Edit(request.Clock.Now());
                var changed = steps.Apply(entity, change, edit);
                if (changed && steps.VerifyAsync is not null && edit.Refusal is null && !edit.Errors.Any)
                    await steps.VerifyAsync(entity, edit, ct);
                if (edit.Refusal is { } refusal)
                    return refusal;
                if (edit.Errors.Any)
                    return Problems.Invalid(edit.Errors.ToDictionary());
                if (changed)
                {
                    entity.Version++;
                    entity.UpdatedAt = edit.Now;
                    // The row first: its version check turns a lost race into a concurrency conflict (retried, then 412 on
                    // a stale If-Match) before anything recorded with it (a history row's unique key) can fail instead.
                    await transaction.SaveAsync(ct);
                    if (steps.RecordAsync is not null)
                        await steps.RecordAsync(entity, change, edit, ct);
                    await transaction.CommitAsync(ct);
                }
                ETag.Set(request.Response, entity.Version);
                return TypedResults.Ok(await respond(entity, ct));
            }, ct, MaxAttempts);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict($"{steps.Resource} {request.Id} is being changed by others at the same time.", "Read it again and reapply your change.");
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && steps.UniqueConflict is not null)
        {
            return Problems.Conflict(steps.UniqueConflict(change));
        }
    }

    /// <summary><see cref="UpdateAsync{TEntity, TChange, TResponse}(MergePatchRequest, DbContext, MergePatch{TEntity, TChange}, Func{TEntity, CancellationToken, Task{TResponse}})"/> with a response made from the row alone.</summary>
    public static Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync<TEntity, TChange, TResponse>(
        this MergePatchRequest request, DbContext db, MergePatch<TEntity, TChange> steps, Func<TEntity, TResponse> respond)
        where TEntity : class, IVersioned =>
        request.UpdateAsync(db, steps, (entity, _) => Task.FromResult(respond(entity)));
}
