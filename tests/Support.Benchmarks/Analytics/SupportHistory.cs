using Support.Contracts;
using Support.Contracts.Customers;
using Support.Contracts.Tickets;

namespace Support.Benchmarks.Analytics;

/// <summary>What the generated history holds, counted while it is generated.</summary>
public sealed class HistoryCounts
{
    public long Events;
    public int Customers, Churned, Tickets, Solved, Unsolved, Reopened, Rated, RatedGood, CustomerComments, AgentComments;
    public readonly Dictionary<string, long> ByType = [];
}

/// <summary>
/// A seeded, realistic history of customer support over <c>days</c> days ending at <c>end</c> (today's midnight UTC):
/// customers (some churn), and tickets arriving with weekday, time-of-day and growth patterns plus a few outage days,
/// each assigned, answered, sometimes waiting on the customer or on hold, mostly solved, sometimes reopened and
/// rated. <see cref="Events"/> yields the events in the order they happened, as the Analytics service would have
/// received them, without holding more than the events still to come of the tickets in flight.
/// </summary>
public sealed class SupportHistory
{
    public const int Agents = 60;
    public const int Groups = 6;
    private const int AgentsPerGroup = Agents / Groups;

    private static readonly (string Value, double Weight)[] Channels = [("email", 0.38), ("web", 0.27), ("chat", 0.18), ("phone", 0.10), ("api", 0.07)];
    private static readonly (string Value, double Weight)[] Priorities = [("low", 0.15), ("normal", 0.58), ("high", 0.20), ("urgent", 0.07)];
    private static readonly (string? Value, double Weight)[] Types = [("question", 0.42), ("incident", 0.30), ("problem", 0.10), ("task", 0.06), (null, 0.12)];
    private static readonly double[] WeekdayWeights = [0.40, 1.15, 1.10, 1.05, 1.00, 0.90, 0.45]; // Sunday first, as DayOfWeek

    private readonly Random random;
    private readonly int ticketCount, customerCount, days, firstTicketId;
    private readonly DateTimeOffset start, end;
    private readonly DateTimeOffset[] customerCreated;
    private readonly string[] customerName, customerEmail;
    private readonly int?[] customerOrganization;
    private readonly double[] agentSpeed;
    private long nextCommentId = 1;
    private long enqueued;

    public SupportHistory(int seed, int tickets, int customers, int days, DateTimeOffset end, int firstTicketId = 1)
    {
        random = new Random(seed);
        (ticketCount, customerCount, this.days, this.end, this.firstTicketId) = (tickets, customers, days, end, firstTicketId);
        start = end.AddDays(-days);
        customerCreated = new DateTimeOffset[customers];
        customerName = new string[customers];
        customerEmail = new string[customers];
        customerOrganization = new int?[customers];
        agentSpeed = Enumerable.Range(0, Agents + 1).Select(_ => 0.6 + random.NextDouble()).ToArray();
    }

    public DateTimeOffset Start => start;
    public DateTimeOffset End => end;
    public HistoryCounts Counts { get; } = new();

    /// <summary>Every event, ordered by when it happened; single use.</summary>
    public IEnumerable<object> Events()
    {
        var pending = new PriorityQueue<object, (long Ticks, long Order)>();
        void Enqueue(object e) => pending.Enqueue(e, (StoredEvents.OccurredAt(e).UtcTicks, enqueued++));

        foreach (var e in CustomerEvents())
            Enqueue(e);

        var dayWeights = DayWeights();
        var total = dayWeights.Sum();
        double cumulative = 0;
        var ticketId = firstTicketId;
        var ticketEvents = new List<object>(32);
        for (var day = 0; day < days; day++)
        {
            var dayStart = start.AddDays(day);
            // Every event still to come is at or after this day's first ticket: what happened before is final.
            while (pending.TryPeek(out _, out var priority) && priority.Ticks < dayStart.UtcTicks)
                yield return Counted(pending.Dequeue());

            var before = (int)Math.Round(ticketCount * cumulative / total);
            cumulative += dayWeights[day];
            var count = (int)Math.Round(ticketCount * cumulative / total) - before;
            foreach (var createdAt in TicketTimes(dayStart, count))
            {
                ticketEvents.Clear();
                Ticket(ticketId++, createdAt, ticketEvents);
                foreach (var e in ticketEvents)
                    Enqueue(e);
            }
        }
        while (pending.Count > 0)
            yield return Counted(pending.Dequeue());
    }

