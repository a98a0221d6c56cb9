using Support.Hosting.Security;
using static Support.Hosting.Security.Caller;
using static Support.Hosting.Security.SupportScopes;

namespace Support.KnowledgeBase;

/// <summary>
/// Who may call what in the knowledge base: customers read published articles, search, vote and ask the answer bot
/// (the handlers answer 404 for drafts and any article's history, so neither leaks); agents write articles, categories
/// and the problem library.
/// </summary>
public static class KnowledgeBaseAccess
{
    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        new("POST", "/api/kb/articles", Staff, KbWrite),
        new("GET", "/api/kb/customers/{id}/personal-data", AdminOnly),
        new("GET", "/api/kb/articles", AnyUser, KbRead),
        new("GET", "/api/kb/articles/{id}", AnyUser, KbRead),
        new("PATCH", "/api/kb/articles/{id}", Staff, KbWrite),
        new("GET", "/api/kb/articles/{id}/versions", AnyUser, KbRead),
        new("GET", "/api/kb/articles/{id}/versions/{version}", AnyUser, KbRead),
        new("POST", "/api/kb/articles/{id}/votes", AnyUser, KbWrite),
        new("POST", "/api/kb/categories", Staff, KbWrite),
        new("GET", "/api/kb/categories", AnyUser, KbRead),
        new("GET", "/api/kb/categories/{id}", AnyUser, KbRead),
        new("PATCH", "/api/kb/categories/{id}", Staff, KbWrite),
        new("GET", "/api/kb/search", AnyUser, KbRead),
        new("POST", "/api/kb/answers", AnyUser, KbRead),
        new("POST", "/api/kb/answers/{id}/feedback", AnyUser, KbRead),
        new("GET", "/api/kb/answers/calibration", AdminOnly),
        new("POST", "/api/kb/answers/calibration", AdminOnly),
        new("POST", "/api/kb/problems", Staff, KbWrite),
        new("GET", "/api/kb/problems", Staff, KbRead),
        new("GET", "/api/kb/problems/{id}", Staff, KbRead),
        new("PATCH", "/api/kb/problems/{id}", Staff, KbWrite),
        new("DELETE", "/api/kb/problems/{id}", Staff, KbWrite),
        new("POST", "/api/kb/diagnose", Staff, KbRead),
    ];
}
