using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Routing.Agents;
using Support.Routing.Data;

namespace Support.Routing.Categories;

public record CategoryRouteRequest(int? GroupId, List<string>? RequiredSkills);

public record CategoryRouteResponse(string Category, int? GroupId, IReadOnlyList<string> RequiredSkills, DateTimeOffset UpdatedAt)
{
    public static CategoryRouteResponse From(CategoryRoute r) => new(r.Category, r.GroupId, r.RequiredSkills, r.UpdatedAt);
}

public static class CategoriesApi
{
    public static RouteGroupBuilder MapCategoriesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/routing/categories").WithTags("Categories");
        api.MapGet("/", List).WithName("ListCategoryRoutes");
        api.MapPut("/{category}", Put).WithName("SetCategoryRoute");
        api.MapDelete("/{category}", Delete).WithName("DeleteCategoryRoute").ProducesProblem(404);
        return api;
    }

    public static async Task<Ok<List<CategoryRouteResponse>>> List(RoutingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.CategoryRoutes.AsNoTracking().OrderBy(r => r.Category).ToListAsync(ct)).Select(CategoryRouteResponse.From).ToList());

    /// <summary>Where tickets of this category go, and the skills skills-based routing requires for them.</summary>
    public static async Task<Results<Ok<CategoryRouteResponse>, ValidationProblem>> Put(
        string category, CategoryRouteRequest request, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("category", category, CategoryRoute.NameMaxLength);
        if (request.GroupId is { } groupId && !await db.Groups.AnyAsync(g => g.Id == groupId, ct))
            errors.Add("groupId", $"Group {groupId} does not exist.");
        var skills = (request.RequiredSkills ?? []).Select(s => s?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (skills.Any(s => s.Length is 0 or > Agent.SkillMaxLength))
            errors.Add("requiredSkills", $"Each skill's name must be 1 to {Agent.SkillMaxLength} characters.");
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        await using var change = await RoutingLock.EnterAsync(db, ct); // routing reads these; two first PUTs of one category would collide
        var name = category.Trim();
        var route = await db.CategoryRoutes.FindAsync([name], ct);
        if (route is null)
            db.CategoryRoutes.Add(route = new CategoryRoute { Category = name });
        route.GroupId = request.GroupId;
        route.RequiredSkills = skills;
        route.UpdatedAt = clock.Now();
        await change.CommitAsync(ct);
        return TypedResults.Ok(CategoryRouteResponse.From(route));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string category, RoutingDbContext db, CancellationToken ct) =>
        await db.CategoryRoutes.Where(r => r.Category == category.Trim()).ExecuteDeleteAsync(ct) > 0
            ? TypedResults.NoContent()
            : Problems.NotFound("Category route", category);
}
