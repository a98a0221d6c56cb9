using Microsoft.Extensions.DependencyInjection.Extensions;
using Support.Hosting.Data;

namespace Support.Hosting.Idempotency;

public static class IdempotencySetup
{
    /// <summary>Options and the expired-key cleanup of one service database (called by AddServiceDatabase).</summary>
    public static IHostApplicationBuilder AddIdempotencyKeys<TContext>(this IHostApplicationBuilder builder) where TContext : ServiceDbContext
    {
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency");
        builder.Services.TryAddSingleton<IdempotencyKeyCleanup<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyKeyCleanup<TContext>>());
        return builder;
    }

    /// <summary>The POSTs of these endpoints accept Idempotency-Key, recorded in <typeparamref name="TContext"/>'s database.</summary>
    public static RouteGroupBuilder WithIdempotencyKeys<TContext>(this RouteGroupBuilder group) where TContext : ServiceDbContext =>
        group.WithMetadata(new IdempotentEndpoint(typeof(TContext)));
}
