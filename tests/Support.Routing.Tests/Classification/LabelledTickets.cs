using System.Text.Json;
using Support.Routing.Classification;

namespace Support.Routing.Tests.Classification;

public sealed record LabelledTicket(string Subject, string Description, string Category, string Priority, string Locale, string Split)
{
    public string Text => TicketText.Of(Subject, Description);
}

/// <summary>The bilingual labelled ticket set (labelled-tickets.json, copied next to the test assembly).</summary>
public static class LabelledTickets
{
    private static readonly Lazy<IReadOnlyList<LabelledTicket>> All = new(() =>
        JsonSerializer.Deserialize<LabelledTicket[]>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Classification", "labelled-tickets.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    public static IReadOnlyList<LabelledTicket> Load() => All.Value;

    public static IReadOnlyList<LabelledTicket> Training => [.. Load().Where(t => t.Split == "train")];

    public static IReadOnlyList<LabelledTicket> HeldOut => [.. Load().Where(t => t.Split == "heldout")];
}
