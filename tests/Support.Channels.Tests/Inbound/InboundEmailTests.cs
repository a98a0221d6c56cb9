using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MimeKit;
using Support.Channels.Tests.Infrastructure;
using Support.Contracts.Channels;

namespace Support.Channels.Tests.Inbound;

[Collection(MailCollection.Name)]
public sealed class InboundEmailTests(MailChannelsApp app)
{
    static InboundEmailTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task A_forwarded_email_is_passed_on_once_however_often_it_comes()
    {
        var message = Message(TicketEvents.NewAddress(), "Broken invoice", "The invoice total is wrong.");
        var attachment = new MimePart("application", "pdf") { FileName = "invoice.pdf", Content = new MimeContent(new MemoryStream(new byte[12_345])), ContentTransferEncoding = ContentEncoding.Base64 };
        message.Body = new Multipart("mixed") { message.Body!, attachment };

        var first = await PostAsync(message);
        var again = await PostAsync(message);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        var received = (await app.Events.WaitForAsync<EmailReceived>(e => e.Subject == "Broken invoice")).Single();
        Assert.Null(received.TicketId);
        Assert.Equal("The invoice total is wrong.", received.Body);
        Assert.Equal([new EmailAttachment("invoice.pdf", "application/pdf", 12_345)], received.Attachments);
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", "Re: your request")]
    [InlineData("Precedence", "bulk", "Newsletter")]
    [InlineData("X-None", "", "Out of Office: back on Monday")]
    [InlineData("X-None", "", "自动回复：我正在休假")]
    public async Task Automatic_mail_is_recorded_as_ignored_and_never_passed_on(string header, string value, string subject)
    {
        var message = Message(TicketEvents.NewAddress(), subject, "I am away.");
        if (value.Length > 0)
            message.Headers.Add(header, value);

        var response = await PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await Task.Delay(500);
        Assert.Empty(app.Events.All<EmailReceived>(e => e.Subject == subject));
    }

    [Fact]
    public async Task Mail_from_the_systems_own_address_is_a_loop_and_ignored()
    {
        var response = await PostAsync(Message(MailServer.SupportAddress, "[#1] We received your request", "loop"));

        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unreadable_and_oversized_messages_are_recorded_as_rejected_and_never_passed_on()
    {
        var garbage = await (await PostRawAsync([0xff, 0xfe, 0x00, 0x01, 0x02])).Content.ReadFromJsonAsync<JsonElement>();
        var oversized = Message(TicketEvents.NewAddress(), "Huge", new string('x', (int)MailChannelsApp.MaxMessageBytes + 1));

        var tooLarge = await (await PostAsync(oversized)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("rejected", "rejected"), (garbage.GetProperty("status").GetString(), tooLarge.GetProperty("status").GetString()));
        Assert.Contains("limit", tooLarge.GetProperty("reason").GetString());
        var rejected = await app.Client("agent:7").GetFromJsonAsync<JsonElement>("/api/channels/email/inbound?status=rejected", MailChannelsApp.Json);
        var ids = rejected.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(garbage.GetProperty("id").GetGuid(), ids);
        Assert.Contains(tooLarge.GetProperty("id").GetGuid(), ids);
        Assert.Empty(app.Events.All<EmailReceived>(e => e.Subject == "Huge"));
    }

    [Fact]
    public async Task A_message_without_a_content_type_is_refused_and_not_recorded()
    {
        var before = await app.CountAsync("inbound_emails");

        var response = await app.Client().PostAsync("/api/channels/email/inbound", new ByteArrayContent("From: a@example.com\r\n\r\nhi"u8.ToArray()));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await app.CountAsync("inbound_emails"));
    }

    [Theory]
    [InlineData("gb18030", ContentEncoding.QuotedPrintable, "发票金额错误", "您好，我上个月的发票金额不对，请帮忙核实。谢谢！")]
    [InlineData("gbk", ContentEncoding.Base64, "发票金额错误", "您好，我上个月的发票金额不对，请帮忙核实。谢谢！")]
    [InlineData("big5", ContentEncoding.Base64, "發票金額錯誤", "您好，我上個月的發票金額不對，請幫忙核實。謝謝！")]
    [InlineData("utf-8", ContentEncoding.Base64, "发票金额错误", "您好，我上个月的发票金额不对，请帮忙核实。谢谢！")]
    [InlineData("utf-8", ContentEncoding.QuotedPrintable, "發票金額錯誤", "您好，我上個月的發票金額不對，請幫忙核實。謝謝！")]
    public async Task Chinese_subjects_and_bodies_arrive_intact_in_every_charset_and_encoding(string charset, ContentEncoding transfer, string title, string body)
    {
        var subject = $"{title} {charset} {transfer} {Guid.NewGuid():N}";
        var encoding = Encoding.GetEncoding(charset);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("张伟", TicketEvents.NewAddress("example.cn")));
        message.To.Add(MailboxAddress.Parse(MailServer.SupportAddress));
        message.Headers.Replace(HeaderId.Subject, encoding, subject); // RFC 2047 in the charset
        var text = new TextPart("plain") { ContentTransferEncoding = transfer };
        text.SetText(encoding, body);
        message.Body = text;

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(message)).StatusCode);

        var received = (await app.Events.WaitForAsync<EmailReceived>(e => e.Subject == subject)).Single();
        Assert.Equal(body, received.Body);
        Assert.Equal("张伟", received.FromName);
    }

    [Fact]
    public async Task A_message_in_the_support_mailbox_is_taken_once_and_then_leaves_the_mailbox()
    {
        var subject = $"Delivered by SMTP {Guid.NewGuid():N}";
        var message = Message(TicketEvents.NewAddress(), subject, "Hello from a mail server.");
        message.Body = new TextPart("html") { Text = "<html><head><style>p { color: red }</style></head><body><p>Hello from a <b>mail</b> server.</p><ul><li>one</li><li>two</li></ul></body></html>" };

        await app.Mail.DeliverAsync(message);

        var received = (await app.Events.WaitForAsync<EmailReceived>(e => e.Subject == subject, timeoutSeconds: 60)).Single();
        Assert.Equal("Hello from a mail server.\n- one\n- two", received.Body);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await app.Mail.InboxAsync(MailServer.SupportAddress)).Any(m => m.Subject == subject))
        {
            Assert.True(DateTime.UtcNow < deadline, "The message stayed in the support mailbox after it was taken.");
            await Task.Delay(250);
        }
        await Task.Delay(1500); // more polls: it is not taken twice
        Assert.Single(app.Events.All<EmailReceived>(e => e.Subject == subject));
    }

    [Fact]
    public async Task A_reply_to_our_email_names_its_ticket_without_the_quoted_history_and_signature()
    {
        var requester = TicketEvents.NewAddress();
        var ticket = await TicketEvents.CreateAsync(app.Events, "Password reset", requester);
        var ack = await app.Mail.WaitForAsync(requester, _ => true);
        var reply = Message(requester, "Re: " + ack.Subject, "Thanks, it works now.\n\nOn Mon, 7 Dec 2026 at 10:00, Support <support@support.test> wrote:\n> We received your request\n> Password reset\n");
        reply.InReplyTo = ack.MessageId;
        reply.References.Add(ack.MessageId!);
        var viaSubject = Message(requester, $"Another thing [#{ticket.TicketId}]", "Also my email changed.\n-- \nAlice\nACME Corp");
        var stranger = Message(TicketEvents.NewAddress(), $"About [#{ticket.TicketId}]", "I am not the requester.");

        await PostAsync(reply);
        await PostAsync(viaSubject);
        await PostAsync(stranger);

        Assert.Equal("Thanks, it works now.", (await app.Events.WaitForAsync<EmailReceived>(e => e.Subject == reply.Subject)).Single().Body);
        Assert.Equal(ticket.TicketId, app.Events.All<EmailReceived>(e => e.Subject == reply.Subject).Single().TicketId);
        var bySubject = (await app.Events.WaitForAsync<EmailReceived>(e => e.Subject == viaSubject.Subject)).Single();
        Assert.Equal((ticket.TicketId, "Also my email changed."), (bySubject.TicketId!.Value, bySubject.Body));
        Assert.Null((await app.Events.WaitForAsync<EmailReceived>(e => e.Subject == stranger.Subject)).Single().TicketId);
    }

    private static MimeMessage Message(string from, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(MailServer.SupportAddress));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.com");
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private async Task<HttpResponseMessage> PostAsync(MimeMessage message)
    {
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw);
        return await PostRawAsync(raw.ToArray());
    }

    private Task<HttpResponseMessage> PostRawAsync(byte[] raw)
    {
        var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return app.Client().PostAsync("/api/channels/email/inbound", content);
    }
}
