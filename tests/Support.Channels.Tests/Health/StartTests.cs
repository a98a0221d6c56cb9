using System.Net;
using Support.Channels.Tests.Infrastructure;

namespace Support.Channels.Tests.Health;

[Collection(ChannelsAppCollection.Name)]
public sealed class StartTests(DefaultChannelsApp app)
{
    [Fact]
    public async Task The_service_starts_on_its_own_database_and_reports_ready()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await app.CountAsync("outgoing_emails"));
    }
}
