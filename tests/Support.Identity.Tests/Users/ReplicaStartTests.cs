using Support.Identity.Tests.Infrastructure;

namespace Support.Identity.Tests.Users;

public sealed class ReplicaStartTests
{
    [Fact]
    public async Task Replicas_starting_together_make_one_admin_one_key_and_one_app_client()
    {
        await using var servers = await ServiceServers.CreateAsync("identity");
        await using var first = new IdentityApp(adminPassword: null, shared: servers);
        await using var second = new IdentityApp(adminPassword: null, shared: servers);
        await Task.WhenAll(Task.Run(first.InitializeAsync), Task.Run(second.InitializeAsync));

        Assert.Equal(1, await first.CountAsync("users WHERE \"Role\" = 'admin'"));
        Assert.Equal(1, await first.CountAsync("signing_keys"));
        Assert.Equal(1, await first.CountAsync("openiddict_applications WHERE \"ClientId\" = 'support-app'"));
        Assert.Single(first.Logs.Lines.Concat(second.Logs.Lines), l => l.Contains("Created the first admin"));
    }
}
