using DotNet.Testcontainers.Builders;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Support.Testing;

/// <summary>
/// A real mail server for the tests: Postfix (SMTP on 25, and 587 with STARTTLS and authentication) handing mail to
/// Dovecot (IMAP on 143 with STARTTLS), from Debian's packages (deploy/docker/mail). Every address of its domains has
/// a mailbox, and signs in with <see cref="Password"/>. One container per test process, removed with the others; or an
/// existing server (SUPPORT_TEST_MAIL=host).
/// </summary>
public sealed class MailServer
{
    public const string Password = "mail-test-password";
    public const string SupportAddress = "support@support.test";

    /// <summary>A support mailbox of its own, for a service that polls it beside others on the same server.</summary>
    public static string NewSupportAddress() => $"support-{Guid.NewGuid():N}"[..16] + "@support.test";
    private static readonly Lazy<Task<MailServer>> Shared = new(StartAsync);

    public string Host { get; private init; } = "";
    public int SmtpPort { get; private init; }
    public int SubmissionPort { get; private init; }
    public int ImapPort { get; private init; }

    public static Task<MailServer> SharedAsync() => Shared.Value;

    private static async Task<MailServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("SUPPORT_TEST_MAIL") is { Length: > 0 } existing)
            return new MailServer { Host = existing, SmtpPort = 25, SubmissionPort = 587, ImapPort = 143 };
        var image = Environment.GetEnvironmentVariable("SUPPORT_TEST_MAIL_IMAGE")
            ?? throw new InvalidOperationException("SUPPORT_TEST_MAIL_IMAGE is not set: build the tests' mail server image with `bash deploy/docker/ensure-docker.sh` (it prints the variable), or set SUPPORT_TEST_MAIL to a mail server's host. The README's test command does it.");
        var container = await TestServers.StartContainerAsync($"mail server ({image})", () => new ContainerBuilder(image)
            .WithLabel(TestServers.Label, "true")
            .WithEnvironment("MAIL_PASSWORD", Password)
            .WithEnvironment("MAIL_DOMAINS", "support.test example.com example.cn")
            .WithPortBinding(25, true).WithPortBinding(587, true).WithPortBinding(143, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(25).UntilInternalTcpPortIsAvailable(587).UntilInternalTcpPortIsAvailable(143))
            .Build());
        return new MailServer
        {
            Host = container.Hostname,
            SmtpPort = container.GetMappedPublicPort(25),
            SubmissionPort = container.GetMappedPublicPort(587),
            ImapPort = container.GetMappedPublicPort(143),
        };
    }

    /// <summary>The Channels service's settings for this server: sends as the support address over 587 (STARTTLS, signed in), polls its inbox when asked.</summary>
    public Dictionary<string, string> ChannelsSettings(bool pollInbox, string separator = ":", string supportAddress = SupportAddress) => new()
    {
        [$"Email{separator}From{separator}Address"] = supportAddress,
        [$"Email{separator}Smtp{separator}Host"] = Host,
        [$"Email{separator}Smtp{separator}Port"] = SubmissionPort.ToString(),
        [$"Email{separator}Smtp{separator}Security"] = "StartTls",
        [$"Email{separator}Smtp{separator}UserName"] = supportAddress,
        [$"Email{separator}Smtp{separator}Password"] = Password,
        [$"Email{separator}Smtp{separator}AcceptAnyCertificate"] = "true",
        [$"Email{separator}Imap{separator}Host"] = pollInbox ? Host : "",
        [$"Email{separator}Imap{separator}Port"] = ImapPort.ToString(),
        [$"Email{separator}Imap{separator}Security"] = "StartTls",
        [$"Email{separator}Imap{separator}UserName"] = supportAddress,
        [$"Email{separator}Imap{separator}Password"] = Password,
        [$"Email{separator}Imap{separator}AcceptAnyCertificate"] = "true",
        [$"Email{separator}Imap{separator}PollInterval"] = "00:00:00.500",
    };

    /// <summary>Sends a message through the server's port 25, as another mail server would deliver it.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var smtp = new MailKit.Net.Smtp.SmtpClient();
        await smtp.ConnectAsync(Host, SmtpPort, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>Appends a raw message to a mailbox over IMAP, as if it had just arrived.</summary>
    public async Task AppendAsync(string address, byte[] raw)
    {
        using var imap = await SignInAsync(address);
        using var stream = new MemoryStream(raw);
        await imap.Inbox.AppendAsync(new AppendRequest(await MimeMessage.LoadAsync(stream)));
        await imap.DisconnectAsync(true);
    }

    /// <summary>The messages in an address's inbox (empty when it has none).</summary>
    public async Task<IReadOnlyList<MimeMessage>> InboxAsync(string address)
    {
        using var imap = await SignInAsync(address);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var messages = new List<MimeMessage>();
        foreach (var uid in await imap.Inbox.SearchAsync(SearchQuery.All))
            messages.Add(await imap.Inbox.GetMessageAsync(uid));
        await imap.DisconnectAsync(true);
        return messages;
    }

    /// <summary>Waits until the address's inbox holds a message the predicate accepts.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool> wanted, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await InboxAsync(address)).FirstOrDefault(wanted) is { } message)
                return message;
            Assert.True(DateTime.UtcNow < deadline, $"No such message reached {address} within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s.");
            await Task.Delay(250);
        }
    }

    private async Task<ImapClient> SignInAsync(string address)
    {
        var imap = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await imap.ConnectAsync(Host, ImapPort, SecureSocketOptions.StartTls);
        await imap.AuthenticateAsync(address, Password);
        return imap;
    }
}
