using Microsoft.EntityFrameworkCore;
using Support.Analytics.Data;
using Support.Analytics.Tickets;

namespace Support.Analytics.Reports;

/// <summary>The figures of consecutive buckets (one for a summary), in total and per group, from the read models.</summary>
public sealed class ReportCalculator(AnalyticsDbContext db)
{
    public sealed record Bucketed(DateTimeOffset Start, DateTimeOffset End, ReportFigures Total, IReadOnlyList<GroupFigures> Groups, KnowledgeBaseFigures KnowledgeBase);

    /// <summary>What the reports read of a ticket's metrics.</summary>
    private sealed record TicketFact(
        TicketAttributes Attributes, DateTimeOffset CreatedAt, DateTimeOffset? FirstReplyAt, DateTimeOffset? SolvedAt, DateTimeOffset? RatedAt,
        double? FirstReplyMinutes, double? FirstResolutionMinutes, double? FullResolutionMinutes, double? FirstReplyBusinessMinutes,
        double? FirstResolutionBusinessMinutes, double? FullResolutionBusinessMinutes, int Reopens, bool? OneTouch, string? Satisfaction,
        double? Sentiment, int CustomerComments);

    /// <param name="bounds">Bucket boundaries in order: bucket i is [bounds[i], bounds[i + 1]).</param>
    public async Task<IReadOnlyList<Bucketed>> CalculateAsync(IReadOnlyList<DateTimeOffset> bounds, GroupBy? groupBy, CancellationToken ct)
    {
        var (start, end) = (bounds[0], bounds[^1]);
        // PostgreSQL aggregates the tickets where they are; on SQLite (standalone) the service reads and aggregates them.
        var aggregated = db.Database.IsNpgsql() ? await AggregateInDatabaseAsync(bounds, groupBy, ct) : null;
        var tickets = aggregated is not null ? [] : await db.TicketMetrics.AsNoTracking()
            .Where(t => (t.CreatedAt >= start && t.CreatedAt < end) || (t.SolvedAt >= start && t.SolvedAt < end)
                || (t.FirstReplyAt >= start && t.FirstReplyAt < end) || (t.RatedAt >= start && t.RatedAt < end))
            .Select(t => new TicketFact(
                new TicketAttributes
                {
                    Channel = t.Channel, Priority = t.Priority, Category = t.Category, GroupId = t.GroupId, AssigneeId = t.AssigneeId,
                    OrganizationId = t.OrganizationId,
                },
                t.CreatedAt, t.FirstReplyAt, t.SolvedAt, t.RatedAt, t.FirstReplyMinutes, t.FirstResolutionMinutes, t.FullResolutionMinutes,
                t.FirstReplyBusinessMinutes, t.FirstResolutionBusinessMinutes, t.FullResolutionBusinessMinutes, t.Reopens, t.OneTouch, t.Satisfaction, t.Sentiment, t.CustomerComments))
            .ToListAsync(ct);
        // One bucket: the backlog is counted by the database; several: each open span is read, once.
        var backlog = bounds.Count == 2 ? [] : await db.UnsolvedSpans.AsNoTracking()
            .Where(s => s.From < end && (s.To == null || s.To > bounds[1]))
            .Select(s => new { s.From, s.To, s.Ticket }).ToListAsync(ct);
        var answers = await db.Answers.AsNoTracking().Where(a => a.AskedAt >= start && a.AskedAt < end)
            .Select(a => new { a.AskedAt, a.Matched, a.Deflected }).ToListAsync(ct);

        var buckets = bounds.Count - 1;
        var totals = Enumerable.Range(0, buckets).Select(_ => new Accumulator()).ToArray();
        var groups = new Dictionary<(int Bucket, string? Key), Accumulator>();
        Accumulator Group(int bucket, string? key) =>
            groups.TryGetValue((bucket, key), out var group) ? group : groups[(bucket, key)] = new Accumulator();
        void Add(DateTimeOffset? at, TicketAttributes attributes, Action<Accumulator> add)
        {
            if (at is not { } time || BucketOf(bounds, time) is not { } bucket)
                return;
            add(totals[bucket]);
            if (groupBy is { } by)
                add(Group(bucket, KeyOf(attributes, by)));
        }

        foreach (var t in tickets)
        {
            Add(t.CreatedAt, t.Attributes, a => a.AddCreated(t));
            Add(t.FirstReplyAt, t.Attributes, a => a.AddFirstReply(t));
            Add(t.SolvedAt, t.Attributes, a => a.AddSolved(t));
            Add(t.RatedAt, t.Attributes, a => a.AddRating(t.Satisfaction));
        }
        // A span is in the backlog at each bucket end inside it: +1 where that run of buckets starts, -1 after it ends.
        var backlogChanges = new Dictionary<(bool Total, string? Key), int[]>();
        void Change((bool, string?) key, int first, int last)
        {
            if (!backlogChanges.TryGetValue(key, out var changes))
                backlogChanges[key] = changes = new int[buckets + 1];
            changes[first]++;
            changes[last]--;
        }
        foreach (var s in backlog)
        {
            var first = BucketOf(bounds, s.From) ?? 0;
            var after = s.To is { } to ? FirstBucketEndingAtOrAfter(bounds, to) : buckets;
            if (after <= first)
                continue;
            Change((true, null), first, after);
            if (groupBy is { } by)
                Change((false, KeyOf(s.Ticket, by)), first, after);
        }
        foreach (var row in aggregated ?? [])
            (row.IsTotal == 1 ? totals[row.Bucket - 1] : Group(row.Bucket - 1, row.Key)).Add(row);
        if (buckets == 1)
            await CountBacklogAsync(end, groupBy, totals[0], key => Group(0, key), ct);
        foreach (var (key, changes) in backlogChanges)
            for (int bucket = 0, running = 0; bucket < buckets; bucket++)
            {
                running += changes[bucket];
                if (running == 0)
                    continue;
                (key.Total ? totals[bucket] : Group(bucket, key.Key)).Backlog = running;
            }
        var knowledge = Enumerable.Range(0, buckets).Select(_ => new KnowledgeAccumulator()).ToArray();
        foreach (var answer in answers)
            if (BucketOf(bounds, answer.AskedAt) is { } bucket)
                knowledge[bucket].Add(answer.Matched, answer.Deflected);

        return Enumerable.Range(0, buckets).Select(bucket => new Bucketed(
            bounds[bucket], bounds[bucket + 1], totals[bucket].Figures(),
            groups.Where(g => g.Key.Bucket == bucket)
                .OrderBy(g => g.Key.Key is null).ThenBy(g => g.Key.Key, KeyComparer.Instance)
                .Select(g => new GroupFigures(g.Key.Key, g.Value.Figures())).ToList(),
            knowledge[bucket].Figures())).ToList();
    }

