namespace Support.Analytics.EventStore;

/// <summary>One event as received, kept forever: the history every read model is built from.</summary>
public class StoredEvent
{
    /// <summary>Arrival order; read models order a stream's events by <see cref="OccurredAt"/>, not by this.</summary>
    public long Sequence { get; set; }

    /// <summary>The message's id: an event delivered twice is stored once.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The contract's name, such as "TicketCreated".</summary>
    public string Type { get; set; } = "";

    /// <summary>What the event is about, such as "ticket/42": the read model it changes.</summary>
    public string Stream { get; set; } = "";

    /// <summary>When it happened, by the event's own time.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; set; } = "";
}
