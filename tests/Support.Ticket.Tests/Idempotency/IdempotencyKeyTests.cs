using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Support.Contracts.Tickets;
using Support.Hosting.Idempotency;
using Support.Ticket.Data;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Idempotency;

/// <summary>Idempotency-Key on the Ticket service's creates: retries that cannot duplicate, on PostgreSQL and RabbitMQ.</summary>
[Collection(TicketAppCollection.Name)]
public class IdempotencyKeyTests(TicketApp app) : IAsyncLifetime
{
    private readonly HttpClient client = app.Client();
    private EventListener events = null!;

    public async Task InitializeAsync() => events = await EventListener.StartAsync(app.RabbitMqUri);

    public async Task DisposeAsync() => await events.DisposeAsync();

    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    private static object NewTicket(string subject) =>
        new { subject, description = "The export button does nothing.", requester = new { email = Api.NewEmail(), name = "Ann Example" } };

    private Task<HttpResponseMessage> PostAsync(string url, object body, string? key, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.HeaderName, key);
        return client.SendAsync(request, cancellationToken);
    }

    private Task<long> TicketsWithSubjectAsync(string subject) => app.CountRowsAsync($"tickets WHERE \"Subject\" = '{subject}'");

    private Task<long> KeyRowsAsync(string key) => app.CountRowsAsync($"idempotency_keys WHERE \"Key\" = '{key}'");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Creates with a trigger that fails the statement matching <paramref name="condition"/>, dropped afterwards.</summary>
    private async Task<HttpResponseMessage> PostFailingAsync(string when, string condition, object body, string key)
    {
        var trigger = $"fail_{Guid.NewGuid():N}";
        var table = when[(when.LastIndexOf(' ') + 1)..];
        await ExecuteAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF {condition} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {trigger} {when} FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """);
        try
        {
            return await PostAsync("/api/tickets", body, key);
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER {trigger} ON {table}; DROP FUNCTION {trigger}();");
        }
    }

    private Task<CustomerTableLock> HoldCreatesAsync() => CustomerTableLock.TakeAsync(app.ConnectionString);

    private Task<bool> SomeoneWaitsForALockAsync() => CustomerTableLock.SomeoneWaitsAsync(app.ConnectionString);

    private static async Task ReleaseAsync(CustomerTableLock held) => await held.DisposeAsync();

    [Fact]
    public async Task A_repeat_returns_the_first_answer_and_creates_no_row_and_no_event()
    {
        var subject = $"Export broken {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);

        var first = await PostAsync("/api/tickets", body, key);
        var repeat = await PostAsync("/api/tickets", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, repeat.Content.Headers.ContentType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues(IdempotencyMiddleware.ReplayedHeaderName)));
        var ticket = await first.ReadAsync<TicketResponse>();
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
        Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.TicketId == ticket.Id));
    }

    [Fact]
    public async Task A_repeated_comment_is_added_once()
    {
        var ticket = await client.CreateTicketAsync();
        var key = NewKey();
        var comment = new { body = "Have you tried another browser?", @public = true, author = new { type = "agent", id = "7" } };

        var first = await PostAsync($"/api/tickets/{ticket.Id}/comments", comment, key);
        var repeat = await PostAsync($"/api/tickets/{ticket.Id}/comments", comment, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((first.StatusCode, first.Headers.Location, await first.Content.ReadAsStringAsync()),
            (repeat.StatusCode, repeat.Headers.Location, await repeat.Content.ReadAsStringAsync()));
        Assert.Equal(1, await app.CountRowsAsync($"ticket_comments WHERE \"TicketId\" = {ticket.Id}"));
        Assert.Single(await events.WaitForAsync<TicketCommentAdded>(e => e.TicketId == ticket.Id));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_naming_the_header_and_creates_nothing()
    {
        var subject = $"Invoice missing {Guid.NewGuid():N}";
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/tickets", NewTicket(subject), key)).StatusCode);

        var other = await PostAsync("/api/tickets", NewTicket(subject + " again"), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal([IdempotencyMiddleware.HeaderName], await other.ProblemFieldsAsync());
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
        Assert.Equal(0, await TicketsWithSubjectAsync(subject + " again"));
    }

    [Fact]
    public async Task Concurrent_duplicates_create_exactly_one_ticket()
    {
        var subject = $"Login loop {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostAsync("/api/tickets", body, key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        var ids = await Task.WhenAll(created.Select(async r => (await r.ReadAsync<TicketResponse>()).Id));
        Assert.Single(ids.Distinct());
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal([IdempotencyMiddleware.HeaderName], await conflict.ProblemFieldsAsync());
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
        Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.Subject == subject));

        var later = await PostAsync("/api/tickets", body, key); // once the first finished, every repeat gets its answer
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.Equal(ids[0], (await later.ReadAsync<TicketResponse>()).Id);
    }

    [Fact]
    public async Task A_repeat_while_the_first_is_in_flight_is_409_and_afterwards_gets_the_first_answer()
    {
        var subject = $"Slow create {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);
        var held = await HoldCreatesAsync();
        var first = PostAsync("/api/tickets", body, key);
        await WaitUntilAsync(SomeoneWaitsForALockAsync, "the first request waits for the customers table");

        var during = await PostAsync("/api/tickets", body, key);
        await ReleaseAsync(held);
        var firstAnswer = await first;
        var after = await PostAsync("/api/tickets", body, key);

        Assert.Equal(HttpStatusCode.Conflict, during.StatusCode);
        Assert.Equal([IdempotencyMiddleware.HeaderName], await during.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.Created, firstAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal(firstAnswer.Headers.Location, after.Headers.Location);
        Assert.Equal(await firstAnswer.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task A_first_attempt_that_failed_with_a_5xx_is_not_kept_and_a_retry_creates_the_ticket_once()
    {
        var subject = $"Failing once {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);
        var failed = await PostFailingAsync("BEFORE INSERT ON tickets", $"NEW.\"Subject\" = '{subject}'", body, key);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(0, await KeyRowsAsync(key));
        var retry = await PostAsync("/api/tickets", body, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
        Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.Subject == subject));
    }

    [Fact]
    public async Task A_create_whose_answer_cannot_be_stored_creates_nothing_so_its_retry_creates_the_ticket_once()
    {
        var subject = $"Answer not stored {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);
        // The ticket is written, then storing the answer fails: both are one transaction, so neither may remain.
        var failed = await PostFailingAsync("BEFORE UPDATE ON idempotency_keys", $"NEW.\"Key\" = '{key}' AND NEW.\"StatusCode\" IS NOT NULL", body, key);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(0, await TicketsWithSubjectAsync(subject));
        var retry = await PostAsync("/api/tickets", body, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
        Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.Subject == subject));
    }

    [Fact]
    public async Task A_create_whose_client_hung_up_runs_to_its_end_and_its_retry_gets_the_whole_first_answer()
    {
        var subject = $"Hung up {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);
        var held = await HoldCreatesAsync();
        using var hangUp = new CancellationTokenSource();
        var first = PostAsync("/api/tickets", body, key, hangUp.Token);
        await WaitUntilAsync(SomeoneWaitsForALockAsync, "the first request waits for the customers table");

        await hangUp.CancelAsync();
        await ReleaseAsync(held);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await WaitUntilAsync(async () => await KeyRowsAsync(key) == 1, "the first request keeps its answer");

        var retry = await PostAsync("/api/tickets", body, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        var ticket = await retry.ReadAsync<TicketResponse>();
        Assert.Equal(subject, ticket.Subject);
        Assert.Equal($"/api/tickets/{ticket.Id}", retry.Headers.Location?.OriginalString);
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
        Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.Subject == subject));
    }

    [Fact]
    public async Task A_retry_after_the_lease_replaces_an_owner_taken_for_dead_and_only_one_of_them_creates()
    {
        var subject = $"Taken over {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);
        var held = await HoldCreatesAsync();
        var owner = PostAsync("/api/tickets", body, key);
        await WaitUntilAsync(SomeoneWaitsForALockAsync, "the first request waits for the customers table");
        // The owner looks dead: its claim is older than the lease (1 minute by default).
        await ExecuteAsync($"UPDATE idempotency_keys SET \"LockedAt\" = now() - interval '2 minutes' WHERE \"Key\" = '{key}'");

        var retry = PostAsync("/api/tickets", body, key);
        await WaitUntilAsync(async () => await app.CountRowsAsync($"idempotency_keys WHERE \"Key\" = '{key}' AND \"LockedAt\" > now() - interval '1 minute'") == 1,
            "the retry takes the key over");
        await ReleaseAsync(held);
        var answers = await Task.WhenAll(owner, retry);

        Assert.Equal(HttpStatusCode.Conflict, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.Created, answers[1].StatusCode);
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
        Assert.Single(await events.WaitForAsync<TicketCreated>(e => e.Subject == subject));
        var repeat = await PostAsync("/api/tickets", body, key);
        Assert.Equal(answers[1].Headers.Location, repeat.Headers.Location);
    }

    [Fact]
    public async Task Keys_are_kept_apart_per_client_so_nobody_replays_another_clients_answer()
    {
        var key = NewKey();
        var body = NewTicket($"Per client {Guid.NewGuid():N}");
        var first = await PostAsync("/api/tickets", body, key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.HeaderName, key);

        var other = await app.Client("agent:7").SendAsync(request);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, other.StatusCode));
        Assert.False(other.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.NotEqual(first.Headers.Location, other.Headers.Location);
    }

    [Fact]
    public async Task Keys_are_kept_apart_per_path()
    {
        var key = NewKey();
        var first = await client.CreateTicketAsync();
        var second = await client.CreateTicketAsync();
        var comment = new { body = "Same words on two tickets", @public = false, author = new { type = "agent", id = "7" } };

        var onFirst = await PostAsync($"/api/tickets/{first.Id}/comments", comment, key);
        var onSecond = await PostAsync($"/api/tickets/{second.Id}/comments", comment, key);
        var customer = await PostAsync("/api/customers", new { email = Api.NewEmail(), name = "Bo Example" }, key);

        Assert.Equal(HttpStatusCode.Created, onFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Created, onSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Created, customer.StatusCode);
        Assert.False(onSecond.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal(1, await app.CountRowsAsync($"ticket_comments WHERE \"TicketId\" = {first.Id}"));
        Assert.Equal(1, await app.CountRowsAsync($"ticket_comments WHERE \"TicketId\" = {second.Id}"));
        Assert.Equal(3, await KeyRowsAsync(key));
    }

    [Fact]
    public async Task A_key_past_its_24_hours_is_forgotten_and_deleted_by_the_cleanup()
    {
        var subject = $"Expiring {Guid.NewGuid():N}";
        var key = NewKey();
        var body = NewTicket(subject);
        var first = await PostAsync("/api/tickets", body, key);
        var backdate = $"UPDATE idempotency_keys SET \"CreatedAt\" = now() - interval '25 hours' WHERE \"Key\" = '{key}'";
        await ExecuteAsync(backdate);

        var late = await PostAsync("/api/tickets", body, key);

        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.NotEqual(first.Headers.Location, late.Headers.Location);
        Assert.Equal(2, await TicketsWithSubjectAsync(subject));

        var fresh = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/tickets", NewTicket($"Fresh {Guid.NewGuid():N}"), fresh)).StatusCode);
        await ExecuteAsync(backdate);
        var cleanup = app.Services.GetRequiredService<IdempotencyKeyCleanup<TicketDbContext>>();
        Assert.True(await cleanup.DeleteExpiredAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await KeyRowsAsync(key));
        Assert.Equal(1, await KeyRowsAsync(fresh));
    }

    [Theory]
    [InlineData(256, "")]
    [InlineData(10, "\u0001")]
    [InlineData(10, "\t")]
    public async Task A_key_too_long_or_with_control_characters_is_400_naming_the_header(int length, string control)
    {
        var subject = $"Bad key {Guid.NewGuid():N}";
        var key = new string('k', length) + control;

        var response = await PostAsync("/api/tickets", NewTicket(subject), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([IdempotencyMiddleware.HeaderName], await response.ProblemFieldsAsync());
        Assert.Equal(0, await TicketsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task A_key_of_255_characters_is_accepted()
    {
        var response = await PostAsync("/api/tickets", NewTicket($"Long key {Guid.NewGuid():N}"), new string('k', 200) + Guid.NewGuid().ToString("N")[..23] + new string('z', 32));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_refused_request_keeps_no_answer_so_the_corrected_request_can_use_the_same_key()
    {
        var subject = $"Corrected {Guid.NewGuid():N}";
        var key = NewKey();

        var refused = await PostAsync("/api/tickets", new { subject, requester = new { email = Api.NewEmail() } }, key);
        var corrected = await PostAsync("/api/tickets", NewTicket(subject), key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(1, await TicketsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task Without_a_key_every_post_creates()
    {
        var subject = $"No key {Guid.NewGuid():N}";
        var body = NewTicket(subject);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/tickets", body, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("/api/tickets", body, key: null)).StatusCode);
        Assert.Equal(2, await TicketsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_header_on_every_post_and_only_there()
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var posts = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var headers = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
                    : [];
                var documented = headers.Contains(IdempotencyMiddleware.HeaderName);
                Assert.True(documented == (operation.Name == "post"), $"{operation.Name} {path.Name}: Idempotency-Key documented = {documented}");
                if (operation.Name == "post")
                {
                    posts++;
                    Assert.True(operation.Value.GetProperty("responses").TryGetProperty("422", out _), $"post {path.Name} documents 422");
                }
            }
        Assert.Equal(5, posts);
    }
}
