namespace Support.Channels.Inbound;

/// <summary>What taking an email in did: the record, and whether it was a message already taken (the same Message-ID).</summary>
public sealed record InboundOutcome(InboundEmail Email, bool Duplicate);