    /// <summary>
    /// Figures of one bucket (1 = the first), in total or for one group, as PostgreSQL aggregates them
    /// (percentile_cont interpolates as <see cref="Percentile"/>).
    /// </summary>
    public sealed class DatabaseFigures
    {
        public int Bucket { get; set; }
        public int IsTotal { get; set; }
        public string? Key { get; set; }
        public long Created { get; set; }
        public double SentimentSum { get; set; }
        public long Comments { get; set; }
        public long Solved { get; set; }
        public long Reopened { get; set; }
        public long OneTouch { get; set; }
        public long Good { get; set; }
        public long Bad { get; set; }
        public double? FirstReply50 { get; set; }
        public double? FirstReply90 { get; set; }
        public double? FirstResolution50 { get; set; }
        public double? FullResolution50 { get; set; }
        public double? FullResolution90 { get; set; }
        public double? FirstReplyBusiness50 { get; set; }
        public double? FirstReplyBusiness90 { get; set; }
        public double? FirstResolutionBusiness50 { get; set; }
        public double? FullResolutionBusiness50 { get; set; }
        public double? FullResolutionBusiness90 { get; set; }
    }

    /// <summary>
    /// Each figure PostgreSQL computes: its column, the moment a ticket counts at for it, its aggregate (@when: the
    /// condition a ticket must meet for that moment) and the value a query for another moment returns in its place.
    /// </summary>
    private static readonly (string Column, string Moment, string Aggregate, string None)[] DatabaseColumns =
    [
        ("Created", "CreatedAt", "count(*) FILTER (WHERE @when)", "0::bigint"),
        ("SentimentSum", "CreatedAt", "COALESCE(sum(COALESCE(\"Sentiment\", 0) * \"CustomerComments\") FILTER (WHERE @when), 0)", "0::float8"),
        ("Comments", "CreatedAt", "COALESCE(sum(\"CustomerComments\") FILTER (WHERE @when), 0)", "0::bigint"),
        ("FirstReply50", "FirstReplyAt", "percentile_cont(0.5) WITHIN GROUP (ORDER BY \"FirstReplyMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FirstReply90", "FirstReplyAt", "percentile_cont(0.9) WITHIN GROUP (ORDER BY \"FirstReplyMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("Solved", "SolvedAt", "count(*) FILTER (WHERE @when)", "0::bigint"),
        ("Reopened", "SolvedAt", "count(*) FILTER (WHERE @when AND \"Reopens\" > 0)", "0::bigint"),
        ("OneTouch", "SolvedAt", "count(*) FILTER (WHERE @when AND \"OneTouch\")", "0::bigint"),
        ("FirstResolution50", "SolvedAt", "percentile_cont(0.5) WITHIN GROUP (ORDER BY \"FirstResolutionMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FullResolution50", "SolvedAt", "percentile_cont(0.5) WITHIN GROUP (ORDER BY \"FullResolutionMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FullResolution90", "SolvedAt", "percentile_cont(0.9) WITHIN GROUP (ORDER BY \"FullResolutionMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FirstReplyBusiness50", "FirstReplyAt", "percentile_cont(0.5) WITHIN GROUP (ORDER BY \"FirstReplyBusinessMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FirstReplyBusiness90", "FirstReplyAt", "percentile_cont(0.9) WITHIN GROUP (ORDER BY \"FirstReplyBusinessMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FirstResolutionBusiness50", "SolvedAt", "percentile_cont(0.5) WITHIN GROUP (ORDER BY \"FirstResolutionBusinessMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FullResolutionBusiness50", "SolvedAt", "percentile_cont(0.5) WITHIN GROUP (ORDER BY \"FullResolutionBusinessMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("FullResolutionBusiness90", "SolvedAt", "percentile_cont(0.9) WITHIN GROUP (ORDER BY \"FullResolutionBusinessMinutes\") FILTER (WHERE @when)", "NULL::float8"),
        ("Good", "RatedAt", "count(*) FILTER (WHERE @when AND \"Satisfaction\" = 'good')", "0::bigint"),
        ("Bad", "RatedAt", "count(*) FILTER (WHERE @when AND \"Satisfaction\" = 'bad')", "0::bigint"),
    ];

    /// <summary>
    /// One period: a single pass over the tickets it touches, each figure counting those whose moment falls in it. A
    /// series: one query per moment (created, first replied, solved, rated), bucketed by its own time (faster than one
    /// pass for many buckets, slower for one).
    /// </summary>
    private async Task<List<DatabaseFigures>> AggregateInDatabaseAsync(IReadOnlyList<DateTimeOffset> bounds, GroupBy? groupBy, CancellationToken ct)
    {
        // The key is one of these columns, never request text.
        var key = groupBy switch
        {
            GroupBy.Channel => "\"Channel\"",
            GroupBy.Priority => "\"Priority\"",
            GroupBy.Category => "\"Category\"",
            GroupBy.Group => "\"GroupId\"::text",
            GroupBy.Agent => "\"AssigneeId\"::text",
            GroupBy.Organisation => "\"OrganizationId\"::text",
            _ => null,
        };
        static string InPeriod(string moment) => $$"""("{{moment}}" >= {1} AND "{{moment}}" < {2})""";
        string Query(string bucket, Func<(string Column, string Moment, string Aggregate, string None), string> column, string where) => $$"""
            SELECT {{bucket}} AS "Bucket", {{(key is null ? "1" : $"GROUPING({key})")}} AS "IsTotal", {{key ?? "NULL::text"}} AS "Key",
                {{string.Join(",\n", DatabaseColumns.Select(c => $"{column(c)} AS \"{c.Column}\""))}}
            FROM ticket_metrics
            WHERE {{where}}
            {{(key is null ? (bucket == "1" ? "" : $"GROUP BY {bucket}") : $"GROUP BY GROUPING SETS (({bucket}), ({bucket}, {key}))")}}
            """;

        var moments = DatabaseColumns.Select(c => c.Moment).Distinct().ToList();
        var sqls = bounds.Count == 2
            ? [Query("1", c => c.Aggregate.Replace("@when", InPeriod(c.Moment)), string.Join(" OR ", moments.Select(InPeriod)))]
            : moments.Select(moment => Query($$"""width_bucket("{{moment}}", {0})""",
                c => c.Moment == moment ? c.Aggregate.Replace("@when", "true") : c.None, InPeriod(moment))).ToList();
        var rows = new List<DatabaseFigures>();
        foreach (var sql in sqls)
            rows.AddRange(await db.Database.SqlQueryRaw<DatabaseFigures>(sql, bounds.ToArray(), bounds[0], bounds[^1]).ToListAsync(ct));
        return rows;
    }

    private async Task CountBacklogAsync(DateTimeOffset at, GroupBy? groupBy, Accumulator total, Func<string?, Accumulator> group, CancellationToken ct)
    {
        var open = db.UnsolvedSpans.Where(s => s.From < at && (s.To == null || s.To > at));
        total.Backlog = await open.CountAsync(ct);
        if (groupBy is not { } by)
            return;
        var counts = by switch
        {
            GroupBy.Channel => await CountByAsync(open, s => s.Ticket.Channel, ct),
            GroupBy.Priority => await CountByAsync(open, s => s.Ticket.Priority, ct),
            GroupBy.Category => await CountByAsync(open, s => s.Ticket.Category, ct),
            GroupBy.Group => await CountByAsync(open, s => s.Ticket.GroupId, ct),
            GroupBy.Agent => await CountByAsync(open, s => s.Ticket.AssigneeId, ct),
            _ => await CountByAsync(open, s => s.Ticket.OrganizationId, ct),
        };
        foreach (var (key, count) in counts)
            group(key).Backlog = count;
    }

    private static async Task<List<(string? Key, int Count)>> CountByAsync<TKey>(
        IQueryable<UnsolvedSpan> spans, System.Linq.Expressions.Expression<Func<UnsolvedSpan, TKey>> key, CancellationToken ct) =>
        (await spans.GroupBy(key).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.Key?.ToString(), g.Count)).ToList();

    /// <summary>Each agent's tickets unsolved now: those whose unsolved span has not ended.</summary>
    public async Task<Dictionary<int, int>> CurrentLoadAsync(CancellationToken ct) =>
        await db.UnsolvedSpans.Where(s => s.To == null && s.Ticket.AssigneeId != null)
            .GroupBy(s => s.Ticket.AssigneeId!.Value).Select(g => new { AgentId = g.Key, Load = g.Count() })
            .ToDictionaryAsync(g => g.AgentId, g => g.Load, ct);

    public static string? KeyOf(TicketAttributes t, GroupBy by) => by switch
    {
        GroupBy.Channel => t.Channel,
        GroupBy.Priority => t.Priority,
        GroupBy.Category => t.Category,
        GroupBy.Group => t.GroupId?.ToString(),
        GroupBy.Agent => t.AssigneeId?.ToString(),
        GroupBy.Organisation => t.OrganizationId?.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(by)),
    };

