namespace Support.Identity.PersonalData;

/// <summary>A service confirmed it erased its part of a customer's data.</summary>
public class ErasureConfirmation
{
    public long ErasureId { get; set; }
    public string Service { get; set; } = "";
    public DateTimeOffset ErasedAt { get; set; }
}
