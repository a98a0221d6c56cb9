using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Support.Hosting.Security;
using Support.Ticket.Tests.Infrastructure;

namespace Support.Ticket.Tests.Access;

/// <summary>What an attacker tries with tokens; the service itself refuses each with 401 (the gateway is not in front here).</summary>
[Collection(TicketAppCollection.Name)]
public class TokenValidationTests(TicketApp app)
{
    private static Dictionary<string, object> Admin() => new() { [SupportClaims.Subject] = "admin-1", [SupportClaims.Role] = SupportRoles.Admin };

    public static TheoryData<string, Func<string?>> Forgeries => new()
    {
        { "no token", () => null },
        { "not a token", () => "hello" },
        { "expired", () => TestTokens.Keys.Create(Admin(), expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "signed with another key", () => TestTokens.Keys.Create(Admin(), signedWith: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" }) },
        { "for another audience", () => TestTokens.Keys.Create(Admin(), audience: "another-api") },
        { "alg none", () => Unsigned(TestTokens.Keys.Create(Admin())) },
        { "role claim tampered", () => Tampered(TestTokens.Keys.For("customer:1"), "\"customer\"", "\"admin\"") },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_or_stale_token_is_refused_with_401(string forgery, Func<string?> token)
    {
        var response = await app.ClientWithToken(token()).GetAsync("/api/tickets");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{forgery}: {response.StatusCode}");
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_genuine_token_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(TestTokens.Keys.Create(Admin())).GetAsync("/api/tickets")).StatusCode);
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
    }

    private static string Tampered(string token, string from, string to)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(from, to);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
