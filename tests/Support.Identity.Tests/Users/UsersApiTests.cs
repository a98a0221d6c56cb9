using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Support.Contracts.Customers;
using Support.Hosting.Http;
using Support.Identity.Tests.Infrastructure;
using Support.Identity.Users;

namespace Support.Identity.Tests.Users;

[Collection(IdentityAppCollection.Name)]
public sealed class UsersApiTests(DefaultIdentityApp app)
{
    [Fact]
    public async Task Bad_fields_are_400s_naming_them_and_write_nothing()
    {
        var admin = await app.AdminAsync();
        var before = await app.CountAsync("users");
        var response = await admin.PostAsJsonAsync("/api/identity/users", new { email = "not-an-email", password = "short", name = "", role = "boss", agentId = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["agentId", "email", "name", "password", "role"], (await response.ProblemFieldsAsync()).Order());

        var missing = await admin.PostAsJsonAsync("/api/identity/users", new { email = Auth.NewEmail(), name = "Bo", role = "agent" });
        Assert.Equal(["password"], await missing.ProblemFieldsAsync());
        var unreadable = await admin.PostAsync("/api/identity/users", new StringContent("{\"email\": 5", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(before, await app.CountAsync("users"));
    }

    [Fact]
    public async Task A_taken_email_is_a_409_whatever_its_case()
    {
        var admin = await app.AdminAsync();
        var user = await admin.CreateUserAsync();
        var again = await admin.PostAsJsonAsync("/api/identity/users", new { email = user.Email.ToUpperInvariant(), password = Auth.Password, name = "Bo", role = "agent" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Users_are_listed_by_role_and_text_and_patched_with_if_match()
    {
        var admin = await app.AdminAsync();
        var user = await admin.CreateUserAsync(role: "customer");

        var page = await admin.GetFromJsonAsync<Page<UserResponse>>($"/api/identity/users?role=customer&q={user.Email}", IdentityApp.Json);
        Assert.Equal(user.Id, Assert.Single(page!.Items).Id);
        Assert.Equal(["role"], await (await admin.GetAsync("/api/identity/users?role=boss")).ProblemFieldsAsync());

        var get = await admin.GetAsync($"/api/identity/users/{user.Id}");
        var etag = get.Headers.ETag!.Tag;
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/identity/users/{user.Id}") { Content = JsonContent.Create(new { role = "agent", agentId = 4, name = "Ann Agent" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        var patched = await admin.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var changed = await patched.ReadAsync<UserResponse>();
        Assert.Equal(("agent", 4, "Ann Agent"), (changed.Role, changed.AgentId, changed.Name));

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/identity/users/{user.Id}") { Content = JsonContent.Create(new { name = "Late" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale)).StatusCode);
        Assert.Equal(["role"], await (await admin.PatchAsync($"/api/identity/users/{user.Id}", JsonContent.Create(new { role = "root" }))).ProblemFieldsAsync());
        Assert.Equal(["email"], await (await admin.PatchAsync($"/api/identity/users/{user.Id}", JsonContent.Create(new { email = "x@y.z" }))).ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/identity/users/999999")).StatusCode);
        Assert.Equal(["password"], await (await admin.PostAsJsonAsync($"/api/identity/users/{user.Id}/password", new { password = "short" })).ProblemFieldsAsync());
    }

    [Fact]
    public async Task Creating_and_changing_users_queue_their_events()
    {
        var admin = await app.AdminAsync();
        var user = await admin.CreateUserAsync();
        await admin.PatchAsync($"/api/identity/users/{user.Id}", JsonContent.Create(new { name = "Renamed" }));
        Assert.Equal(1, await app.CountAsync($"outbox_messages WHERE \"Aggregate\" = 'user/{user.Id}' AND \"MessageType\" LIKE '%UserCreated%'"));
        Assert.Equal(1, await app.CountAsync($"outbox_messages WHERE \"Aggregate\" = 'user/{user.Id}' AND \"MessageType\" LIKE '%UserUpdated%'"));
    }

    [Fact]
    public async Task CustomerCreated_links_the_customer_user_with_that_email()
    {
        var admin = await app.AdminAsync();
        var user = await admin.CreateUserAsync(role: "customer");
        var bus = app.Services.GetRequiredService<IBus>();
        await bus.Publish(new CustomerCreated(321, user.Email.ToUpperInvariant(), "Ann", null, DateTimeOffset.UtcNow));

        UserResponse? linked = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && linked?.CustomerId is null; await Task.Delay(200))
            linked = await admin.GetFromJsonAsync<UserResponse>($"/api/identity/users/{user.Id}", IdentityApp.Json);
        Assert.Equal(321, linked!.CustomerId);

        var claims = Auth.Payload(await app.CreateClient().AccessTokenAsync(user.Email, Auth.Password));
        Assert.Equal("321", claims.GetProperty("customer_id").ToString());
    }
}
