using System.Net.Http.Json;
using Support.Ticket.Customers;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Infrastructure;

/// <summary>Short-hands for the calls most tests make.</summary>
public static class Api
{
    public static string NewEmail(string domain = "example.com") => $"user-{Guid.NewGuid():N}@{domain}";

    public static async Task<TicketResponse> CreateTicketAsync(this HttpClient client, string? email = null, string subject = "Cannot log in",
        string? priority = null, string[]? tags = null, string description = "The login page says my password is wrong.")
    {
        var response = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject,
            description,
            requester = new { email = email ?? NewEmail(), name = "Ann Example" },
            priority,
            tags,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<TicketResponse>();
    }

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string url, object body, string? ifMatch = null, string? actor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (actor is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Keys.For(actor));
        return client.SendAsync(request);
    }

    public static async Task<TicketResponse> PatchTicketAsync(this HttpClient client, int id, object body)
    {
        var response = await client.PatchAsync($"/api/tickets/{id}", body);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<TicketResponse>();
    }

    public static async Task<CustomerResponse> GetCustomerAsync(this HttpClient client, int id) =>
        (await client.GetFromJsonAsync<CustomerResponse>($"/api/customers/{id}", TicketApp.Json))!;

    /// <summary>Counts rows straight from the service's database, to prove a refused request wrote nothing.</summary>
    public static Task<long> CountRowsAsync(this TicketApp app, string table) => app.CountAsync(table);

    public static async Task<Dictionary<string, long>> CountAllAsync(this TicketApp app)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "tickets", "customers", "organizations", "ticket_comments", "ticket_audit", "outbox_messages" })
            counts[table] = await app.CountRowsAsync(table);
        return counts;
    }
}
