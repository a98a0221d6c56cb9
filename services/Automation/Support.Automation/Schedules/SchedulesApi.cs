using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Automation.Data;
using Support.Contracts.Automation;
using Support.Hosting.Data;
using Support.Hosting.Http;

namespace Support.Automation.Schedules;

public static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder routes)
    {
        var schedules = routes.MapGroup("/api/automation/schedules").WithTags("Business schedules");
        schedules.MapPost("/", Create).WithName("CreateSchedule")
            .WithSummary("Adds a business schedule: time zone, weekly hours, holidays, the groups it times (admin).").ProducesProblem(409);
        schedules.MapGet("/", List).WithName("ListSchedules").WithSummary("Lists the business schedules.");
        schedules.MapGet("/{id:int}", Get).WithName("GetSchedule").ProducesProblem(404);
        schedules.MapPatch("/{id:int}", Update).WithName("UpdateSchedule")
            .WithSummary("Changes a schedule; SLA due times follow at each ticket's next event (admin).")
            .Accepts<UpdateScheduleRequest>("application/json").ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        schedules.MapDelete("/{id:int}", Delete).WithName("DeleteSchedule").WithSummary("Deletes a schedule (admin).").ProducesProblem(404);
        return routes;
    }

    public static async Task<Results<Created<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateScheduleRequest request, AutomationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name, BusinessSchedule.NameMaxLength);
        var zone = ScheduleFields.TimeZone(request.TimeZone, errors);
        var hours = ScheduleFields.Hours(request.Hours, errors);
        var holidays = ScheduleFields.Holidays(request.Holidays, errors);
        var groupIds = ScheduleFields.GroupIds(request.GroupIds, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.Now();
        var schedule = new BusinessSchedule
        {
            Name = request.Name!.Trim(), TimeZone = zone!, IsDefault = request.IsDefault ?? false, Hours = hours, Holidays = holidays,
            GroupIds = groupIds, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        await using var transaction = await db.BeginChangeAsync(ct);
        if (await ConflictAsync(db, schedule, now, ct) is { } conflict)
            return conflict;
        db.Schedules.Add(schedule);
        await transaction.SaveAsync(ct);
        db.AddEvent(schedule.Changed(now), BusinessSchedule.Aggregate(schedule.Id), now);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/automation/schedules/{schedule.Id}", ScheduleResponse.From(schedule));
    }

    public static async Task<Ok<Page<ScheduleResponse>>> List(AutomationDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new Page<ScheduleResponse>(
            (await db.Schedules.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)).Select(ScheduleResponse.From).ToList(), null));

    public static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> Get(int id, AutomationDbContext db, HttpResponse response, CancellationToken ct)
    {
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null)
            return Problems.NotFound("Schedule", id);
        ETag.Set(response, schedule.Version);
        return TypedResults.Ok(ScheduleResponse.From(schedule));
    }

    public static Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> Update([AsParameters] MergePatchRequest patch, AutomationDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<BusinessSchedule, ScheduleChange>
        {
            Resource = "Schedule",
            Read = ScheduleChange.Read,
            Apply = (schedule, change, _) => change.ApplyTo(schedule),
            VerifyAsync = async (schedule, edit, ct) =>
            {
                if (await ConflictAsync(db, schedule, edit.Now, ct) is { } conflict)
                    edit.Refuse(conflict.ProblemDetails.Title!, conflict.ProblemDetails.Detail);
            },
            RecordAsync = (schedule, _, edit, _) =>
            {
                db.AddEvent(schedule.Changed(edit.Now), BusinessSchedule.Aggregate(schedule.Id), edit.Now);
                return Task.CompletedTask;
            },
            UniqueConflict = change => $"A schedule named '{change.Name.Value?.Trim()}' exists already.",
        }, ScheduleResponse.From);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, AutomationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.BeginChangeAsync(ct);
        if (await db.Schedules.Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0)
            return Problems.NotFound("Schedule", id);
        var now = clock.Now();
        db.AddEvent(new BusinessScheduleDeleted(id, now), BusinessSchedule.Aggregate(id), now);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A name another schedule has, or a group another schedule times, is a conflict; a new default takes over from the
    /// old one (in the caller's transaction, which publishes the old one's change with it).
    /// </summary>
    private static async Task<ProblemHttpResult?> ConflictAsync(AutomationDbContext db, BusinessSchedule schedule, DateTimeOffset now, CancellationToken ct)
    {
        var others = await db.Schedules.Where(s => s.Id != schedule.Id).ToListAsync(ct);
        if (others.FirstOrDefault(s => s.Name == schedule.Name.Trim()) is { } named)
            return Problems.Conflict($"A schedule named '{named.Name}' exists already.");
        if (others.FirstOrDefault(s => s.GroupIds.Intersect(schedule.GroupIds).Any()) is { } taken)
            return Problems.Conflict($"Group {taken.GroupIds.Intersect(schedule.GroupIds).First()} is timed by schedule {taken.Id} already.",
                "A group follows one schedule: take it out of that one first.");
        if (schedule.IsDefault)
            foreach (var other in others.Where(s => s.IsDefault))
            {
                other.IsDefault = false;
                other.Version++;
                other.UpdatedAt = now;
                db.AddEvent(other.Changed(now), BusinessSchedule.Aggregate(other.Id), now);
            }
        return null;
    }
}
