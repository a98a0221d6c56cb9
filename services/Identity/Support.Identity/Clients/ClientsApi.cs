using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Support.Hosting.Data;
using Support.Hosting.Http;
using Support.Hosting.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Support.Identity.Clients;

/// <summary>Integrations: confidential OAuth clients that get tokens with client credentials, limited to their scopes.</summary>
public static class ClientsApi
{
    public const int ClientIdMaxLength = 100;
    public const int DisplayNameMaxLength = 200;

    public static RouteGroupBuilder MapClientsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/identity/clients").WithTags("Clients");
        api.MapPost("/", Create).WithName("CreateClient").WithSummary("Creates an integration client; its secret is in this answer only.")
            .ProducesProblem(409);
        api.MapGet("/", List).WithName("ListClients");
        api.MapDelete("/{clientId}", Delete).WithName("DeleteClient").WithSummary("Deletes a client with its tokens.")
            .ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    public static async Task<Results<Created<CreatedClientResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateClientRequest request, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("clientId", request.ClientId, ClientIdMaxLength);
        if (request.ClientId is { Length: > 0 } id && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add("clientId", "'clientId' may hold letters, digits, '-', '_' and '.' only.");
        errors.Required("displayName", request.DisplayName, DisplayNameMaxLength);
        var scopes = request.Scopes ?? [];
        for (var i = 0; i < scopes.Length; i++)
            if (!SupportScopes.All.Contains(scopes[i]))
                errors.Add($"scopes[{i}]", $"'scopes[{i}]' must be one of {string.Join(", ", SupportScopes.All)}.");
        if (errors.Any)
            return Problems.Invalid(errors.ToDictionary());

        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = request.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName!.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
        };
        descriptor.Permissions.UnionWith(scopes.Distinct().Select(scope => Permissions.Prefixes.Scope + scope));
        try
        {
            if (await applications.FindByClientIdAsync(request.ClientId!, ct) is not null)
                return Taken(request.ClientId!);
            await applications.CreateAsync(descriptor, ct);
        }
        catch (Exception ex) when (IsTaken(ex))
        {
            return Taken(request.ClientId!);
        }
        return TypedResults.Created($"/api/identity/clients/{request.ClientId}",
            new CreatedClientResponse(request.ClientId!, descriptor.DisplayName, ClientTypes.Confidential, ScopesOf(descriptor.Permissions), secret));
    }

    public static async Task<Ok<List<ClientResponse>>> List(IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var clients = new List<ClientResponse>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
            clients.Add(new ClientResponse(
                (await applications.GetClientIdAsync(application, ct))!, await applications.GetDisplayNameAsync(application, ct),
                (await applications.GetClientTypeAsync(application, ct))!, ScopesOf(await applications.GetPermissionsAsync(application, ct))));
        return TypedResults.Ok(clients);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string clientId, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        if (clientId == BuiltInClients.SupportApp)
            return Problems.Conflict($"{BuiltInClients.SupportApp} is built in and cannot be deleted.");
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null)
            return Problems.NotFound("Client", clientId);
        await applications.DeleteAsync(application, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The scopes a client's permissions grant.</summary>
    public static List<string> ScopesOf(IEnumerable<string> permissions) =>
        permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>Another request created a client with this id first (OpenIddict's own check, or the unique index when both got past it).</summary>
    internal static bool IsTaken(Exception ex) =>
        ex is OpenIddictExceptions.ValidationException || (ex is DbUpdateException update && update.IsUniqueViolation());

    private static ProblemHttpResult Taken(string clientId) => Problems.Conflict($"A client with id {clientId} already exists.");
}
