using System.Net.Http.Json;
using Support.Contracts.Channels;
using Support.Contracts.Tickets;
using Support.Hosting.Http;
using Support.Ticket.Tests.Infrastructure;
using Support.Ticket.Tickets;

namespace Support.Ticket.Tests.Messaging;

/// <summary>Email Channels accepted becomes a ticket, or a public comment of its sender that reopens a solved ticket.</summary>
[Collection(TicketAppCollection.Name)]
public sealed class EmailReceivedTests(TicketApp app) : IAsyncLifetime
{
    private readonly HttpClient client = app.Client();
    private EventListener events = null!;

    public async Task InitializeAsync() =>
        events = await EventListener.StartAsync(app.RabbitMqUri);

    public async Task DisposeAsync() => await events.DisposeAsync();

    [Fact]
    public async Task A_new_email_opens_a_ticket_on_the_email_channel_with_its_sender_as_requester()
    {
        var sender = Api.NewEmail("example.cn");
        var email = new EmailReceived(Guid.NewGuid(), null, sender, "张伟", "发票金额错误", "我上个月的发票金额不对。",
            [new EmailAttachment("发票.pdf", "application/pdf", 12_345)], DateTimeOffset.UtcNow);

        var messageId = Guid.NewGuid();
        await events.PublishAsync(email, messageId);
        await events.PublishAsync(email, messageId); // a relay that published it twice

        var applied = (await events.WaitForAsync<InboundEmailApplied>(a => a.EmailId == email.EmailId)).First();
        Assert.Null(applied.CommentId);
        var ticket = await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{applied.TicketId}", TicketApp.Json);
        Assert.Equal(("发票金额错误", TicketChannel.Email), (ticket!.Subject, ticket.Channel));
        Assert.Equal("我上个月的发票金额不对。\n\nAttachments:\n- 发票.pdf (application/pdf, 12,345 bytes)", ticket.Description);
        var created = events.All<TicketCreated>(t => t.TicketId == applied.TicketId).Single();
        Assert.Equal((sender, "张伟", "email"), (created.RequesterEmail, created.RequesterName, created.Channel));
    }

    [Fact]
    public async Task A_reply_to_a_solved_ticket_is_the_senders_public_comment_and_reopens_it()
    {
        var requester = Api.NewEmail();
        var ticket = await client.CreateTicketAsync(requester);
        (await client.PatchAsync($"/api/tickets/{ticket.Id}", new { status = "solved" }, actor: "agent:5")).EnsureSuccessStatusCode();
        var reply = new EmailReceived(Guid.NewGuid(), ticket.Id, requester, "Ann Example", "Re: Cannot log in", "Still broken.", [], DateTimeOffset.UtcNow);

        await events.PublishAsync(reply, Guid.NewGuid());

        var applied = (await events.WaitForAsync<InboundEmailApplied>(a => a.EmailId == reply.EmailId)).Single();
        Assert.Equal(ticket.Id, applied.TicketId);
        var comment = events.All<TicketCommentAdded>(c => c.TicketId == ticket.Id).Single();
        Assert.Equal((applied.CommentId, "Still broken.", true, "customer", ticket.RequesterId.ToString()),
            (comment.CommentId, comment.Body, comment.Public, comment.Author.Type, comment.Author.Id));
        var reopened = await client.GetFromJsonAsync<TicketResponse>($"/api/tickets/{ticket.Id}", TicketApp.Json);
        Assert.Equal(TicketStatus.Open, reopened!.Status);
    }

    [Fact]
    public async Task A_reply_to_a_closed_ticket_opens_a_new_one()
    {
        var requester = Api.NewEmail();
        var ticket = await client.CreateTicketAsync(requester);
        (await client.PatchAsync($"/api/tickets/{ticket.Id}", new { status = "solved" }, actor: "agent:5")).EnsureSuccessStatusCode();
        (await client.PatchAsync($"/api/tickets/{ticket.Id}", new { status = "closed" }, actor: "agent:5")).EnsureSuccessStatusCode();
        var reply = new EmailReceived(Guid.NewGuid(), ticket.Id, requester, "", "Re: Cannot log in", "Again!", [], DateTimeOffset.UtcNow);

        await events.PublishAsync(reply, Guid.NewGuid());

        var applied = (await events.WaitForAsync<InboundEmailApplied>(a => a.EmailId == reply.EmailId)).Single();
        Assert.NotEqual(ticket.Id, applied.TicketId);
        Assert.Null(applied.CommentId);
    }
}
