namespace Support.Identity.PersonalData;

/// <summary>The audit of personal-data requests: who asked for a customer's export or erasure, and when.</summary>
public class PersonalDataRequest
{
    public const string Export = "export";
    public const string Erase = "erase";

    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public int CustomerId { get; set; }
    public string RequestedByType { get; set; } = "";
    public string? RequestedById { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public List<ErasureConfirmation> Confirmations { get; set; } = [];
}