    /// <summary>The first bucket whose end is at or after <paramref name="time"/> (the bucket count when none is).</summary>
    private static int FirstBucketEndingAtOrAfter(IReadOnlyList<DateTimeOffset> bounds, DateTimeOffset time)
    {
        int low = 0, high = bounds.Count - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (bounds[middle + 1] >= time) high = middle; else low = middle + 1;
        }
        return low;
    }

    private static int? BucketOf(IReadOnlyList<DateTimeOffset> bounds, DateTimeOffset time)
    {
        if (time < bounds[0] || time >= bounds[^1])
            return null;
        int low = 0, high = bounds.Count - 2;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (bounds[middle] <= time) low = middle; else high = middle - 1;
        }
        return low;
    }

    /// <summary>Numeric keys (ids) in numeric order, names in ordinal order.</summary>
    public sealed class KeyComparer : IComparer<string?>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(string? x, string? y) =>
            long.TryParse(x, out var a) && long.TryParse(y, out var b) ? a.CompareTo(b) : string.CompareOrdinal(x, y);
    }

    private sealed class Accumulator
    {
        public int Created, Solved, Backlog, Reopened, OneTouch, Good, Bad;
        public readonly List<double> FirstReply = [], FirstResolution = [], FullResolution = [];
        public readonly List<double> FirstReplyBusiness = [], FirstResolutionBusiness = [], FullResolutionBusiness = [];
        private double sentimentSum;
        private int comments;

        public void AddCreated(TicketFact t)
        {
            Created++;
            sentimentSum += (t.Sentiment ?? 0) * t.CustomerComments;
            comments += t.CustomerComments;
        }

        public void AddFirstReply(TicketFact t)
        {
            FirstReply.Add(t.FirstReplyMinutes!.Value);
            if (t.FirstReplyBusinessMinutes is { } business) FirstReplyBusiness.Add(business);
        }

        public void AddSolved(TicketFact t)
        {
            Solved++;
            if (t.Reopens > 0) Reopened++;
            if (t.OneTouch == true) OneTouch++;
            if (t.FirstResolutionMinutes is { } first) FirstResolution.Add(first);
            if (t.FullResolutionMinutes is { } full) FullResolution.Add(full);
            if (t.FirstResolutionBusinessMinutes is { } firstBusiness) FirstResolutionBusiness.Add(firstBusiness);
            if (t.FullResolutionBusinessMinutes is { } fullBusiness) FullResolutionBusiness.Add(fullBusiness);
        }

        public void AddRating(string? score)
        {
            if (score == "good") Good++;
            else if (score == "bad") Bad++;
        }

        private bool aggregated;
        private double? firstReply50, firstReply90, firstResolution50, fullResolution50, fullResolution90;
        private double? firstReplyBusiness50, firstReplyBusiness90, firstResolutionBusiness50, fullResolutionBusiness50, fullResolutionBusiness90;

        public void Add(DatabaseFigures row)
        {
            aggregated = true;
            Created += (int)row.Created;
            Solved += (int)row.Solved;
            Reopened += (int)row.Reopened;
            OneTouch += (int)row.OneTouch;
            Good += (int)row.Good;
            Bad += (int)row.Bad;
            sentimentSum += row.SentimentSum;
            comments += (int)row.Comments;
            firstReply50 ??= Round(row.FirstReply50);
            firstReply90 ??= Round(row.FirstReply90);
            firstResolution50 ??= Round(row.FirstResolution50);
            fullResolution50 ??= Round(row.FullResolution50);
            fullResolution90 ??= Round(row.FullResolution90);
            firstReplyBusiness50 ??= Round(row.FirstReplyBusiness50);
            firstReplyBusiness90 ??= Round(row.FirstReplyBusiness90);
            firstResolutionBusiness50 ??= Round(row.FirstResolutionBusiness50);
            fullResolutionBusiness50 ??= Round(row.FullResolutionBusiness50);
            fullResolutionBusiness90 ??= Round(row.FullResolutionBusiness90);
        }

        public ReportFigures Figures() => new(
            Created, Solved, Backlog, Rate(Solved, Created),
            aggregated ? firstReply50 : Percentile(FirstReply, 0.5),
            aggregated ? firstReply90 : Percentile(FirstReply, 0.9),
            aggregated ? firstResolution50 : Percentile(FirstResolution, 0.5),
            aggregated ? fullResolution50 : Percentile(FullResolution, 0.5),
            aggregated ? fullResolution90 : Percentile(FullResolution, 0.9),
            aggregated ? firstReplyBusiness50 : Percentile(FirstReplyBusiness, 0.5),
            aggregated ? firstReplyBusiness90 : Percentile(FirstReplyBusiness, 0.9),
            aggregated ? firstResolutionBusiness50 : Percentile(FirstResolutionBusiness, 0.5),
            aggregated ? fullResolutionBusiness50 : Percentile(FullResolutionBusiness, 0.5),
            aggregated ? fullResolutionBusiness90 : Percentile(FullResolutionBusiness, 0.9),
            Rate(Good, Good + Bad), Good + Bad, Rate(Reopened, Solved), Rate(OneTouch, Solved),
            comments == 0 ? null : Math.Round(sentimentSum / comments, 4), comments);
    }

    private sealed class KnowledgeAccumulator
    {
        private int asked, matched, deflected;

        public void Add(bool isMatched, bool? isDeflected)
        {
            asked++;
            if (isMatched) matched++;
            if (isDeflected == true) deflected++;
        }

        public KnowledgeBaseFigures Figures() => new(asked, matched, Rate(matched, asked), deflected, Rate(deflected, asked));
    }

    private static double? Round(double? minutes) => minutes is { } value ? Math.Round(value, 2) : null;

    public static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    /// <summary>Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont; null for no values.</summary>
    public static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
            return null;
        values.Sort();
        var position = p * (values.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return Math.Round(values[low] + (values[high] - values[low]) * (position - low), 2);
    }
}
