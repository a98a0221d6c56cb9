using System.Net;
using System.Net.Http.Json;
using System.Text;
using Support.Ticket.Customers;
using Support.Ticket.Tests.Infrastructure;

namespace Support.Ticket.Tests;

/// <summary>Every refused request gets a 4xx problem naming the field, and writes nothing.</summary>
[Collection(TicketAppCollection.Name)]
public class BadInputTests(TicketApp app)
{
    private readonly HttpClient client = app.Client();

    private static object Ticket(string? subject = "Subject", string? description = "Description", string? email = "ann@example.com",
        string? priority = null, object? tags = null) =>
        new { subject, description, requester = email is null ? null : new { email, name = "Ann" }, priority, tags };

    public static TheoryData<string, object, string> BadTickets => new()
    {
        { "missing subject", Ticket(subject: null), "subject" },
        { "blank subject", Ticket(subject: "   "), "subject" },
        { "subject over 250 characters", Ticket(subject: new string('s', 251)), "subject" },
        { "missing description", Ticket(description: null), "description" },
        { "description over 64 KiB", Ticket(description: new string('d', 64 * 1024 + 1)), "description" },
        { "description over 64 KiB of UTF-8", Ticket(description: new string('中', 22 * 1024)), "description" },
        { "missing requester", Ticket(email: null), "requester" },
        { "malformed email", Ticket(email: "ann-at-example.com"), "requester.email" },
        { "email without a domain", Ticket(email: "ann@localhost"), "requester.email" },
        { "unknown priority", Ticket(priority: "critical"), "priority" },
        { "tag with a space", Ticket(tags: new[] { "two words" }), "tags" },
        { "tags not a list", Ticket(tags: "vip"), "tags" },
    };

    [Theory]
    [MemberData(nameof(BadTickets))]
    public async Task A_bad_ticket_is_refused_naming_the_field(string because, object body, string field)
    {
        var before = await app.CountAllAsync();
        var response = await client.PostAsJsonAsync("/api/tickets", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Contains(field, await response.ProblemFieldsAsync());
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Theory]
    [InlineData("{\"subject\": \"x\", ", "body")]
    [InlineData("[1, 2]", "body")]
    [InlineData("{\"subject\": 42, \"description\": \"d\", \"requester\": {\"email\": \"a@b.io\"}}", "subject")]
    [InlineData("{\"subject\": \"s\", \"description\": \"d\", \"requester\": {\"email\": \"a@b.io\"}, \"type\": \"rant\"}", "type")]
    [InlineData("", "body")]
    public async Task Malformed_json_is_refused_naming_the_field(string json, string field)
    {
        var before = await app.CountAllAsync();
        var response = await client.PostAsync("/api/tickets", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ProblemFieldsAsync());
        Assert.Equal(before, await app.CountAllAsync());
    }

    public static TheoryData<object, string> BadPatches => new()
    {
        { new { status = "archived" }, "status" },
        { new { status = "closed" }, "status" },
        { new { status = "new", priority = "low" }, "status" },
        { new { priority = (string?)null }, "priority" },
        { new { subject = "" }, "subject" },
        { new { subject = new string('s', 251) }, "subject" },
        { new { assigneeId = "seven" }, "assigneeId" },
        { new { assigneeId = -1 }, "assigneeId" },
        { new { requesterId = 5 }, "requesterId" },
    };

    [Theory]
    [MemberData(nameof(BadPatches))]
    public async Task A_bad_patch_is_refused_naming_the_field_and_changes_nothing(object body, string field)
    {
        var ticket = await client.CreateTicketAsync(priority: "high");
        await client.PatchTicketAsync(ticket.Id, new { status = "open" });
        var before = await app.CountAllAsync();

        var response = await client.PatchAsync($"/api/tickets/{ticket.Id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ProblemFieldsAsync());
        Assert.Equal(before, await app.CountAllAsync());
        var current = await client.GetAsync($"/api/tickets/{ticket.Id}");
        Assert.Equal("\"1\"", current.Headers.ETag?.Tag);
    }

    public static TheoryData<object, string> BadCustomerPatches => new()
    {
        { new { status = "lost" }, "status" },
        { new { status = (string?)null }, "status" },
        { new { value = -0.01m }, "value" },
        { new { value = "lots" }, "value" },
        { new { value = 1.005m }, "value" },
        { new { name = "New name", value = -5m }, "value" },
    };

    [Theory]
    [MemberData(nameof(BadCustomerPatches))]
    public async Task A_bad_customer_patch_is_refused_naming_the_field_and_changes_nothing(object body, string field)
    {
        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "Ann", value = 10m })).ReadAsync<CustomerResponse>();
        var before = await app.CountAllAsync();

