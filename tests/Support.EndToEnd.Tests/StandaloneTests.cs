using System.Net;
using System.Net.Http.Json;
using Support.EndToEnd.Tests.Infrastructure;

namespace Support.EndToEnd.Tests;

/// <summary>
/// The newcomer's command (`dotnet run --project deploy/Support.Standalone`), run as the built dll with the same
/// settings: no servers, a SQLite file, the API and Swagger UI on one port.
/// </summary>
public sealed class StandaloneTests : IDisposable
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("support-standalone-").FullName;

    [Fact]
    public async Task The_standalone_command_serves_the_api()
    {
        var url = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        var databaseFile = Path.Combine(dataFolder, "ticket.db");
        using var standalone = ServiceProcess.Start("standalone", RepoPaths.BuiltDll("deploy/Support.Standalone"), url, new Dictionary<string, string>
        {
            ["Urls"] = url.ToString(),
            ["ConnectionStrings__Ticket"] = $"Data Source={databaseFile}",
        });
        await ServiceProcess.WaitUntilReadyAsync([standalone], TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(15) };

        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "First ticket on my laptop",
            description = "Trying Support without any servers.",
            requester = new { email = "newcomer@example.com", name = "Nia Newcomer" },
        });
        var id = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var read = await (await client.GetAsync(created.Headers.Location)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, read.GetProperty("id").GetInt32());
        Assert.Equal("First ticket on my laptop", read.Text("subject"));

        var ui = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger-ui", await ui.Content.ReadAsStringAsync());
        Assert.True(File.Exists(databaseFile), $"No SQLite file at {databaseFile}.");
    }

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);
}
