namespace Support.Hosting.Data;

/// <summary>The database connection broke in the middle of a unit of work: answered 503 with Retry-After, as any transient failure.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
