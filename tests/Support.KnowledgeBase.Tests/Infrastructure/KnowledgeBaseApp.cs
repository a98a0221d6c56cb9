using MassTransit;
using Support.Contracts.KnowledgeBase;

namespace Support.KnowledgeBase.Tests.Infrastructure;

/// <summary>
/// The KnowledgeBase service on a database and RabbitMQ virtual host of its own (PostgreSQL), or on a SQLite file
/// with the in-memory bus (the standalone mode), with a subscriber recording every event it publishes.
/// </summary>
public sealed class KnowledgeBaseApp(bool sqlite = false) : ServiceApp<Program>("KnowledgeBase", sqlite)
{
    public EventListener? Events { get; private set; }

    public static async Task<KnowledgeBaseApp> StartAsync(bool sqlite = false)
    {
        var app = new KnowledgeBaseApp(sqlite);
        await app.InitializeAsync();
        if (!sqlite)
            app.Events = await EventListener.StartAsync(app.RabbitMqUri, typeof(ArticlePublished), typeof(ArticleUpdated),
                typeof(ArticleArchived), typeof(ArticleFeedbackGiven), typeof(QuestionAnswered), typeof(ArticlesSuggested));
        return app;
    }

    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        (Events ?? throw new InvalidOperationException("The SQLite app has no broker.")).PublishAsync(message, messageId ?? NewId.NextGuid());

    public override async ValueTask DisposeAsync()
    {
        if (Events is not null)
            await Events.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>One KnowledgeBase service on PostgreSQL shared by the tests of a class, which xunit runs one at a time.</summary>
public sealed class KnowledgeBaseAppFixture : IAsyncLifetime
{
    public KnowledgeBaseApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await KnowledgeBaseApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
