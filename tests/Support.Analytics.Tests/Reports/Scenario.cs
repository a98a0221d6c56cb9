using MassTransit;
using Support.Contracts;
using Support.Contracts.Customers;
using Support.Contracts.KnowledgeBase;
using Support.Contracts.Tickets;

namespace Support.Analytics.Tests.Reports;

/// <summary>
/// A scripted week of support with exact times, whose metrics the tests compute by hand. The report period is
/// [2026-03-02, 2026-03-04) UTC (Monday and Tuesday).
/// </summary>
public static class Scenario
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    public const string Period = "from=2026-03-02T00:00:00Z&to=2026-03-04T00:00:00Z";
    public const string Ticket1Description = "My invoice is wrong again, very disappointed";
    public const string Ticket1CustomerReply = "Thanks, that works great!";
    public const string Ticket3Description = "Cannot log in, this is terrible";

    private static readonly Actor Nobody = Actor.System;
    private static Actor Agent(int id) => new("agent", id.ToString());
    private static Actor Customer(int id) => new("customer", id.ToString());
    private static DateTimeOffset Mon(int hour, int minute = 0) => Monday.AddHours(hour).AddMinutes(minute);
    private static DateTimeOffset Tue(int hour, int minute = 0) => Monday.AddDays(1).AddHours(hour).AddMinutes(minute);

    private static TicketCreated Created(int id, string channel, string priority, int requester, int? organization, string description, DateTimeOffset at) =>
        new(id, $"Ticket {id}", description, "new", priority, true, "question", channel, requester, $"c{requester}@example.com", $"Customer {requester}",
            organization, [], Customer(requester), at);

    private static TicketStatusChanged Status(int id, string from, string to, int? agent, DateTimeOffset at) => new(id, from, to, agent, agent is { } a ? Agent(a) : Nobody, at);

    private static TicketAssigned Assigned(int id, int agent, int group, string priority, DateTimeOffset at) => new(id, agent, null, group, null, priority, Nobody, at);

    private static TicketCommentAdded Reply(int id, long comment, int agent, DateTimeOffset at, bool isPublic = true) =>
        new(id, comment, "Here is what to do.", isPublic, Agent(agent), false, at);

    /// <summary>Every event of the scenario, each with the MessageId its publisher gave it.</summary>
    public static IReadOnlyList<(object Event, Guid MessageId)> Events { get; } = Build();

    private static List<(object, Guid)> Build()
    {
        var events = new List<object>
        {
            new CustomerCreated(101, "c101@example.com", "Customer 101", 7, Monday.AddDays(-1), "active", 100m),
            new CustomerCreated(102, "c102@example.com", "Customer 102", null, Monday.AddDays(-1), "active", 50m),
            new CustomerCreated(103, "c103@example.com", "Customer 103", null, Monday.AddDays(-1), "active", null),
            new CustomerCreated(104, "c104@example.com", "Customer 104", null, Tue(8), "active", 20m),
            new CustomerUpdated(102, "c102@example.com", "Customer 102", null, Tue(12), "churned", 50m),

            // Ticket 1: email, high; replied, pending, on hold, solved, reopened the next day, solved again, rated good.
            Created(1, "email", "high", 101, 7, Ticket1Description, Mon(9)),
            Assigned(1, 5, 2, "high", Mon(9, 10)),
            Status(1, "new", "open", 5, Mon(9, 10)),
            Reply(1, 11, 5, Mon(9, 30)),
            Status(1, "open", "pending", 5, Mon(9, 30)),
            new TicketCommentAdded(1, 12, Ticket1CustomerReply, true, Customer(101), false, Mon(10, 30)),
            Status(1, "pending", "open", null, Mon(10, 30)),
            Status(1, "open", "on-hold", 5, Mon(11)),
            Status(1, "on-hold", "open", 5, Mon(12)),
            Reply(1, 13, 5, Mon(12, 15)),
            Status(1, "open", "solved", 5, Mon(12, 15)),
            new TicketSolved(1, 5, 2, 101, Mon(9), Mon(12, 15), Agent(5)),
            Status(1, "solved", "open", null, Tue(9)),
            new TicketReopened(1, 1, 5, 2, "high", Customer(101), Tue(9)),
            Status(1, "open", "solved", 5, Tue(10)),
            new TicketSolved(1, 5, 2, 101, Mon(9), Tue(10), Agent(5)),
            new SatisfactionRated(1, "good", "Quick!", 5, 101, Tue(11)),

            // Ticket 2: chat, normal; an internal note, one public reply and solved at once, rated bad.
            Created(2, "chat", "normal", 102, null, "Where is my order?", Mon(10)),
            Assigned(2, 5, 2, "normal", Mon(10, 5)),
            Status(2, "new", "open", 5, Mon(10, 5)),
            Reply(2, 21, 5, Mon(10, 10), isPublic: false),
            Reply(2, 22, 5, Mon(10, 20)),
            Status(2, "open", "solved", 5, Mon(10, 20)),
            new SatisfactionRated(2, "bad", null, 5, 102, Mon(10, 40)),

            // Ticket 3: web, urgent, categorised; assigned but never answered: the backlog.
            Created(3, "web", "urgent", 101, 7, Ticket3Description, Mon(11)),
            new TicketUpdated(3, [new FieldChange("category", null, "billing")], Nobody, Mon(11, 1)),
            Assigned(3, 6, 3, "urgent", Mon(11, 30)),
            Status(3, "new", "open", 6, Mon(11, 30)),

            // Ticket 4: created on Sunday (before the period), answered and solved on Monday.
            Created(4, "email", "low", 103, null, "Please update my address", Monday.AddHours(-9)),
            Assigned(4, 6, 3, "low", Monday.AddHours(-8)),
            Status(4, "new", "open", 6, Monday.AddHours(-8)),
            Reply(4, 41, 6, Mon(8)),
            Status(4, "open", "solved", 6, Mon(13)),

            // The answer bot: matched and deflected (asked, then feedback), matched without feedback, unmatched.
            Answer("a1", matched: true, deflected: null, Mon(14), Mon(14)),
            Answer("a1", matched: true, deflected: true, Mon(14), Mon(14, 2)),
            Answer("a2", matched: true, deflected: null, Tue(15), Tue(15)),
            Answer("a3", matched: false, deflected: null, Tue(16), Tue(16)),
            Answer("a0", matched: true, deflected: null, Monday.AddDays(-1), Monday.AddDays(-1)),
        };
        return events.Select(e => (e, NewId.NextGuid())).ToList();
    }

    private static QuestionAnswered Answer(string name, bool matched, bool? deflected, DateTimeOffset askedAt, DateTimeOffset at) =>
        new(new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name))), "en", matched, !matched,
            matched ? [1] : [], matched ? 0.8 : 0.1, deflected, askedAt, at);
}
