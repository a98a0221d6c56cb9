using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Support.Identity.Tests.Infrastructure;

namespace Support.Identity.Tests.Users;

/// <summary>An install with no configured first admin, that lets customers sign up.</summary>
public sealed class OpenIdentityApp() : IdentityApp(adminPassword: null, selfRegistration: true);

public sealed partial class BootstrapAndRegistrationTests(OpenIdentityApp app) : IClassFixture<OpenIdentityApp>
{
    [Fact]
    public async Task The_generated_first_admin_password_is_logged_once_and_works()
    {
        var lines = app.Logs.Lines.Where(l => l.Contains("Created the first admin")).ToList();
        var password = GeneratedPassword().Match(Assert.Single(lines)).Groups[1].Value;
        Assert.True(password.Length >= 20);
        var token = await app.CreateClient().AccessTokenAsync("admin@localhost", password);
        Assert.Equal("admin", Auth.Payload(token).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Anyone_may_register_as_a_customer_and_sign_in()
    {
        var client = app.CreateClient();
        var email = Auth.NewEmail();
        var response = await client.PostAsJsonAsync("/api/identity/register", new { email, password = Auth.Password, name = "Bo", role = "admin" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var claims = Auth.Payload(await client.AccessTokenAsync(email, Auth.Password));
        Assert.Equal("customer", claims.GetProperty("role").GetString());
        Assert.Equal(["password"], await (await client.PostAsJsonAsync("/api/identity/register", new { email = Auth.NewEmail(), password = "123456789", name = "Bo" })).ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/identity/register", new { email, password = Auth.Password, name = "Bo" })).StatusCode);
    }

    [GeneratedRegex("Created the first admin admin@localhost with password (\\S+) — change it")]
    private static partial Regex GeneratedPassword();
}
