using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.Categories;

public record CreateCategoryRequest(string? Name, string? Description, int? ParentId, int? Position);

/// <summary>The body of PATCH /api/kb/categories/{id}: name, description (null clears) or position.</summary>
public record UpdateCategoryRequest(string? Name, string? Description, int? Position);

public record CategoryResponse(
    int Id, int? ParentId, string Name, string? Description, int Position, IReadOnlyList<CategoryResponse>? Sections,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CategoryResponse From(Category c, IReadOnlyList<CategoryResponse>? sections = null) =>
        new(c.Id, c.ParentId, c.Name, c.Description, c.Position, sections, c.CreatedAt, c.UpdatedAt);
}

/// <summary>Categories and their sections (a category with a parent): two levels, each ordered by position, then id.</summary>
public static class CategoriesApi
{
    public static RouteGroupBuilder MapCategoriesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/kb/categories").WithTags("Categories");
        api.MapPost("/", Create).WithName("CreateCategory");
        api.MapGet("/", List).WithName("ListCategories");
        api.MapGet("/{id:int}", Get).WithName("GetCategory").ProducesProblem(404);
        api.MapPatch("/{id:int}", Update).WithName("UpdateCategory").Accepts<UpdateCategoryRequest>("application/json")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        return api;
    }

    public static async Task<Results<Created<CategoryResponse>, ValidationProblem>> Create(
        CreateCategoryRequest request, KnowledgeBaseDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name, Category.NameMaxLength);
        errors.MaxLength("description", request.Description, Category.DescriptionMaxLength);
        if (request.Position < 0)
            errors.Add("position", "'position' must be 0 or more.");
        if (request.ParentId is { } parentId)
        {
            var parent = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId, ct);
            if (parent is null)
                errors.Add("parentId", $"Category {parentId} does not exist.");
            else if (parent.ParentId is not null)
                errors.Add("parentId", $"Category {parentId} is a section; sections cannot hold sections (two levels only).");
        }
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var now = clock.Now();
        var category = new Category
        {
            Name = request.Name!.Trim(), Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            ParentId = request.ParentId, CreatedAt = now, UpdatedAt = now,
            Position = request.Position ?? await db.Categories.CountAsync(c => c.ParentId == request.ParentId, ct),
        };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        ETag.Set(response, category.Version);
        return TypedResults.Created($"/api/kb/categories/{category.Id}", CategoryResponse.From(category));
    }

    /// <summary>The whole tree: categories in order, each with its sections in order.</summary>
    public static async Task<Ok<IReadOnlyList<CategoryResponse>>> List(KnowledgeBaseDbContext db, CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct);
        var tree = all.Where(c => c.ParentId is null)
            .Select(c => CategoryResponse.From(c, all.Where(s => s.ParentId == c.Id).Select(s => CategoryResponse.From(s)).ToList()))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<CategoryResponse>>(tree);
    }

    public static async Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> Get(int id, KnowledgeBaseDbContext db, HttpResponse response, CancellationToken ct)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
            return Problems.NotFound("Category", id);
        var sections = category.ParentId is null
            ? await db.Categories.AsNoTracking().Where(c => c.ParentId == id).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct)
            : [];
        ETag.Set(response, category.Version);
        return TypedResults.Ok(CategoryResponse.From(category, category.ParentId is null ? sections.Select(s => CategoryResponse.From(s)).ToList() : null));
    }

    /// <summary>Changes name, description (null clears it) or position.</summary>
    public static Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, KnowledgeBaseDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<Category, CategoryChange>
        {
            Resource = "Category",
            Read = CategoryChange.Read,
            Apply = (category, change, _) => change.ApplyTo(category),
        }, category => CategoryResponse.From(category));
}
