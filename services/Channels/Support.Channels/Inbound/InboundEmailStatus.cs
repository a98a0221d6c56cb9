namespace Support.Channels.Inbound;

// Written as text: "accepted" (passed to the Ticket service), "ignored" (auto-reply, loop, duplicate), "rejected" (too large, malformed).
public enum InboundEmailStatus { Accepted, Ignored, Rejected }
