using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;
using Support.Identity.Data;

namespace Support.Identity.Users;

/// <summary>What the users' handlers need, bound as one <c>[AsParameters]</c> argument.</summary>
public record UserServices(IdentityDbContext Db, UserManager<User> Users, TimeProvider Clock);

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/identity").WithTags("Users");
        var users = api.MapGroup("/users");
        users.MapPost("/", Create).WithName("CreateUser").WithSummary("Creates a user (admin).").ProducesProblem(409);
        users.MapGet("/", List).WithName("ListUsers").WithSummary("Lists users, newest first, by role or text (admin).");
        users.MapGet("/{id:int}", Get).WithName("GetUser").ProducesProblem(404);
        users.MapPatch("/{id:int}", Update).WithName("UpdateUser").WithSummary("Changes name, role, disabled, agentId or customerId (admin).")
            .Accepts<UpdateUserRequest>("application/json").ProducesProblem(404).ProducesProblem(412);
        users.MapPost("/{id:int}/password", SetPassword).WithName("SetUserPassword").WithSummary("Sets a new password and lifts a lockout (admin).")
            .ProducesProblem(404);
        api.MapGet("/me", Me).WithName("GetMe").WithSummary("The signed-in user's profile.").ProducesProblem(404);
        api.MapPost("/register", Register).WithName("Register").WithSummary("Creates a customer account, when self-registration is allowed.")
            .ProducesProblem(403).ProducesProblem(409);
        return api;
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, [AsParameters] UserServices services, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        UserDirectory.ValidateRole(errors, request.Role);
        UserDirectory.ValidateLink(errors, "agentId", request.AgentId);
        UserDirectory.ValidateLink(errors, "customerId", request.CustomerId);
        return await CreateAsync(services, errors, request.Email, request.Password, request.Name, request.Role ?? "", request.AgentId, request.CustomerId, ct);
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, [AsParameters] UserServices services, IOptions<IdentitySettings> settings, CancellationToken ct)
    {
        if (!settings.Value.AllowSelfRegistration)
            return TypedResults.Problem(title: "Self-registration is turned off.", detail: "Ask an admin for an account.", statusCode: StatusCodes.Status403Forbidden);
        return await CreateAsync(services, new ValidationErrors(), request.Email, request.Password, request.Name, SupportRoles.Customer, null, null, ct);
    }

    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        UserServices services, ValidationErrors errors, string? email, string? password, string? name, string role, int? agentId, int? customerId,
        CancellationToken ct)
    {
        errors.Email("email", email);
        errors.Required("name", name, User.NameMaxLength);
        var user = UserDirectory.New(email ?? "", name ?? "", role, agentId, customerId, services.Clock.Now());
        await UserDirectory.ValidatePasswordAsync(services.Users, user, password, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        if (await UserDirectory.CreateAsync(services.Users, services.Db, user, password!, ct) == UserDirectory.Outcome.Duplicate)
            return Problems.Conflict($"A user with email {user.Email} already exists.");
        return TypedResults.Created($"/api/identity/users/{user.Id}", UserResponse.From(user));
    }

    public static async Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> List(
        IdentityDbContext db, CancellationToken ct, string? role = null, string? q = null, int? limit = null, string? cursor = null)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Read(limit, cursor, errors);
        if (role is not null)
            UserDirectory.ValidateRole(errors, role);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var query = db.Users.AsNoTracking();
        if (role is not null)
            query = query.Where(u => u.Role == role);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(u => u.Email!.Contains(text) || u.Name.ToLower().Contains(text));
        }
        if (page.After is { } after)
            query = query.Where(u => u.Id < after);
        var rows = await query.OrderByDescending(u => u.Id).Take(page.Take + 1).ToListAsync(ct);
        return TypedResults.Ok(Page.From(rows, page, u => u.Id, UserResponse.From));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(int id, IdentityDbContext db, HttpResponse response, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Problems.NotFound("User", id);
        ETag.Set(response, user.Version);
        return TypedResults.Ok(UserResponse.From(user));
    }

    public static Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> Update(
        [AsParameters] MergePatchRequest patch, IdentityDbContext db) =>
        patch.UpdateAsync(db, new MergePatch<User, UserChange>
        {
            Resource = "User",
            Read = UserChange.Read,
            Apply = (user, change, _) => change.ApplyTo(user),
            RecordAsync = (user, _, _, _) =>
            {
                UserDirectory.RecordUpdated(db, user);
                return Task.CompletedTask;
            },
        }, UserResponse.From);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPassword(
        int id, SetPasswordRequest request, [AsParameters] UserServices services, CancellationToken ct)
    {
        var user = await services.Db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Problems.NotFound("User", id);
        var errors = new ValidationErrors();
        await UserDirectory.ValidatePasswordAsync(services.Users, user, request.Password, errors);
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());
        user.PasswordHash = services.Users.PasswordHasher.HashPassword(user, request.Password!);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await services.Users.UpdateSecurityStampAsync(user); // saves
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(ClaimsPrincipal principal, IdentityDbContext db, CancellationToken ct)
    {
        var subject = principal.FindFirst(SupportClaims.Subject)?.Value;
        var user = int.TryParse(subject, out var id) ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        return user is null ? Problems.NotFound("User", subject ?? "") : TypedResults.Ok(UserResponse.From(user));
    }
}
