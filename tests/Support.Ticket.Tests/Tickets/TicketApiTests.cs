using System.Net;
using System.Net.Http.Json;
using Support.Hosting.Http;
using Support.Ticket.Customers;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Tickets;

[Collection(TicketAppCollection.Name)]
public class TicketApiTests(TicketApp app)
{
    private readonly HttpClient client = app.Client();

    [Fact]
    public async Task Creating_a_ticket_returns_201_with_its_location_and_a_new_ticket()
    {
        var email = Api.NewEmail();
        var response = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Refund for order 1042",
            description = "I was charged twice.",
            requester = new { email, name = "Ann" },
            priority = "high",
            type = "incident",
            channel = "email",
            tags = new[] { "Billing", "refund", "billing" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadAsync<TicketResponse>();
        Assert.Equal($"/api/tickets/{ticket.Id}", response.Headers.Location?.ToString());
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Equal(TicketPriority.High, ticket.Priority);
        Assert.Equal(TicketType.Incident, ticket.Type);
        Assert.Equal(TicketChannel.Email, ticket.Channel);
        Assert.Equal(["billing", "refund"], ticket.Tags);
        Assert.Equal(ticket.CreatedAt, ticket.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, ticket.CreatedAt.Offset);

        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"new\"", json);
        Assert.Contains("\"requesterId\":", json);

        var customer = await client.GetCustomerAsync(ticket.RequesterId);
        Assert.Equal(email, customer.Email);
        Assert.Equal("Ann", customer.Name);
    }

    [Fact]
    public async Task A_known_requester_email_is_reused_whatever_its_case()
    {
        var email = Api.NewEmail();
        var first = await client.CreateTicketAsync(email);
        var second = await client.CreateTicketAsync(email.ToUpperInvariant());
        Assert.Equal(first.RequesterId, second.RequesterId);
    }

    [Fact]
    public async Task A_new_requester_whose_domain_belongs_to_an_organization_joins_it()
    {
        var domain = $"acme-{Guid.NewGuid():N}.com";
        var created = await client.PostAsJsonAsync("/api/organizations", new { name = $"Acme {domain}", domains = new[] { domain }, notes = "Key account" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organizationId = (await created.ReadAsync<Organizations.OrganizationResponse>()).Id;

        var ticket = await client.CreateTicketAsync(Api.NewEmail(domain));

        Assert.Equal(organizationId, ticket.OrganizationId);
        Assert.Equal(organizationId, (await client.GetCustomerAsync(ticket.RequesterId)).OrganizationId);
    }

    [Fact]
    public async Task Concurrent_first_tickets_of_one_new_requester_create_one_customer()
    {
        var email = Api.NewEmail();
        var tickets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.CreateTicketAsync(email)));
        Assert.Single(tickets.Select(t => t.RequesterId).Distinct());
    }

