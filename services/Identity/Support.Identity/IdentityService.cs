using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Support.Hosting.Data;
using Support.Hosting.Idempotency;
using Support.Hosting.Messaging;
using Support.Hosting.Security;
using Support.Identity.Clients;
using Support.Identity.Consumers;
using Support.Identity.Data;
using Support.Identity.PersonalData;
using Support.Identity.SigningKeys;
using Support.Identity.Tokens;
using Support.Identity.Users;

namespace Support.Identity;

/// <summary>The Identity service as a composable unit: any host can run it alone or beside the other services.</summary>
public static class IdentityService
{
    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentitySettings>().BindConfiguration("Identity");
        builder.AddServiceDatabase<IdentityDbContext>("Identity");
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<CustomerCreatedConsumer>();
            bus.AddConsumer<CustomerAccountLinkedConsumer>();
            bus.AddConsumer<CustomerErasureConsumer>();
            bus.AddConsumer<CustomerDataErasedConsumer>();
        });
        builder.Services.AddOptions<PersonalDataOptions>().BindConfiguration("PersonalData");
        builder.Services.AddHttpClient<PersonalDataSources>();
        builder.AddUsers();
        builder.AddTokenServer();
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<ISigningKeySource>(services => services.GetRequiredService<SigningKeyRing>());
        // Started in this order, after the schema migrator that AddServiceDatabase registered.
        builder.Services.AddHostedService<SigningKeyLoader>();
        builder.Services.AddHostedService<BuiltInClients>();
        builder.Services.AddHostedService<BootstrapAdmin>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityService(this IEndpointRouteBuilder host)
    {
        var access = host.MapGroup("").WithAccessRules(IdentityAccess.Rules); // who may call what: IdentityAccess
        access.MapTokenEndpoint(); // outside the Idempotency-Key group: a token answer is never kept
        var routes = access.MapGroup("").WithIdempotencyKeys<IdentityDbContext>(); // every POST accepts Idempotency-Key
        routes.MapUsersApi();
        routes.MapClientsApi();
        routes.MapPersonalDataApi();
        return host;
    }

    /// <summary>ASP.NET Core Identity on the users table alone (one role per user, a column): passwords, lockout.</summary>
    private static void AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<User>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = ""; // the user name is the email, validated as one
            })
            .AddSignInManager();
        builder.Services.AddOptions<IdentityOptions>().Configure<IOptions<IdentitySettings>>((options, settings) =>
        {
            options.Lockout.MaxFailedAccessAttempts = settings.Value.Lockout.MaxFailedAttempts;
            options.Lockout.DefaultLockoutTimeSpan = settings.Value.Lockout.Duration;
        });
        builder.Services.AddScoped<IUserStore<User>, Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserOnlyStore<User, IdentityDbContext, int>>();
    }
}
