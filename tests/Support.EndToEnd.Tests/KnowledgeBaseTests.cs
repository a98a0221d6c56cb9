using System.Net;
using System.Net.Http.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// The knowledge base across services, through the gateway: an article published there is suggested on a ticket
/// created in the Ticket service (TicketCreated → KnowledgeBase → ArticlesSuggested → Ticket).
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class KnowledgeBaseTests(Topology topology)
{
    [Fact]
    public async Task A_ticket_created_through_the_gateway_shows_the_articles_suggested_for_it()
    {
        using var client = topology.Client();
        var article = await (await client.PostAsJsonAsync("/api/kb/articles", new
        {
            title = "Export your orders to a spreadsheet",
            body = "Open **Orders**, choose *Export*, and download the spreadsheet of every order in the period.",
            locale = "en", status = "published", tags = new[] { "orders", "export" },
        })).JsonAsync(HttpStatusCode.Created);
        var articleId = article.GetProperty("id").GetInt32();
        var search = await (await client.GetAsync("/api/kb/search?q=export%20orders&locale=en")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(articleId, search.GetProperty("items")[0].GetProperty("id").GetInt32());

        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "How do I export my orders?",
            description = "I need a spreadsheet of last month's orders for my accountant.",
            requester = new { email = "otto@example.com", name = "Otto Orders" },
        });
        var ticketId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var ticket = await Eventually.ReadUntilAsync(
            async () => await (await client.GetAsync($"/api/tickets/{ticketId}")).JsonAsync(HttpStatusCode.OK),
            t => t.GetProperty("suggestedArticles").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30),
            $"ticket {ticketId} to show article {articleId} as a suggestion");
        var suggestion = ticket.GetProperty("suggestedArticles")[0];
        Assert.Equal(articleId, suggestion.GetProperty("articleId").GetInt32());
        Assert.Equal("Export your orders to a spreadsheet", suggestion.Text("title"));
        Assert.InRange(suggestion.GetProperty("confidence").GetDouble(), 0.3, 1.0);
    }
}
