namespace Support.Time;

/// <summary>A local date without business hours (hours running into it from the evening before stop at its midnight).</summary>
public record Holiday(DateOnly Date, string Name);
