using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Support.EndToEnd.Tests.Infrastructure;
using Support.Testing;

namespace Support.EndToEnd.Tests;

/// <summary>A customer's personal data exported from every service, then erased everywhere, through the gateway.</summary>
[Collection(TopologyCollection.Name)]
public sealed class PersonalDataTests(Topology topology)
{
    private const string Password = "customer password 1";

    /// <summary>Automation's copy of a ticket names the requester by id only: it never holds personal data, so it erases nothing.</summary>
    private const string NoPersonalData = "e2e_automation";

    [Fact]
    public async Task An_export_holds_the_customers_data_from_every_service_and_after_erasure_no_database_holds_any_of_it()
    {
        var mark = Guid.NewGuid().ToString("N");
        var email = $"gdpr-{mark}@example.com";
        var (description, comment, question, rating) = ($"Description {mark}", $"Comment {mark}", $"Question {mark} refund", $"Rating {mark}");
        using var admin = topology.AdminClient();
        await (await admin.PostAsJsonAsync("/api/identity/users", new { email, password = Password, name = $"Gee {mark}", role = "customer" }))
            .JsonAsync(HttpStatusCode.Created);
        using var newcomer = topology.Client(await Tokens.PasswordAsync(topology.GatewayUrl, email, Password));
        var ticket = await (await newcomer.PostAsJsonAsync("/api/tickets", new { subject = "My refund", description })).JsonAsync(HttpStatusCode.Created);
        var ticketId = ticket.GetProperty("id").GetInt32();
        var customerId = ticket.GetProperty("requesterId").GetInt32();
        await Eventually.ReadUntilAsync(async () => await (await newcomer.GetAsync("/api/identity/me")).JsonAsync(HttpStatusCode.OK),
            me => me.GetProperty("customerId").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(30), "the user linked to their customer record");
        using var customer = topology.Client(await Tokens.PasswordAsync(topology.GatewayUrl, email, Password));
        await (await customer.PostAsJsonAsync($"/api/tickets/{ticketId}/comments", new { body = comment, @public = true })).JsonAsync(HttpStatusCode.Created);
        await (await customer.PostAsJsonAsync("/api/kb/answers", new { question })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PatchAsJsonAsync($"/api/tickets/{ticketId}", new { status = "solved" })).JsonAsync(HttpStatusCode.OK);
        await (await customer.PostAsJsonAsync($"/api/tickets/{ticketId}/satisfaction", new { score = "good", comment = rating })).JsonAsync(HttpStatusCode.OK);
        string[] personal = [email, description, comment, question, rating];

        // Analytics records the events as they arrive: the export holds them once it has all of them.
        var export = await Eventually.ReadUntilAsync(async () => await (await admin.GetAsync($"/api/identity/customers/{customerId}/export")).JsonAsync(HttpStatusCode.OK),
            e => e.GetProperty("analytics").GetRawText().Contains(rating), TimeSpan.FromSeconds(60), "Analytics to hold the rating");
        Assert.Contains(email, export.GetProperty("users").GetRawText());
        foreach (var text in new[] { email, description, comment, rating })
            Assert.Contains(text, export.GetProperty("ticket").GetRawText());
        Assert.Contains(question, export.GetProperty("knowledgeBase").GetRawText());
        foreach (var text in new[] { email, description, comment, rating })
            Assert.Contains(text, export.GetProperty("analytics").GetRawText());
        foreach (var (purpose, _) in topology.Databases) // so the search below can find what it looks for
            if (purpose == NoPersonalData)
                Assert.True(await RowsHoldingAnyAsync(purpose, personal) == 0, $"{purpose} holds personal data: {string.Join(", ", await HoldersAsync(purpose, personal))}");
            else
                Assert.True(await RowsHoldingAnyAsync(purpose, personal) > 0, $"{purpose} holds none of the customer's personal data before the erasure.");
        var summaryBefore = await SummaryAsync(admin);

        var erase = await admin.PostAsync($"/api/identity/customers/{customerId}/erase", null);
        var accepted = await erase.JsonAsync(HttpStatusCode.Accepted);
        var report = await Eventually.ReadUntilAsync(async () => await (await admin.GetAsync(erase.Headers.Location!.OriginalString)).JsonAsync(HttpStatusCode.OK),
            r => r.GetProperty("complete").GetBoolean(), TimeSpan.FromSeconds(60), "every service to confirm the erasure");

        Assert.False(accepted.GetProperty("complete").GetBoolean());
        Assert.Equal(["Identity", "Ticket", "Routing", "KnowledgeBase", "Analytics", "Channels"],
            report.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("service").GetString()!).ToArray());
        foreach (var (purpose, _) in topology.Databases)
            Assert.True(await RowsHoldingAnyAsync(purpose, personal) == 0, $"{purpose} still holds some of the customer's personal data: {string.Join(", ", await HoldersAsync(purpose, personal))}");
        var anonymised = await (await admin.GetAsync($"/api/customers/{customerId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Erased customer", anonymised.GetProperty("name").GetString());
        Assert.Equal(summaryBefore, await SummaryAsync(admin));
        using var anonymous = topology.Client(token: null);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/connect/token", TokenRequests.Password(email, Password))).StatusCode); // the user is gone
        var audit = await (await admin.GetAsync($"/api/identity/personal-data/requests?customerId={customerId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["erase", "export"], audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("kind").GetString()!).Distinct().ToArray());
        Assert.All(audit.GetProperty("items").EnumerateArray(), r => Assert.Equal("admin", r.GetProperty("requestedBy").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Export_and_erasure_are_for_admins_only_and_an_unknown_customer_is_404()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await topology.Client().GetAsync("/api/identity/customers/1/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await topology.Client().PostAsync("/api/identity/customers/1/erase", null)).StatusCode);
        using var admin = topology.AdminClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/identity/customers/999999/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/identity/customers/999999/erase", null)).StatusCode);
    }

    /// <summary>The ticket counts of the whole system: an erasure changes none of them.</summary>
    private static async Task<string> SummaryAsync(HttpClient admin)
    {
        var summary = await (await admin.GetAsync("/api/analytics/summary")).JsonAsync(HttpStatusCode.OK);
        return string.Join(", ", summary.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>Rows of any table of the database whose text (every column) holds any of the texts.</summary>
    private async Task<long> RowsHoldingAnyAsync(string purpose, string[] texts) => (await HoldersAsync(purpose, texts)).Values.Sum();

    private async Task<Dictionary<string, long>> HoldersAsync(string purpose, string[] texts)
    {
        await using var connection = new NpgsqlConnection(topology.Databases[purpose]);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var holders = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE t::text ILIKE ANY (@patterns)", connection);
            count.Parameters.AddWithValue("patterns", texts.Select(t => $"%{t.Replace("\"", "\\\"")}%").ToArray());
            if ((long)(await count.ExecuteScalarAsync())! is > 0 and var rows)
                holders[table] = rows;
        }
        return holders;
    }
}
