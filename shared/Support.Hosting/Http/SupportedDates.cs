namespace Support.Hosting.Http;

/// <summary>
/// The instants a request may carry: wide enough for any real ticket or report, narrow enough that both databases
/// store them and a report's arithmetic (a default start 30 days before the end, a week's bucket) cannot overflow.
/// </summary>
public static class SupportedDates
{
    public static readonly DateTimeOffset Min = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Max = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reports a value outside [<see cref="Min"/>, <see cref="Max"/>) under its field's name.</summary>
    public static bool Check(string field, DateTimeOffset? value, ValidationErrors errors)
    {
        if (value is null || (value >= Min && value < Max))
            return true;
        errors.Add(field, $"'{field}' must be from {Min:yyyy-MM-dd} up to (not including) {Max:yyyy-MM-dd}, UTC.");
        return false;
    }
}