    private object Counted(object e)
    {
        Counts.Events++;
        var type = e.GetType().Name;
        Counts.ByType[type] = Counts.ByType.GetValueOrDefault(type) + 1;
        return e;
    }

    // Half the customers signed up in the three years before the history, half during it; ids in sign-up order.
    private IEnumerable<object> CustomerEvents()
    {
        var before = customerCount / 2;
        var organizations = Math.Max(1, customerCount / 25);
        var events = new List<object>();
        for (var i = 0; i < customerCount; i++)
        {
            var id = i + 1;
            var createdAt = i < before
                ? start.AddDays(-1095 + (i + random.NextDouble()) / before * 1095)
                : start.AddDays((i - before + random.NextDouble()) / (customerCount - before) * days * 0.97);
            createdAt = Second(createdAt);
            var chinese = random.NextDouble() < 0.15;
            string name, email;
            if (chinese)
            {
                name = Pick(SupportTexts.ChineseNames);
                email = $"user{id}@{Pick(SupportTexts.Domains)}";
            }
            else
            {
                var (first, last) = (Pick(SupportTexts.FirstNames), Pick(SupportTexts.LastNames));
                name = $"{first} {last}";
                email = $"{first.ToLowerInvariant()}.{Ascii(last)}{id}@{Pick(SupportTexts.Domains)}";
            }
            int? organization = random.NextDouble() < 0.6 ? 1 + random.Next(organizations) : null;
            decimal? value = random.NextDouble() < 0.8 ? decimal.Round((decimal)LogNormal(1200, 1.2), 2) : null;
            (customerCreated[i], customerName[i], customerEmail[i], customerOrganization[i]) = (createdAt, name, email, organization);

            events.Add(new CustomerCreated(id, email, name, organization, createdAt, "active", value));
            Counts.Customers++;
            var updates = new List<(DateTimeOffset At, bool Churn)>();
            if (random.NextDouble() < 0.05)
                updates.Add((Second(createdAt.AddDays(10 + random.NextDouble() * 190)), false));
            if (random.NextDouble() < 0.08)
                updates.Add((Second(createdAt.AddDays(60 + random.NextDouble() * 440)), true));
            var churned = false;
            foreach (var update in updates.Where(u => u.At < end).OrderBy(u => u.At))
            {
                churned |= update.Churn;
                if (update.Churn)
                    Counts.Churned++;
                else
                    value = decimal.Round((value ?? 500m) * (decimal)(0.5 + random.NextDouble() * 1.5), 2);
                events.Add(new CustomerUpdated(id, email, name, organization, update.At, churned ? "churned" : "active", value));
            }
        }
        return events;
    }

    // Weekdays busier than weekends, a growing business, day-to-day noise, and about one outage day in a hundred.
    private double[] DayWeights() => Enumerable.Range(0, days).Select(day =>
    {
        var date = start.AddDays(day);
        var weight = WeekdayWeights[(int)date.DayOfWeek] * (0.8 + 0.4 * day / days) * Math.Max(0.5, 1 + 0.08 * Gaussian());
        return random.NextDouble() < 0.01 ? weight * (1.8 + random.NextDouble() * 1.2) : weight;
    }).ToArray();

