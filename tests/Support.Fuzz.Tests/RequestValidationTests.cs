using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Support.Fuzz.Tests.Infrastructure;

namespace Support.Fuzz.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresHostCollection : ICollectionFixture<PostgresHost>
{
    public const string Name = "standalone host on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SqliteHostCollection : ICollectionFixture<SqliteHost>
{
    public const string Name = "standalone host on SQLite";
}

[Collection(PostgresHostCollection.Name)]
public sealed class PostgresRequestValidationTests(PostgresHost host) : RequestValidationTests(host);

[Collection(SqliteHostCollection.Name)]
public sealed class SqliteRequestValidationTests(SqliteHost host) : RequestValidationTests(host);

/// <summary>
/// What the shared request validation answers, the same on PostgreSQL and SQLite: text the databases cannot store,
/// bodies the JSON reader cannot decode and dates outside the supported range are 4xx naming the field.
/// </summary>
public abstract class RequestValidationTests(StandaloneHost host)
{
    [Theory]
    [InlineData("/api/customers", """{"email":"nul@example.com","name":"A\u0000B"}""", "name")]
    [InlineData("/api/customers", """{"email":"surrogate@example.com","name":"\ud800"}""", "name")]
    [InlineData("/api/tickets", """{"subject":"S","description":"D","requester":{"email":"r@example.com","name":"\u0000"}}""", "requester.name")]
    [InlineData("/api/tickets", """{"subject":"S","description":"D","requester":{"email":"r@example.com","name":"R"},"tags":["ok","\udc00"]}""", "tags[1]")]
    [InlineData("/api/organizations", """{"name":"Org","domains":["ok.example.com","bad\u0000.example.com"]}""", "domains[1]")]
    [InlineData("/api/agents", """{"name":"A","email":"skills@example.com","skills":{"\u0000":3}}""", "skills")]
    [InlineData("/api/kb/articles", """{"title":"\ud83d","body":"B","locale":"en"}""", "title")]
    public async Task Unstorable_text_in_a_created_resource_is_a_400_naming_the_field(string url, string body, string field)
    {
        using var client = host.CreateClient();
        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, "cannot be stored");
    }

    [Theory]
    [InlineData("""{"notes":"a\u0000b"}""", "notes")]
    [InlineData("""{"name":"\ud800x"}""", "name")]
    [InlineData("""{"\ud800":"x"}""", "body")]
    public async Task Unstorable_text_in_a_merge_patch_is_a_400_naming_the_field(string body, string field)
    {
        using var client = host.CreateClient();
        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = $"patch-{Guid.NewGuid():N}@example.com", name = "Patched" })).ReadCreatedAsync();
        var response = await client.PatchAsync($"/api/customers/{customer.GetProperty("id")}", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field, "cannot be stored");
        var unchanged = await client.GetFromJsonAsync<JsonElement>($"/api/customers/{customer.GetProperty("id")}");
        Assert.Equal("Patched", unchanged.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_merge_patch_is_a_400()
    {
        using var client = host.CreateClient();
        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = $"utf8-{Guid.NewGuid():N}@example.com", name = "Utf8" })).ReadCreatedAsync();
        var content = new ByteArrayContent([(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        content.Headers.ContentType = new("application/json");
        var response = await client.PatchAsync($"/api/customers/{customer.GetProperty("id")}", content);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body", "cannot be stored");
    }

    [Theory]
    [InlineData("/api/customers?q=%00", "q")]
    [InlineData("/api/organizations?q=a%00b", "q")]
    [InlineData("/api/tickets?tag=%00", "tag")]
    [InlineData("/api/kb/search?q=%00", "q")]
    public async Task Unstorable_text_in_a_query_string_is_a_400_naming_the_parameter(string url, string parameter)
    {
        using var client = host.CreateClient();
        await AssertProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest, parameter, "cannot be stored");
    }

    [Theory]
    [InlineData("/api/analytics/summary?from=0001-01-01", "from")]
    [InlineData("/api/analytics/summary?to=9999-12-31T23:59:59Z", "to")]
    [InlineData("/api/analytics/timeseries?to=9999-12-31T23:59:59Z&interval=week", "to")]
    [InlineData("/api/analytics/agents?from=1899-12-31T23:59:59Z", "from")]
    [InlineData("/api/analytics/sentiment?to=3000-01-01", "to")]
    [InlineData("/api/analytics/customers/segments?at=0001-01-01T00:00:00Z", "at")]
    [InlineData("/api/tickets?createdFrom=0001-01-01T00:00:00Z", "createdFrom")]
    [InlineData("/api/tickets?updatedTo=9999-12-31T23:59:59Z", "updatedTo")]
    public async Task Dates_outside_the_supported_range_are_a_400_naming_the_parameter(string url, string parameter)
    {
        using var client = host.CreateClient();
        await AssertProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest, parameter, "1900-01-01");
    }

    [Theory]
    [InlineData("application/json; charset=nonsense")]
    [InlineData("application/json; charset=\"")]
    [InlineData(";;;")]
    public async Task A_body_in_a_media_type_the_API_cannot_read_is_a_415(string contentType)
    {
        using var client = host.CreateClient();
        var content = new StringContent("""{"email":"media@example.com","name":"Media"}""");
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await client.PostAsync("/api/customers", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task A_merge_patch_in_another_media_type_is_a_415(string contentType)
    {
        using var client = host.CreateClient();
        var customer = await (await client.PostAsJsonAsync("/api/customers", new { email = $"media-{Guid.NewGuid():N}@example.com", name = "Media" })).ReadCreatedAsync();
        var response = await client.PatchAsync($"/api/customers/{customer.GetProperty("id")}", new StringContent("""{"name":"X"}""", Encoding.UTF8, contentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"The problem does not name '{field}': {text}");
        Assert.Contains(message, messages[0].GetString());
    }
}
