namespace Support.Routing.Classification;

/// <summary>
/// The text the classifier reads for a ticket. The subject is counted once: weighting it twice scored worse in
/// cross-validation on the labelled set.
/// </summary>
public static class TicketText
{
    public static string Of(string subject, string description) => $"{subject}\n{description}";
}
