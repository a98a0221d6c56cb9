using System.Net;
using System.Net.Http.Json;
using Support.Hosting.Http;
using Support.Ticket.Customers;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Access;

/// <summary>A customer sees and touches only their own tickets and never an internal note, tried as customer B would.</summary>
[Collection(TicketAppCollection.Name)]
public class CustomerAccessTests(TicketApp app)
{
    private readonly HttpClient integration = app.Client();

    private async Task<(HttpClient Client, int CustomerId, TicketResponse Ticket)> CustomerWithTicketAsync()
    {
        var email = Api.NewEmail();
        var first = await integration.CreateTicketAsync(email);
        var client = app.ClientWithToken(TestTokens.Keys.ForCustomer(first.RequesterId, email));
        return (client, first.RequesterId, first);
    }

    [Fact]
    public async Task A_customer_opens_tickets_as_their_own_requester_whatever_the_body_says()
    {
        var (ann, annId, _) = await CustomerWithTicketAsync();

        var response = await ann.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Printer on fire", description = "Really.", requester = new { email = Api.NewEmail(), name = "Someone Else" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(annId, (await response.ReadAsync<TicketResponse>()).RequesterId);
    }

    [Fact]
    public async Task A_customer_reads_their_tickets_with_public_comments_only_and_nobody_elses()
    {
        var (ann, annId, annTicket) = await CustomerWithTicketAsync();
        var (bob, bobId, _) = await CustomerWithTicketAsync();
        await app.Client("agent:7").PostAsJsonAsync($"/api/tickets/{annTicket.Id}/comments", new { body = "Internal: VIP, refund quietly", @public = false });
        await app.Client("agent:7").PostAsJsonAsync($"/api/tickets/{annTicket.Id}/comments", new { body = "We are on it", @public = true });

        var view = await (await ann.GetAsync($"/api/customers/{annId}/tickets/{annTicket.Id}")).ReadAsync<CustomerTicketView>();
        Assert.Equal(["We are on it"], view.Comments.Select(c => c.Body));
        var list = await ann.GetFromJsonAsync<Page<TicketResponse>>($"/api/customers/{annId}/tickets", TicketApp.Json);
        Assert.All(list!.Items, t => Assert.Equal(annId, t.RequesterId));

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/customers/{annId}/tickets/{annTicket.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/customers/{annId}/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/customers/{bobId}/tickets/{annTicket.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync($"/api/tickets/{annTicket.Id}/comments", new { body = "me too" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync($"/api/tickets/{annTicket.Id}/satisfaction", new { score = "bad" })).StatusCode);
    }

    [Fact]
    public async Task Members_of_an_organization_that_shares_tickets_read_each_others_with_public_comments_only_and_nobody_else_does()
    {
        var domain = $"shared-{Guid.NewGuid():N}.io";
        var organization = await (await integration.PostAsJsonAsync("/api/organizations", new { name = $"Acme {domain}", domains = new[] { domain } }))
            .ReadAsync<Support.Ticket.Organizations.OrganizationResponse>();
        var annEmail = $"ann@{domain}";
        var annTicket = await integration.CreateTicketAsync(annEmail);
        var bobTicket = await integration.CreateTicketAsync($"bob@{domain}");
        var ann = app.ClientWithToken(TestTokens.Keys.ForCustomer(annTicket.RequesterId, annEmail));
        var (outsider, _, _) = await CustomerWithTicketAsync();
        await app.Client("agent:7").PostAsJsonAsync($"/api/tickets/{bobTicket.Id}/comments", new { body = "Internal: Bob is a VIP", @public = false });
        await app.Client("agent:7").PostAsJsonAsync($"/api/tickets/{bobTicket.Id}/comments", new { body = "Replaced your router", @public = true });
        var tickets = $"/api/organizations/{organization.Id}/tickets";

        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync(tickets)).StatusCode); // not shared yet
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync($"{tickets}/{bobTicket.Id}")).StatusCode);
        var shared = await integration.PatchAsync($"/api/organizations/{organization.Id}", new { sharesTickets = true });
        Assert.True((await shared.ReadAsync<Support.Ticket.Organizations.OrganizationResponse>()).SharesTickets);

        var list = await ann.GetFromJsonAsync<Page<TicketResponse>>(tickets, TicketApp.Json);
        Assert.Equal([bobTicket.Id, annTicket.Id], list!.Items.Select(t => t.Id));
        var view = await (await ann.GetAsync($"{tickets}/{bobTicket.Id}")).ReadAsync<CustomerTicketView>();
        Assert.Equal(["Replaced your router"], view.Comments.Select(c => c.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(tickets)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{tickets}/{bobTicket.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.GetAsync($"/api/tickets/{bobTicket.Id}/comments")).StatusCode); // staff routes stay closed
        Assert.Equal(2, (await app.Client("agent:7").GetFromJsonAsync<Page<TicketResponse>>(tickets, TicketApp.Json))!.Items.Count);
    }

    [Theory]
    [InlineData("GET", "/api/tickets")]
    [InlineData("GET", "/api/tickets/{ticket}")]
    [InlineData("GET", "/api/tickets/{ticket}/comments")]
    [InlineData("GET", "/api/tickets/{ticket}/audit")]
    [InlineData("PATCH", "/api/tickets/{ticket}")]
    [InlineData("GET", "/api/customers")]
    [InlineData("GET", "/api/customers/{customer}")]
    [InlineData("GET", "/api/organizations")]
    public async Task A_customer_is_forbidden_the_agents_routes_even_for_their_own_ticket(string method, string route)
    {
        var (ann, annId, annTicket) = await CustomerWithTicketAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{ticket}", $"{annTicket.Id}").Replace("{customer}", $"{annId}"));
        if (method == "PATCH")
            request.Content = JsonContent.Create(new { priority = "urgent" });

        Assert.Equal(HttpStatusCode.Forbidden, (await ann.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_customer_comments_publicly_as_themselves_and_cannot_write_an_internal_note()
    {
        var (ann, annId, annTicket) = await CustomerWithTicketAsync();

        var note = await ann.PostAsJsonAsync($"/api/tickets/{annTicket.Id}/comments", new { body = "secret", @public = false });
        Assert.Equal(HttpStatusCode.BadRequest, note.StatusCode);
        Assert.Contains("public", await note.ProblemFieldsAsync());
        var reply = await ann.PostAsJsonAsync($"/api/tickets/{annTicket.Id}/comments", new { body = "Still broken", author = new { type = "agent", id = "1" } });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var comment = await reply.ReadAsync<CommentResponse>();
        Assert.Equal((true, AuthorType.Customer, annId.ToString()), (comment.Public, comment.Author.Type, comment.Author.Id));
    }

    [Fact]
    public async Task A_forged_X_Actor_is_ignored_the_audit_names_the_token_holder()
    {
        var ticket = await integration.CreateTicketAsync();
        var agent = app.Client("agent:7");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/tickets/{ticket.Id}") { Content = JsonContent.Create(new { priority = "low" }) };
        request.Headers.Add("X-Actor", "customer:1");

        Assert.Equal(HttpStatusCode.OK, (await agent.SendAsync(request)).StatusCode);
        var audit = await agent.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/tickets/{ticket.Id}/audit", TicketApp.Json);
        var change = Assert.Single(audit!.Items, a => a.Field == "priority");
        Assert.Equal(("agent", "7"), (change.Actor.Type, change.Actor.Id));
    }
}