        var response = await client.PatchAsync($"/api/customers/{customer.Id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ProblemFieldsAsync());
        Assert.Equal(before, await app.CountAllAsync());
        var current = await client.GetCustomerAsync(customer.Id);
        Assert.Equal(("Ann", CustomerStatus.Active, (decimal?)10m), (current.Name, current.Status, current.Value));
    }

    [Theory]
    [InlineData("/api/tickets?status=archived", "status")]
    [InlineData("/api/tickets?priority=meh", "priority")]
    [InlineData("/api/tickets?limit=0", "limit")]
    [InlineData("/api/tickets?limit=101", "limit")]
    [InlineData("/api/tickets?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/tickets?assigneeId=abc", "assigneeId")]
    [InlineData("/api/tickets?createdFrom=yesterday", "createdFrom")]
    [InlineData("/api/customers?limit=1000", "limit")]
    public async Task Bad_query_parameters_are_refused_naming_the_parameter(string url, string field)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Unknown_ids_get_404_problems_and_write_nothing()
    {
        var before = await app.CountAllAsync();
        var responses = await Task.WhenAll(
            client.PatchAsync("/api/tickets/987654321", new { priority = "low" }),
            client.PostAsJsonAsync("/api/tickets/987654321/comments", new { body = "hi", @public = true, author = new { type = "agent" } }),
            client.PostAsJsonAsync("/api/tickets/987654321/satisfaction", new { score = "good" }),
            client.GetAsync("/api/tickets/987654321/audit"),
            client.GetAsync("/api/customers/987654321"),
            client.GetAsync("/api/organizations/987654321"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        foreach (var response in responses)
            await response.ProblemAsync();
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task Bad_comments_and_ratings_are_refused_naming_the_field()
    {
        var ticket = await client.CreateTicketAsync();
        var before = await app.CountAllAsync();

        var noBody = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { @public = true, author = new { type = "agent" } });
        Assert.Contains("body", await noBody.ProblemFieldsAsync());
        var noVisibility = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "hi", author = new { type = "agent" } });
        Assert.Contains("public", await noVisibility.ProblemFieldsAsync());
        var badAuthor = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "hi", @public = true, author = new { type = "robot" } });
        Assert.Contains("author.type", await badAuthor.ProblemFieldsAsync());
        var tooLong = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = new string('b', 64 * 1024 + 1), @public = true, author = new { type = "agent" } });
        Assert.Contains("body", await tooLong.ProblemFieldsAsync());
        var badScore = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/satisfaction", new { score = "meh" });
        Assert.Contains("score", await badScore.ProblemFieldsAsync());

        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task Bad_customers_and_organizations_are_refused_naming_the_field()
    {
        var before = await app.CountAllAsync();

        var badEmail = await client.PostAsJsonAsync("/api/customers", new { email = "nope", name = "N" });
        Assert.Contains("email", await badEmail.ProblemFieldsAsync());
        var unknownOrganization = await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "N", organizationId = 987654321 });
        Assert.Contains("organizationId", await unknownOrganization.ProblemFieldsAsync());
        var badStatus = await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "N", status = "lost" });
        Assert.Contains("status", await badStatus.ProblemFieldsAsync());
        var negativeValue = await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "N", value = -1m });
        Assert.Contains("value", await negativeValue.ProblemFieldsAsync());
        var valueNotANumber = await client.PostAsJsonAsync("/api/customers", new { email = Api.NewEmail(), name = "N", value = "lots" });
        Assert.Contains("value", await valueNotANumber.ProblemFieldsAsync());
        var noName = await client.PostAsJsonAsync("/api/organizations", new { domains = new[] { "x.io" } });
        Assert.Contains("name", await noName.ProblemFieldsAsync());
        var badDomain = await client.PostAsJsonAsync("/api/organizations", new { name = $"Org {Guid.NewGuid():N}", domains = new[] { "not a domain" } });
        Assert.Contains("domains", await badDomain.ProblemFieldsAsync());

        Assert.Equal(before, await app.CountAllAsync());
    }
}
