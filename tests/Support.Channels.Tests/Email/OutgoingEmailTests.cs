using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Support.Channels.Tests.Infrastructure;

namespace Support.Channels.Tests.Email;

[Collection(MailCollection.Name)]
public sealed class OutgoingEmailTests(MailChannelsApp app)
{
    [Fact]
    public async Task A_new_ticket_is_acknowledged_in_the_requesters_mailbox_with_the_tickets_reference_and_thread()
    {
        var requester = TicketEvents.NewAddress();
        var ticket = await TicketEvents.CreateAsync(app.Events, "Printer on fire", requester, "Alice <b>&</b> Co");

        var ack = await app.Mail.WaitForAsync(requester, _ => true);

        Assert.Equal($"[#{ticket.TicketId}] We received your request: Printer on fire", ack.Subject);
        Assert.Equal(MailServer.SupportAddress, ack.From.Mailboxes.Single().Address);
        Assert.Matches($"^ticket-{ticket.TicketId}-[0-9a-f]{{32}}@support.test$", ack.MessageId);
        Assert.Equal($"ticket-{ticket.TicketId}@support.test", ack.InReplyTo);
        Assert.Contains($"ticket-{ticket.TicketId}@support.test", ack.References);
        Assert.Equal("auto-generated", ack.Headers[HeaderId.AutoSubmitted]);
        // The requester's name is text in the HTML, never markup.
        Assert.Contains("Alice &lt;b&gt;&amp;&lt;/b&gt; Co", ack.HtmlBody);
        Assert.DoesNotContain("<b>&</b>", ack.HtmlBody);
        Assert.Contains("Alice <b>&</b> Co", ack.TextBody);
    }

    [Fact]
    public async Task An_agents_public_reply_reaches_the_requester_in_the_thread_and_an_internal_note_never_does()
    {
        var requester = TicketEvents.NewAddress();
        var ticket = await TicketEvents.CreateAsync(app.Events, "Cannot log in", requester);
        await app.Mail.WaitForAsync(requester, m => m.Subject?.Contains("We received") == true);
        var note = $"Internal: customer is on the legacy plan {Guid.NewGuid():N}";
        var reply = $"Please reset your password from the sign-in page. {Guid.NewGuid():N}";

        await TicketEvents.CommentAsync(app.Events, ticket.TicketId, note, isPublic: false);
        await TicketEvents.CommentAsync(app.Events, ticket.TicketId, reply, isPublic: true);
        await TicketEvents.CommentAsync(app.Events, ticket.TicketId, "The customer's own words", isPublic: true, new("customer", ticket.RequesterId.ToString()));

        var sent = await app.Mail.WaitForAsync(requester, m => m.TextBody?.Contains(reply) == true);
        Assert.Equal($"[#{ticket.TicketId}] Re: Cannot log in", sent.Subject);
        Assert.Equal($"ticket-{ticket.TicketId}@support.test", sent.InReplyTo);
        Assert.Null(sent.Headers[HeaderId.AutoSubmitted]); // a person wrote it: an auto-responder may answer
        var log = await app.Client("agent:7").GetFromJsonAsync<JsonElement[]>($"/api/channels/tickets/{ticket.TicketId}/messages", MailChannelsApp.Json);
        Assert.Equal(["ticket-created", "agent-reply"], log!.Select(m => m.GetProperty("template").GetString()));
        Assert.All(log!, m => Assert.Equal("sent", m.GetProperty("status").GetString()));
        var inbox = await app.Mail.InboxAsync(requester);
        Assert.Equal(2, inbox.Count);
        Assert.DoesNotContain(inbox, m => m.TextBody?.Contains(note) == true || m.HtmlBody?.Contains(note) == true);
    }

    [Fact]
    public async Task A_ticket_written_in_chinese_is_acknowledged_in_chinese()
    {
        var requester = TicketEvents.NewAddress("example.cn");
        var ticket = await TicketEvents.CreateAsync(app.Events, "无法登录账户", requester, "王小明", "我的账户无法登录，密码重置邮件收不到");

        var ack = await app.Mail.WaitForAsync(requester, _ => true);

        Assert.Equal($"[#{ticket.TicketId}] 我们已收到您的请求：无法登录账户", ack.Subject);
        Assert.Contains("王小明，您好", ack.TextBody);
    }

    [Fact]
    public async Task An_admin_edits_a_template_and_placeholders_it_does_not_know_are_refused()
    {
        var admin = app.Client("admin");
        var templates = await admin.GetFromJsonAsync<JsonElement>("/api/channels/templates", MailChannelsApp.Json);
        var template = templates.GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "ticket-created" && t.GetProperty("locale").GetString() == "en");
        var id = template.GetProperty("id").GetInt32();
        var original = template.GetProperty("subject").GetString();

        var refused = await admin.PatchAsJsonAsync($"/api/channels/templates/{id}", new { body = "<p>{{ticket.secret}}</p>" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["body"], await refused.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("agent:7").PatchAsJsonAsync($"/api/channels/templates/{id}", new { subject = "x" })).StatusCode);

        var changed = await admin.PatchAsJsonAsync($"/api/channels/templates/{id}", new { subject = "Got it: {{ticket.subject}}" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        try
        {
            var requester = TicketEvents.NewAddress();
            var ticket = await TicketEvents.CreateAsync(app.Events, "Refund", requester);
            var ack = await app.Mail.WaitForAsync(requester, _ => true);
            Assert.Equal($"[#{ticket.TicketId}] Got it: Refund", ack.Subject);
        }
        finally
        {
            (await admin.PatchAsJsonAsync($"/api/channels/templates/{id}", new { subject = original })).EnsureSuccessStatusCode();
        }
    }
}
