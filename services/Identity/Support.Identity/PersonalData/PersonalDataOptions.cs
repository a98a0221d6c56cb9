namespace Support.Identity.PersonalData;

/// <summary>Configuration section "PersonalData".</summary>
public sealed class PersonalDataOptions
{
    /// <summary>
    /// Where the other services' APIs answer for an export (the gateway's address as Identity reaches it); unset:
    /// Identity:Issuer, else the address the request came to (one process: standalone).
    /// </summary>
    public string? ApiUrl { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
