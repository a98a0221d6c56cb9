using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Support.Analytics.Tests.Infrastructure;

/// <summary>
/// The Analytics service on a database and RabbitMQ virtual host of its own (PostgreSQL), or on a SQLite file with the
/// in-memory bus (the standalone mode). Tests publish other services' events on its bus and wait until all are consumed.
/// </summary>
public sealed class AnalyticsApp(bool sqlite = false) : ServiceApp<Program>("Analytics", sqlite)
{
    private readonly ConsumedMessages consumed = new();
    private int published;

    public static async Task<AnalyticsApp> StartAsync(bool sqlite = false)
    {
        var app = new AnalyticsApp(sqlite);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Publishes an event as its owning service would, with this MessageId (the same id twice: a redelivery).</summary>
    public async Task PublishAsync(object message, Guid messageId)
    {
        Interlocked.Increment(ref published);
        await Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context => context.MessageId = messageId);
    }

    /// <summary>Waits until every message published so far has been consumed.</summary>
    public async Task WaitForConsumedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (consumed.Count < Volatile.Read(ref published))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {consumed.Count} of {published} published events were consumed.");
            await Task.Delay(50);
        }
    }

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await Client().GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public async Task<string> GetTextAsync(string path)
    {
        var response = await Client().GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IConsumeObserver>(consumed));

    /// <summary>Counts messages the service's consumers handled.</summary>
    private sealed class ConsumedMessages : IConsumeObserver
    {
        private int count;
        public int Count => Volatile.Read(ref count);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            Interlocked.Increment(ref count);
            return Task.CompletedTask;
        }

        /// <summary>A failed attempt is retried; one that keeps failing never counts, and the wait times out naming the shortfall.</summary>
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
