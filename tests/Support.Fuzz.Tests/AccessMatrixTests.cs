using System.Net;
using System.Text;
using System.Text.Json;
using Support.Fuzz.Tests.Generation;
using Support.Hosting.Security;
using Who = Support.Hosting.Security.Caller;

namespace Support.Fuzz.Tests;

/// <summary>
/// Every operation of the OpenAPI document, called as anonymous, customer, agent, admin and an integration with and
/// without the scope its rule names, gets what the services' rule tables say: 401 without a token, 403 for a caller
/// the rule leaves out, and something else (its own validation, 404, success) for a caller it lets in. An operation
/// no table names fails here.
/// </summary>
[Collection(SqliteHostCollection.Name)]
public sealed class AccessMatrixTests(SqliteHost host, ITestOutputHelper output)
{
    public static IReadOnlyList<AccessRule> Tables { get; } =
    [
        .. Support.Ticket.TicketAccess.Rules, .. Support.Routing.RoutingAccess.Rules,
        .. Support.KnowledgeBase.KnowledgeBaseAccess.Rules, .. Support.Analytics.AnalyticsAccess.Rules, .. Support.Identity.IdentityAccess.Rules,
        .. Support.Channels.ChannelsAccess.Rules,
        .. Support.Automation.AutomationAccess.Rules,
    ];

    private sealed record Probe(string Name, string? Token, Func<AccessRule, bool> LetIn);

    [Fact]
    public async Task Every_operation_answers_each_caller_as_its_rule_says()
    {
        using var client = host.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var rules = Tables.ToDictionary(r => (r.Method, AccessRule.Normalize(r.Route)));
        var failures = new List<string>();
        var calls = 0;
        foreach (var operation in ApiOperation.ReadAll(document))
        {
            if (!rules.TryGetValue((operation.Method, AccessRule.Normalize(operation.PathTemplate)), out var rule))
            {
                failures.Add($"{operation}: no rule in any service's table");
                continue;
            }
            foreach (var caller in Callers(rule))
            {
                calls++;
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), Path(operation));
                if (operation.Body is not null)
                    request.Content = new StringContent("{}", Encoding.UTF8, operation.BodyMediaType);
                var response = await client.WithToken(caller.Token).SendAsync(request);
                var expected = rule.Who == Who.Anonymous || caller.LetIn(rule) ? "let in"
                    : caller.Token is null ? "401" : "403";
                var got = response.StatusCode switch { HttpStatusCode.Unauthorized => "401", HttpStatusCode.Forbidden => "403", _ => "let in" };
                if (got != expected)
                    failures.Add($"{operation} as {caller.Name}: expected {expected}, got {(int)response.StatusCode}");
            }
        }
        output.WriteLine($"{calls} calls over {rules.Count} rules; {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<Probe> Callers(AccessRule rule)
    {
        var tokens = TestTokens.Keys;
        yield return new Probe("anonymous", null, _ => false);
        yield return new Probe("customer", tokens.For("customer:1"), r => r.Who == Who.AnyUser);
        yield return new Probe("agent", tokens.For("agent:1"), r => r.Who is Who.AnyUser or Who.Staff);
        yield return new Probe("admin", tokens.For("admin"), _ => true);
        yield return new Probe("integration without scopes", tokens.ForClient("matrix"), _ => false);
        if (rule.Scope is not null)
            yield return new Probe($"integration with {rule.Scope}", tokens.ForClient("matrix", rule.Scope), _ => true);
    }

    private static string Path(ApiOperation operation)
    {
        var path = operation.PathTemplate;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = parameter.Schema.ValueKind == JsonValueKind.Object && parameter.Schema.TryGetProperty("format", out var format) && format.GetString() == "uuid"
                ? Guid.NewGuid().ToString() : parameter.Schema.ValueKind == JsonValueKind.Object && parameter.Schema.TryGetProperty("type", out var type) && type.GetString() == "integer" ? "1" : "billing";
            path = path.Replace($"{{{parameter.Name}}}", value);
        }
        return path;
    }
}
