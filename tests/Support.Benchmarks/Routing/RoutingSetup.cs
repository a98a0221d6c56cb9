using System.Net.Http.Json;
using System.Text.Json;

namespace Support.Benchmarks.Routing;

/// <summary>Through the gateway: a default least_loaded group of this run, and its online agents.</summary>
public static class RoutingSetup
{
    public static async Task<(int GroupId, List<int> AgentIds)> CreateAsync(HttpClient http, string runId, int agents, int capacity)
    {
        var group = await PostAsync(http, "api/groups", new { name = $"bench-{runId}", tier = 1, policy = "least_loaded", isDefault = true });
        var groupId = group.GetProperty("id").GetInt32();
        var agentIds = new List<int>();
        for (var i = 1; i <= agents; i++)
        {
            var agent = await PostAsync(http, "api/agents", new
            {
                name = $"Bench agent {i}", email = $"agent{i}-{runId}@bench.example", groups = new[] { groupId }, capacity, status = "online",
            });
            agentIds.Add(agent.GetProperty("id").GetInt32());
        }
        return (groupId, agentIds);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
