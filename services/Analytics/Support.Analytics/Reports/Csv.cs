using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Support.Analytics.Reports;

/// <summary>Reports as CSV (RFC 4180: CRLF, quoted when needed) when asked by ?format=csv or Accept: text/csv.</summary>
public static class Csv
{
    public const string ContentType = "text/csv";

    /// <summary>True: CSV; false: JSON; null: the format is unknown (an error names the field).</summary>
    public static bool? Wanted(HttpRequest request, string? format, Support.Hosting.Http.ValidationErrors errors)
    {
        if (format is not null)
        {
            if (format.Equals("csv", StringComparison.OrdinalIgnoreCase)) return true;
            if (format.Equals("json", StringComparison.OrdinalIgnoreCase)) return false;
            errors.Add("format", "'format' must be json or csv.");
            return null;
        }
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase));
    }

    public static FileContentHttpResult File<T>(IEnumerable<T> rows, string name)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        // A null figure group (a group row's knowledge-base figures) is written as empty fields, not zeros.
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { UseNewObjectForNullReferenceMembers = false }))
        {
            csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = ["yyyy-MM-ddTHH:mm:ssK"];
            csv.WriteRecords(rows);
        }
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), $"{ContentType}; charset=utf-8", $"{name}.csv");
    }
}
