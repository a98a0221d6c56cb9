namespace Support.Analytics.Reports;

/// <summary>
/// A period's figures. Created: tickets created in it; solved: tickets whose last solve falls in it; backlog: tickets
/// unsolved at its end. Reply times count tickets first replied to in the period; resolution times, reopen and
/// one-touch rates count the solved; CSAT counts ratings given in it; sentiment, the customers' comments on the tickets
/// created in it. Each time in calendar minutes has a twin in business minutes (see TicketMetrics).
/// </summary>
public sealed record ReportFigures(
    int Created,
    int Solved,
    int Backlog,
    double? ResolutionRate,
    double? FirstReplyMedianMinutes,
    double? FirstReplyP90Minutes,
    double? FirstResolutionMedianMinutes,
    double? FullResolutionMedianMinutes,
    double? FullResolutionP90Minutes,
    double? FirstReplyMedianBusinessMinutes,
    double? FirstReplyP90BusinessMinutes,
    double? FirstResolutionMedianBusinessMinutes,
    double? FullResolutionMedianBusinessMinutes,
    double? FullResolutionP90BusinessMinutes,
    double? Csat,
    int CsatResponses,
    double? ReopenRate,
    double? OneTouchRate,
    double? Sentiment,
    int SentimentComments);

/// <summary>The answer bot in a period: questions asked, matched to an article, and deflected (the asker said it helped).</summary>
public sealed record KnowledgeBaseFigures(int Asked, int Matched, double? MatchRate, int Deflected, double? DeflectionRate);

/// <summary>The figures of one group (a channel, an agent, …); key null: tickets without one.</summary>
public sealed record GroupFigures(string? Key, ReportFigures Figures);
