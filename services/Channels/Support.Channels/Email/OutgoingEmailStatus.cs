namespace Support.Channels.Email;

// Written as text: "queued", "sent", "failed", "not-sent".
public enum OutgoingEmailStatus { Queued, Sent, Failed, NotSent }
