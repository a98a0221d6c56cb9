using System.Net.Http.Json;
using System.Text.Json;

namespace Support.Fuzz.Tests;

/// <summary>
/// A few valid rows of every kind, created through the API, so generated requests also reach rows that exist. Their
/// ids are what path parameters and id fields ("groupId", "ticketId", …) are filled with.
/// </summary>
public static class SeedData
{
    public static async Task<Dictionary<string, string>> CreateAsync(HttpClient client)
    {
        var known = new Dictionary<string, string>();
        async Task<JsonElement> Post(string url, object body, params string[] keys)
        {
            var response = await client.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"Seeding POST {url} answered {(int)response.StatusCode}: {text}");
            var created = JsonDocument.Parse(text).RootElement;
            foreach (var key in keys.Prepend(url))
                known[key] = created.GetProperty("id").ToString();
            return created;
        }

        // Routing's policy names are moving from snake_case to the kebab-case the other enums use: either is accepted here.
        var policy = "round-robin";
        using (var probe = await client.PostAsJsonAsync("/api/groups", new { name = "Fuzz probe", tier = 1, policy }))
            if (!probe.IsSuccessStatusCode)
                policy = "round_robin";
        var group = await Post("/api/groups", new { name = "Fuzz tier 1", tier = 1, policy, isDefault = true }, "groupId", "groups", "escalatesTo");
        await Post("/api/agents", new { name = "Fuzz Agent", email = "fuzz-agent@example.com", groups = new[] { group.GetProperty("id").GetInt32() }, capacity = 5, status = "online" }, "agentId", "assigneeId");
        await Post("/api/organizations", new { name = "Fuzz Org", domains = new[] { "fuzz-org.example.com" } }, "organizationId");
        var customer = await Post("/api/customers", new { email = "fuzz-customer@example.com", name = "Fuzz Customer" }, "customerId", "requesterId");
        var ticket = await Post("/api/tickets", new
        {
            subject = "Fuzz ticket: cannot log in", description = "The password reset email never arrives.",
            requester = new { email = customer.GetProperty("email").GetString(), name = "Fuzz Customer" },
        }, "ticketId");
        var ticketId = ticket.GetProperty("id").GetInt32();
        await Post($"/api/tickets/{ticketId}/comments", new { body = "We are looking into it.", @public = true, author = new { type = "agent", id = "1" } }, "commentId");
        var category = await Post("/api/kb/categories", new { name = "Fuzz accounts", description = "Sign-in and passwords." }, "categoryId", "parentId");
        await Post("/api/kb/articles", new
        {
            title = "Reset your password", body = "Open the sign-in page and choose *Forgot password*.", locale = "en", status = "published",
            categoryId = category.GetProperty("id").GetInt32(),
        }, "articleId");
        await Post("/api/kb/problems", new { title = "Password reset email missing", symptoms = new[] { "no reset email" }, solution = "Check the spam folder." }, "problemId");
        var answer = await client.PostAsJsonAsync("/api/kb/answers", new { question = "How do I reset my password?", locale = "en" });
        Assert.True(answer.IsSuccessStatusCode, $"Seeding the answer bot answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        known["/api/kb/answers"] = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").ToString();
        var route = await client.PutAsJsonAsync("/api/routing/categories/billing", new { groupId = group.GetProperty("id").GetInt32() });
        Assert.True(route.IsSuccessStatusCode, $"Seeding a category route answered {(int)route.StatusCode}: {await route.Content.ReadAsStringAsync()}");
        known["category"] = "billing";
        known["version"] = "1";
        return known;
    }
}
