namespace Support.Ticket.Tickets;

// Serialised as lowercase kebab-case strings: "on-hold", "urgent".
public enum TicketStatus { New, Open, Pending, OnHold, Solved, Closed }

public enum TicketPriority { Low, Normal, High, Urgent }

public enum TicketType { Question, Incident, Problem, Task }

public enum TicketChannel { Web, Email, Chat, Phone, Api }

public enum AuthorType { Agent, Customer, System }

public enum SatisfactionScore { Good, Bad }

public static class EnumText
{
    /// <summary>The wire form of an enum value, as the API and the events spell it ("on-hold").</summary>
    public static string Wire<T>(this T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string? Wire<T>(this T? value) where T : struct, Enum => value?.Wire();

    /// <summary>The enum value whose wire form is <paramref name="text"/>; null when none is.</summary>
    public static T? FromWire<T>(string text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => v.Wire() == text);

    public static string Allowed<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => v.Wire()));
}
