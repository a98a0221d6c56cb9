using MailKit.Security;

namespace Support.Channels.Email;

/// <summary>The Email section: the sender's address, the SMTP server to send through, the IMAP mailbox to poll.</summary>
public sealed class EmailSettings
{
    public MailboxSettings From { get; set; } = new();
    public MailServerSettings Smtp { get; set; } = new() { Port = 587 };
    public ImapSettings Imap { get; set; } = new() { Port = 993 };
    /// <summary>Larger incoming messages are rejected (recorded, never turned into tickets).</summary>
    public long MaxMessageBytes { get; set; } = 10 * 1024 * 1024;
    public string DefaultLocale { get; set; } = "en";
    /// <summary>The address customers reach the system at, for links in emails (the satisfaction survey).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080/";
    public RetrySettings Retry { get; set; } = new();
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>SMTP connections sending at once, each its own batch (an SMTP server takes one message at a time per connection).</summary>
    public int SendConnections { get; set; } = 4;

    /// <summary>The domain of this system's Message-IDs: replies that cite one belong to its ticket.</summary>
    public string MessageIdDomain => From.Address.Contains('@') ? From.Address[(From.Address.LastIndexOf('@') + 1)..].ToLowerInvariant() : "localhost";
}

public sealed class MailboxSettings
{
    public string Address { get; set; } = "support@localhost";
    public string Name { get; set; } = "Support";
}

public class MailServerSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; }
    /// <summary>Auto: TLS on 465/993, STARTTLS when the server offers it on other ports.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>For a server with a self-signed certificate (a test server): its certificate is not checked.</summary>
    public bool AcceptAnyCertificate { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

public sealed class ImapSettings : MailServerSettings
{
    public string Mailbox { get; set; } = "INBOX";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class RetrySettings
{
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>An email still not delivered this long after it was queued is marked failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);
}
