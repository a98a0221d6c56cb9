using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Support.Hosting.Idempotency;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Idempotency;

/// <summary>
/// A create that is only slow keeps its Idempotency-Key past the lease, because its service renews it: a retry is told
/// "still in progress" and later gets the first answer. (Under the fault suite's load a slow create was taken for dead
/// and its retry told "answer lost".)
/// </summary>
public sealed class LeaseRenewalTests : IAsyncLifetime
{
    private readonly ShortLeaseTicketApp app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_create_slower_than_the_lease_keeps_its_key_and_its_retries_get_its_answer()
    {
        var client = app.Client();
        var subject = $"Slower than the lease {Guid.NewGuid():N}";
        var key = $"key-{Guid.NewGuid():N}";
        var body = new { subject, description = "Slow, not dead.", requester = new { email = Api.NewEmail() } };
        HttpRequestMessage Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
            request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
            return request;
        }

        Task<HttpResponseMessage> pending;
        HttpResponseMessage during;
        await using (await CustomerTableLock.TakeAsync(app.ConnectionString))
        {
            pending = client.SendAsync(Post());
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!await CustomerTableLock.SomeoneWaitsAsync(app.ConnectionString))
            {
                Assert.True(DateTime.UtcNow < deadline, "The create did not start waiting for the customers table.");
                await Task.Delay(20);
            }
            await Task.Delay(ShortLeaseTicketApp.Lease * 3); // three leases: taken for dead by now unless renewed
            during = await client.SendAsync(Post());
            Assert.False(pending.IsCompleted, "The held create finished while the customers table was locked.");
        }
        var first = await pending;

        Assert.Equal(HttpStatusCode.Conflict, during.StatusCode);
        Assert.Contains("still in progress", await during.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var after = await client.SendAsync(Post());
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.True(after.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(first.Headers.Location, after.Headers.Location);
        Assert.Equal(1, await app.CountAsync($"tickets WHERE \"Subject\" = '{subject}'"));
    }

    private sealed class ShortLeaseTicketApp() : ServiceApp<Program>("Ticket")
    {
        public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

        protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Idempotency:Lease", Lease.ToString());
    }
}
