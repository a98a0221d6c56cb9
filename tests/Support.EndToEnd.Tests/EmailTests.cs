using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// Email both ways through the whole system and a real mail server: the Ticket service's events reach Channels, which
/// sends over SMTP; customers' mail reaches the support mailbox, which Channels polls over IMAP, and becomes tickets
/// and comments in the Ticket service.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class EmailTests(Topology topology)
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_ticket_is_acknowledged_answered_by_email_and_the_customers_emailed_reply_lands_on_it()
    {
        using var client = topology.AdminClient();
        var customer = $"e2e-{Guid.NewGuid():N}"[..16] + "@example.com";
        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Export fails",
            description = "The CSV export stops at 1,000 rows.",
            requester = new { email = customer, name = "Erin Example" },
        });
        var ticketId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var ack = await topology.Mail.WaitForAsync(customer, _ => true, MailTimeout);
        Assert.StartsWith($"[#{ticketId}] ", ack.Subject);
        Assert.Equal(topology.SupportAddress, ack.From.Mailboxes.Single().Address);

        const string note = "Internal: known bug, see the tracker";
        await client.PostAsJsonAsync($"/api/tickets/{ticketId}/comments", new { body = note, @public = false });
        var answer = $"Fixed in today's release; please try again. {Guid.NewGuid():N}";
        await client.PostAsJsonAsync($"/api/tickets/{ticketId}/comments", new { body = answer, @public = true });
        var reply = await topology.Mail.WaitForAsync(customer, m => m.TextBody?.Contains(answer) == true, MailTimeout);
        Assert.Equal(ack.InReplyTo, reply.InReplyTo);
        Assert.Contains(ack.References.Single(), reply.References);
        Assert.DoesNotContain(await topology.Mail.InboxAsync(customer), m => m.TextBody?.Contains(note) == true);

        var customersReply = new MimeMessage { Subject = "Re: " + reply.Subject, InReplyTo = reply.MessageId };
        customersReply.From.Add(new MailboxAddress("Erin Example", customer));
        customersReply.To.Add(MailboxAddress.Parse(topology.SupportAddress));
        customersReply.References.Add(reply.MessageId!);
        customersReply.Body = new TextPart("plain") { Text = $"It works now, thank you!\n\nOn Monday, Support <{topology.SupportAddress}> wrote:\n> {answer}\n" };
        await topology.Mail.DeliverAsync(customersReply);

        var comments = await Eventually.ReadUntilAsync(
            async () => await (await client.GetAsync($"/api/tickets/{ticketId}/comments")).JsonAsync(HttpStatusCode.OK),
            page => page.GetProperty("items").EnumerateArray().Any(c => c.Text("body") == "It works now, thank you!"),
            MailTimeout, $"the customer's emailed reply on ticket {ticketId} (SMTP → IMAP poll → EmailReceived → comment)");
        var fromCustomer = comments.GetProperty("items").EnumerateArray().Single(c => c.Text("body") == "It works now, thank you!");
        Assert.True(fromCustomer.GetProperty("public").GetBoolean());
        Assert.Equal("customer", fromCustomer.GetProperty("author").Text("type"));

        var log = await (await client.GetAsync($"/api/channels/tickets/{ticketId}/messages")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["out", "out", "in"], log.EnumerateArray().Select(m => m.Text("direction")));
    }

    [Fact]
    public async Task A_new_email_opens_a_ticket_whose_acknowledgement_answers_it()
    {
        using var client = topology.AdminClient();
        var customer = $"e2e-{Guid.NewGuid():N}"[..16] + "@example.cn";
        var email = new MimeMessage { Subject = "发票金额错误", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.cn") };
        email.From.Add(new MailboxAddress("张伟", customer));
        email.To.Add(MailboxAddress.Parse(topology.SupportAddress));
        email.Body = new TextPart("plain") { Text = "您好，我上个月的发票金额不对，请帮忙核实。" };

        await topology.Mail.DeliverAsync(email);

        var ack = await topology.Mail.WaitForAsync(customer, _ => true, MailTimeout);
        Assert.Equal(email.MessageId, ack.InReplyTo);
        var ticketId = int.Parse(System.Text.RegularExpressions.Regex.Match(ack.Subject ?? "", @"\[#(\d+)\]").Groups[1].Value);
        Assert.Contains("我们已收到您的请求", ack.Subject);
        var ticket = await (await client.GetAsync($"/api/tickets/{ticketId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("发票金额错误", "email", "您好，我上个月的发票金额不对，请帮忙核实。"), (ticket.Text("subject"), ticket.Text("channel"), ticket.Text("description")));
    }
}