    [Fact]
    public async Task Reading_a_ticket_gives_an_etag_and_an_unknown_id_gives_a_404_problem()
    {
        var ticket = await client.CreateTicketAsync();
        var response = await client.GetAsync($"/api/tickets/{ticket.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"0\"", response.Headers.ETag?.Tag);

        var missing = await client.GetAsync("/api/tickets/999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("999999999", (await missing.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Patching_changes_the_fields_audits_each_change_and_bumps_the_etag()
    {
        var ticket = await client.CreateTicketAsync();
        var response = await client.PatchAsync($"/api/tickets/{ticket.Id}",
            new { priority = "urgent", type = "problem", assigneeId = 7, groupId = 2, tags = new[] { "vip" }, subject = "Login broken", category = "account" },
            ifMatch: "\"0\"", actor: "agent:7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var updated = await response.ReadAsync<TicketResponse>();
        Assert.Equal(TicketPriority.Urgent, updated.Priority);
        Assert.Equal(TicketType.Problem, updated.Type);
        Assert.Equal(7, updated.AssigneeId);
        Assert.Equal(2, updated.GroupId);
        Assert.Equal(["vip"], updated.Tags);
        Assert.Equal("Login broken", updated.Subject);
        Assert.Equal("account", updated.Category);
        Assert.Equal(TicketStatus.Open, updated.Status); // assigning a new ticket opens it
        Assert.True(updated.UpdatedAt > ticket.UpdatedAt);

        var audit = (await client.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/tickets/{ticket.Id}/audit", TicketApp.Json))!.Items;
        Assert.Equal("created", audit[0].NewValue);
        var priority = Assert.Single(audit, a => a.Field == "priority");
        Assert.Equal(("normal", "urgent"), (priority.OldValue, priority.NewValue));
        Assert.Equal(("agent", "7"), (priority.Actor.Type, priority.Actor.Id));
        Assert.Contains(audit, a => a.Field == "status" && a.OldValue == "new" && a.NewValue == "open");
        Assert.Contains(audit, a => a.Field == "assigneeId" && a.NewValue == "7");

        var cleared = await client.PatchTicketAsync(ticket.Id, new { assigneeId = (int?)null, type = (string?)null });
        Assert.Null(cleared.AssigneeId);
        Assert.Null(cleared.Type);
        Assert.Equal(2, cleared.GroupId);
    }

    [Fact]
    public async Task A_priority_is_marked_as_given_when_the_request_or_a_patch_sets_it()
    {
        Task<long> PriorityGiven(int id) => app.CountRowsAsync($"tickets WHERE \"Id\" = {id} AND \"PriorityGiven\"");
        var given = await client.CreateTicketAsync(priority: "low");
        var ticket = await client.CreateTicketAsync();
        Assert.Equal((1, 0), (await PriorityGiven(given.Id), await PriorityGiven(ticket.Id)));

        await client.PatchTicketAsync(ticket.Id, new { category = "account", priority = "normal" });
        Assert.Equal(0, await PriorityGiven(ticket.Id)); // the priority did not change: nobody chose another
        await client.PatchTicketAsync(ticket.Id, new { priority = "high" });
        Assert.Equal(1, await PriorityGiven(ticket.Id));
    }

    [Fact]
    public async Task A_stale_if_match_gets_412_and_changes_nothing()
    {
        var ticket = await client.CreateTicketAsync();
        await client.PatchTicketAsync(ticket.Id, new { priority = "low" });

        var stale = await client.PatchAsync($"/api/tickets/{ticket.Id}", new { priority = "urgent" }, ifMatch: "\"0\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await stale.ProblemAsync();
        var current = await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json);
        Assert.Equal(TicketPriority.Low, current!.Priority);
    }

    [Fact]
    public async Task Of_two_writers_with_the_same_etag_exactly_one_wins()
    {
        var ticket = await client.CreateTicketAsync();
        var results = await Task.WhenAll(
            client.PatchAsync($"/api/tickets/{ticket.Id}", new { priority = "high" }, ifMatch: "\"0\""),
            client.PatchAsync($"/api/tickets/{ticket.Id}", new { priority = "low" }, ifMatch: "\"0\""));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task Solving_and_reopening_counts_reopens_and_closing_is_final()
    {
        var ticket = await client.CreateTicketAsync();
        var solved = await client.PatchTicketAsync(ticket.Id, new { status = "solved" });
        Assert.NotNull(solved.SolvedAt);

        var reopened = await client.PatchTicketAsync(ticket.Id, new { status = "open" });
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Null(reopened.SolvedAt);

        var notFromOpen = await client.PatchAsync($"/api/tickets/{ticket.Id}", new { status = "closed" });
        Assert.Equal(HttpStatusCode.BadRequest, notFromOpen.StatusCode);
        Assert.Equal(["status"], await notFromOpen.ProblemFieldsAsync());

        await client.PatchTicketAsync(ticket.Id, new { status = "solved" });
        var closed = await client.PatchTicketAsync(ticket.Id, new { status = "closed" });
        Assert.Equal(TicketStatus.Closed, closed.Status);

        var afterClose = await client.PatchAsync($"/api/tickets/{ticket.Id}", new { status = "open" });
        Assert.Equal(HttpStatusCode.Conflict, afterClose.StatusCode);
        var comment = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "hello?", @public = true, author = new { type = "customer" } });
        Assert.Equal(HttpStatusCode.Conflict, comment.StatusCode);
    }

    [Fact]
    public async Task The_first_public_agent_comment_stamps_first_reply_and_internal_notes_stay_internal()
    {
        var ticket = await client.CreateTicketAsync();
        var note = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "Customer is on the legacy plan", @public = false, author = new { type = "agent", id = "7" } });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Null((await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json))!.FirstReplyAt);

        var reply = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "Please reset your password here.", @public = true, author = new { type = "agent", id = "7" } });
        var replyComment = await reply.ReadAsync<CommentResponse>();
        var afterReply = (await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json))!;
        Assert.Equal(replyComment.CreatedAt, afterReply.FirstReplyAt);
        Assert.Equal(TicketStatus.Open, afterReply.Status);

        await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/comments", new { body = "Second reply", @public = true, author = new { type = "agent", id = "8" } });
        Assert.Equal(afterReply.FirstReplyAt, (await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json))!.FirstReplyAt);

        var all = (await client.GetFromJsonAsync<Page<CommentResponse>>($"/api/tickets/{ticket.Id}/comments", TicketApp.Json))!.Items;
        Assert.Equal(3, all.Count);
        Assert.Equal(new CommentAuthor(AuthorType.Agent, "7"), all[0].Author);

        var customerView = (await client.GetFromJsonAsync<CustomerTicketView>($"/api/customers/{ticket.RequesterId}/tickets/{ticket.Id}", TicketApp.Json))!;
        Assert.Equal(2, customerView.Comments.Count);
        Assert.All(customerView.Comments, c => Assert.True(c.Public));
        Assert.DoesNotContain(customerView.Comments, c => c.Body.Contains("legacy plan"));

        var firstPage = (await client.GetFromJsonAsync<Page<CommentResponse>>($"/api/tickets/{ticket.Id}/comments?limit=2", TicketApp.Json))!;
        var secondPage = (await client.GetFromJsonAsync<Page<CommentResponse>>($"/api/tickets/{ticket.Id}/comments?limit=2&cursor={firstPage.NextCursor}", TicketApp.Json))!;
        Assert.Equal(all.Select(c => c.Id), firstPage.Items.Concat(secondPage.Items).Select(c => c.Id));
        Assert.Null(secondPage.NextCursor);

        var publicOnly = (await client.GetFromJsonAsync<Page<CommentResponse>>($"/api/tickets/{ticket.Id}/comments?public=true", TicketApp.Json))!.Items;
        Assert.Equal(2, publicOnly.Count);

        var otherCustomer = await client.GetAsync($"/api/customers/{ticket.RequesterId + 100000}/tickets/{ticket.Id}");
        Assert.Equal(HttpStatusCode.NotFound, otherCustomer.StatusCode);
    }

    [Fact]
    public async Task Satisfaction_is_rated_only_once_solved_and_can_change_until_closed()
    {
        var ticket = await client.CreateTicketAsync();
        var early = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/satisfaction", new { score = "good" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await client.PatchTicketAsync(ticket.Id, new { status = "solved" });
        var rated = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/satisfaction", new { score = "bad", comment = "Slow" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(SatisfactionScore.Bad, (await rated.ReadAsync<TicketResponse>()).Satisfaction!.Score);

        var changed = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/satisfaction", new { score = "good" });
        Assert.Equal(SatisfactionScore.Good, (await changed.ReadAsync<TicketResponse>()).Satisfaction!.Score);

        await client.PatchTicketAsync(ticket.Id, new { status = "closed" });
        var afterClose = await client.PostAsJsonAsync($"/api/tickets/{ticket.Id}/satisfaction", new { score = "bad" });
        Assert.Equal(HttpStatusCode.Conflict, afterClose.StatusCode);
    }

    [Fact]
    public async Task Listing_filters_by_every_criterion()
    {
        var tag = $"f{Guid.NewGuid():N}"[..20];
        var email = Api.NewEmail();
        var a = await client.CreateTicketAsync(email, subject: "Printer on fire", priority: "urgent", tags: [tag]);
        var b = await client.CreateTicketAsync(subject: "Invoice question", priority: "low", tags: [tag]);
        await client.PatchTicketAsync(b.Id, new { status = "pending", assigneeId = 42 });

        async Task<int[]> Ids(string query) =>
            (await client.GetFromJsonAsync<Page<TicketResponse>>($"/api/tickets?tag={tag}&{query}", TicketApp.Json))!.Items.Select(t => t.Id).ToArray();

        Assert.Equal([b.Id, a.Id], await Ids(""));
        Assert.Equal([a.Id], await Ids("status=new"));
        Assert.Equal([b.Id, a.Id], await Ids("status=new,pending"));
        Assert.Equal([a.Id], await Ids("priority=urgent"));
        Assert.Equal([b.Id], await Ids("assigneeId=42"));
        Assert.Equal([a.Id], await Ids($"requesterId={a.RequesterId}"));
        Assert.Equal([a.Id], await Ids("q=FIRE"));
        Assert.Equal([b.Id], await Ids("q=invoice"));
        Assert.Equal([b.Id, a.Id], await Ids($"createdFrom={Uri.EscapeDataString(a.CreatedAt.ToString("O"))}"));
        Assert.Empty(await Ids($"createdTo={Uri.EscapeDataString(a.CreatedAt.ToString("O"))}"));
        Assert.Equal([b.Id], await Ids($"updatedFrom={Uri.EscapeDataString(b.CreatedAt.AddTicks(10).ToString("O"))}"));

        var history = (await client.GetFromJsonAsync<Page<TicketResponse>>($"/api/customers/{a.RequesterId}/tickets", TicketApp.Json))!.Items;
        Assert.Equal([a.Id], history.Select(t => t.Id));
    }

    [Fact]
    public async Task Cursor_pagination_neither_repeats_nor_skips_while_tickets_are_being_created()
    {
        var tag = $"p{Guid.NewGuid():N}"[..20];
        var existing = new List<int>();
        for (var i = 0; i < 30; i++)
            existing.Add((await client.CreateTicketAsync(tags: [tag])).Id);

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var created = 0;
            while (!stop.IsCancellationRequested && created < 40)
            {
                await client.CreateTicketAsync(tags: [tag]);
                created++;
            }
        });

        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<Page<TicketResponse>>($"/api/tickets?tag={tag}&limit=7" + (cursor is null ? "" : $"&cursor={cursor}"), TicketApp.Json))!;
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
            await Task.Delay(20);
        } while (cursor is not null);
        stop.Cancel();
        await writer;

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Empty(existing.Except(seen));
    }
}

[Collection(TicketAppCollection.Name)]
public class OpenApiTests(TicketApp app)
{
    [Theory]
    [InlineData("/api/tickets/{id}", "UpdateTicketRequest")]
    [InlineData("/api/customers/{id}", "UpdateCustomerRequest")]
    [InlineData("/api/organizations/{id}", "UpdateOrganizationRequest")]
    public async Task The_document_describes_each_patch_body_and_its_problems(string path, string schema)
    {
        var document = await app.Client().GetFromJsonAsync<System.Text.Json.JsonElement>("/swagger/v1/swagger.json");
        var patch = document.GetProperty("paths").GetProperty(path).GetProperty("patch");
        var body = patch.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal($"#/components/schemas/{schema}", body.GetProperty("$ref").GetString());
        Assert.True(patch.GetProperty("responses").TryGetProperty("412", out _));
    }
}