    // Most tickets in the (European/American) working day, some at any hour; sorted, so ids follow time.
    private DateTimeOffset[] TicketTimes(DateTimeOffset dayStart, int count)
    {
        var times = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            var hours = random.NextDouble() < 0.75 ? 13.5 + 3.5 * Gaussian() : random.NextDouble() * 24;
            hours = ((hours % 24) + 24) % 24;
            times[i] = Second(dayStart.AddHours(hours));
        }
        Array.Sort(times);
        return times;
    }

    private void Ticket(int id, DateTimeOffset createdAt, List<object> events)
    {
        var topic = PickTopic();
        var chinese = random.NextDouble() < 0.15 && topic.ChineseSubjects.Length > 0;
        var subject = chinese ? Pick(topic.ChineseSubjects) : Pick(topic.Subjects);
        var description = chinese ? Pick(topic.ChineseDescriptions) : Pick(topic.Descriptions);
        var channel = Weighted(Channels);
        var priority = Weighted(Priorities);
        if (topic.Tag is "bug" or "api" && priority == "low" && random.NextDouble() < 0.7)
            priority = "high";
        var requester = Requester(createdAt);
        var tags = new List<string> { topic.Tag };
        if (random.NextDouble() < 0.05) tags.Add("vip");
        if (chinese) tags.Add("zh");
        var actor = channel == "api" ? new Actor("api", null) : new Actor("customer", requester.ToString());
        var customer = new Actor("customer", requester.ToString());
        events.Add(new TicketCreated(id, subject, description, "new", priority, random.NextDouble() < 0.35, Weighted(Types), channel,
            requester, customerEmail[requester - 1], customerName[requester - 1], customerOrganization[requester - 1], tags, actor, createdAt));
        Counts.Tickets++;

        var group = random.NextDouble() < 0.85 ? topic.Group : 1 + random.Next(Groups);
        var agentId = (group - 1) * AgentsPerGroup + 1 + random.Next(AgentsPerGroup);
        var agent = new Actor("agent", agentId.ToString());
        var speed = agentSpeed[agentId];
        var live = channel is "chat" or "phone";
        var status = "new";
        var negative = false;
        var reopened = false;

        void Status(string to, Actor by, DateTimeOffset at)
        {
            events.Add(new TicketStatusChanged(id, status, to, agentId, by, at));
            status = to;
        }
        void Comment(string body, Actor author, DateTimeOffset at, bool firstReply = false)
        {
            events.Add(new TicketCommentAdded(id, nextCommentId++, body, true, author, firstReply, at));
        }
        void Solve(DateTimeOffset at)
        {
            Status("solved", agent, at);
            events.Add(new TicketSolved(id, agentId, group, requester, createdAt, at, agent));
        }

        // Routing assigns it; the agent opens it and answers.
        var t = createdAt.AddMinutes(Minutes(live ? 2 : priority switch { "urgent" => 5, "high" => 15, "normal" => 40, _ => 120 }, 1.0));
        events.Add(new TicketAssigned(id, agentId, null, group, null, priority, Actor.System, t));
        t = t.AddSeconds(5 + random.Next(55));
        Status("open", agent, t);
        t = t.AddMinutes(speed * Minutes(live ? (channel == "chat" ? 3 : 8) : priority switch { "urgent" => 20, "high" => 60, "normal" => 180, _ => 480 }, 1.0));
        Comment(Pick(SupportTexts.AgentFirstReplies), agent, t, firstReply: true);

        var replies = Weighted<int>([(1, 0.45), (2, 0.35), (3, 0.20)]);
        for (var reply = 2; reply <= replies; reply++)
        {
            var roll = random.NextDouble();
            if (roll < 0.30)
            {
                // The agent needs something from the customer: pending until they answer.
                Status("pending", agent, t.AddSeconds(10));
                t = t.AddMinutes(Minutes(360, 1.2));
                Comment(Pick(SupportTexts.CustomerNeutral), customer, t);
                Status("open", customer, t.AddSeconds(1));
            }
            else if (roll < 0.35)
            {
                // Waiting on a third party (the carrier, engineering).
                Status("on-hold", agent, t.AddMinutes(5));
                t = t.AddDays(1 + random.NextDouble() * 3);
                Status("open", agent, t);
            }
            else if (roll < 0.70)
            {
                var unhappy = random.NextDouble() < 0.5;
                negative |= unhappy;
                t = t.AddMinutes(Minutes(180, 1.2));
                Comment(unhappy ? Pick(SupportTexts.CustomerNegative) : Pick(SupportTexts.CustomerNeutral), customer, t);
            }
            t = t.AddMinutes(speed * Minutes(240, 1.0));
            Comment(Pick(SupportTexts.AgentFollowUps), agent, t);
        }

        var solved = random.NextDouble() >= 0.025; // some tickets are never solved: forgotten, or waiting for good
        if (solved)
        {
            if (random.NextDouble() < 0.25)
            {
                t = t.AddMinutes(Minutes(60, 1.0));
                Comment(Pick(SupportTexts.CustomerPositive), customer, t);
                t = t.AddMinutes(Minutes(30, 1.0));
            }
            else
                t = t.AddMinutes(Minutes(120, 1.2));
            Solve(t);

            if (random.NextDouble() < 0.05)
            {
                reopened = negative = true;
                t = t.AddMinutes(Minutes(1440, 0.8));
                Comment(Pick(SupportTexts.ReopenComments), customer, t);
                t = t.AddSeconds(1);
                Status("open", customer, t);
                events.Add(new TicketReopened(id, 1, agentId, group, priority, customer, t));
                t = t.AddMinutes(speed * Minutes(180, 1.0));
                Comment(Pick(SupportTexts.AgentFollowUps), agent, t);
                t = t.AddMinutes(Minutes(120, 1.0));
                Solve(t);
            }

            if (random.NextDouble() < 0.30)
            {
                var good = 0.88 * (reopened ? 0.55 : 1) * (negative ? 0.7 : 1) * ((t - createdAt).TotalDays > 3 ? 0.8 : 1);
                var score = random.NextDouble() < good ? "good" : "bad";
                string? remark = random.NextDouble() < 0.3 ? Pick(score == "good" ? SupportTexts.GoodRatingComments : SupportTexts.BadRatingComments) : null;
                t = t.AddMinutes(Minutes(300, 1.2));
                events.Add(new SatisfactionRated(id, score, remark, agentId, requester, t));
            }
        }

        // The history ends at midnight: what would happen later has not happened yet.
        var kept = events.FindIndex(e => StoredEvents.OccurredAt(e) >= end);
        if (kept >= 0)
            events.RemoveRange(kept, events.Count - kept);
        var final = events.OfType<TicketStatusChanged>().LastOrDefault()?.NewStatus ?? "new";
        if (final == "solved") Counts.Solved++; else Counts.Unsolved++;
        if (events.OfType<TicketReopened>().Any()) Counts.Reopened++;
        foreach (var comment in events.OfType<TicketCommentAdded>())
            if (comment.Author.Type == "agent") Counts.AgentComments++; else Counts.CustomerComments++;
        if (events.OfType<SatisfactionRated>().FirstOrDefault() is { } rating)
        {
            Counts.Rated++;
            if (rating.Score == "good") Counts.RatedGood++;
        }
    }

    // Longtime customers write in more often than new ones.
    private int Requester(DateTimeOffset at)
    {
        var index = Array.BinarySearch(customerCreated, at);
        var existing = index >= 0 ? index + 1 : ~index;
        if (existing == 0)
            return 1;
        return 1 + Math.Min(existing - 1, (int)(existing * Math.Pow(random.NextDouble(), 1.4)));
    }

    private Topic PickTopic()
    {
        var roll = random.NextDouble() * SupportTexts.Topics.Sum(t => t.Weight);
        foreach (var topic in SupportTexts.Topics)
        {
            roll -= topic.Weight;
            if (roll < 0)
                return topic;
        }
        return SupportTexts.Topics[^1];
    }

    private T Weighted<T>((T Value, double Weight)[] choices)
    {
        var roll = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
                return value;
        }
        return choices[^1].Value;
    }

    private string Pick(string[] values) => values[random.Next(values.Length)];

    // A log-normal duration in minutes around a median, from a minute (so a ticket's events keep their order) to three weeks.
    private double Minutes(double median, double sigma) => Math.Clamp(LogNormal(median, sigma), 1, 21 * 1440);

    private double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Gaussian());

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static DateTimeOffset Second(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static string Ascii(string name) =>
        name.ToLowerInvariant().Replace("ü", "ue").Replace("ö", "oe").Replace("ä", "ae");
}
