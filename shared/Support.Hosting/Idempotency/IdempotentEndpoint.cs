namespace Support.Hosting.Idempotency;

/// <summary>Endpoint metadata: the endpoint's POSTs honour Idempotency-Key, recorded in this service database.</summary>
public sealed record IdempotentEndpoint(Type DbContextType);
