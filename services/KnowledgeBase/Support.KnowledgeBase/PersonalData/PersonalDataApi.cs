using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Support.KnowledgeBase.Data;

namespace Support.KnowledgeBase.PersonalData;

public record AskedQuestion(Guid AnswerId, string Question, string Locale, IReadOnlyList<int> ArticleIds, bool Handoff, bool? Solved, DateTimeOffset AskedAt);

/// <summary>What the knowledge base holds about a customer: the questions they asked the answer bot.</summary>
public record CustomerKnowledgeBaseData(int CustomerId, IReadOnlyList<AskedQuestion> Questions);

public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalDataApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/kb/customers").WithTags("Personal data");
        api.MapGet("/{id:int}/personal-data", Get).WithName("GetCustomerKnowledgeBaseData")
            .WithSummary("The questions a customer asked the answer bot, for an export (admins; Identity gathers it from every service)");
        return api;
    }

    public static async Task<Ok<CustomerKnowledgeBaseData>> Get(int id, KnowledgeBaseDbContext db, CancellationToken ct)
    {
        var answers = await db.Answers.AsNoTracking().Where(a => a.CustomerId == id).OrderBy(a => a.AskedAt).ToListAsync(ct);
        return TypedResults.Ok(new CustomerKnowledgeBaseData(id,
            answers.Select(a => new AskedQuestion(a.Id, a.Question, a.Locale, a.ArticleIds, a.Handoff, a.Deflected, a.AskedAt)).ToList()));
    }
}
