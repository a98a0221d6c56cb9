using Support.Hosting.Security;
using Support.Hosting.Data;
using Support.Hosting.Idempotency;
using Support.Hosting.Messaging;
using Support.KnowledgeBase.Answers;
using Support.KnowledgeBase.Articles;
using Support.KnowledgeBase.Categories;
using Support.KnowledgeBase.Data;
using Support.KnowledgeBase.PersonalData;
using Support.KnowledgeBase.ProblemLibrary;
using Support.KnowledgeBase.Search;
using Support.KnowledgeBase.Suggestions;

namespace Support.KnowledgeBase;

/// <summary>The KnowledgeBase service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class KnowledgeBaseService
{
    public static IHostApplicationBuilder AddKnowledgeBaseService(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<KnowledgeBaseDbContext>("KnowledgeBase");
        builder.Services.AddOptions<KnowledgeBaseOptions>().BindConfiguration("KnowledgeBase");
        builder.Services.AddScoped<ArticleSearch>();
        builder.Services.AddScoped<AnswerBot>();
        builder.Services.AddSingleton<CurrentHandoff>();
        builder.Services.AddSingleton<TermDocumentCounts>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TermDocumentCounts>());
        Support.Text.ChineseWords.Load(); // the answer bot reads jieba's words: no question should wait a second for its dictionary
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<TicketCreatedConsumer>();
            bus.AddConsumer<CustomerErasureConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledgeBaseService(this IEndpointRouteBuilder host)
    {
        var routes = host.MapGroup("").WithIdempotencyKeys<KnowledgeBaseDbContext>().WithAccessRules(KnowledgeBaseAccess.Rules); // every POST accepts Idempotency-Key; who may call what: KnowledgeBaseAccess
        routes.MapArticlesApi();
        routes.MapCategoriesApi();
        routes.MapSearchApi();
        routes.MapAnswersApi();
        routes.MapHandoffCalibrationApi();
        routes.MapProblemsApi();
        routes.MapPersonalDataApi();
        return host;
    }
}
