using System.Globalization;
using Support.Hosting.Http;
using Support.Hosting.Text;

namespace Support.Analytics.Reports;

public enum GroupBy { Channel, Priority, Category, Group, Agent, Organisation }

public enum Interval { Hour, Day, Week }

/// <summary>The half-open period [From, To) a report covers, in UTC.</summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(30);

    /// <summary>Reads from/to (ISO 8601; default: the 30 days up to now); errors name the field.</summary>
    public static ReportPeriod? Read(string? from, string? to, DateTimeOffset now, ValidationErrors errors)
    {
        var end = ReadInstant("to", to, errors) ?? now;
        var start = ReadInstant("from", from, errors) ?? end - DefaultLength;
        if (errors.Any)
            return null;
        if (end <= start)
        {
            errors.Add("to", "'to' must be after 'from'.");
            return null;
        }
        return new ReportPeriod(start, end);
    }

    public static GroupBy? ReadGroupBy(string? groupBy, ValidationErrors errors) => ReadEnum<GroupBy>("groupBy", groupBy, errors);

    public static T? ReadEnum<T>(string field, string? text, ValidationErrors errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (EnumText.Parse<T>(text) is { } value)
            return value;
        errors.Add(field, $"'{field}' must be one of: {EnumText.Allowed<T>()}.");
        return null;
    }

    public static DateTimeOffset? ReadInstant(string field, string? text, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return SupportedDates.Check(field, value, errors) ? value.ToUniversalTime() : null;
        errors.Add(field, $"'{field}' must be an ISO 8601 date or time, such as 2026-11-01 or 2026-11-01T09:00:00Z.");
        return null;
    }
}
