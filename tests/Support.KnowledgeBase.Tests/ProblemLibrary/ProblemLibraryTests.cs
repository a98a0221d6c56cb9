using System.Net;
using System.Net.Http.Json;
using Support.Hosting.Http;
using Support.KnowledgeBase.ProblemLibrary;
using Support.KnowledgeBase.Tests.Infrastructure;

namespace Support.KnowledgeBase.Tests.ProblemLibrary;

/// <summary>
/// The problem library: known problems (symptoms, solution, article) and the diagnosis that ranks them against what a
/// customer reports. The library is shared by the tests of this class, so each test uses symptoms of its own subject
/// (printers, Wi-Fi, batteries, screens…) and checks its own problems' places.
/// </summary>
public sealed class ProblemLibraryTests(KnowledgeBaseAppFixture fixture) : IClassFixture<KnowledgeBaseAppFixture>
{
    private readonly KnowledgeBaseApp app = fixture.App;
    private readonly HttpClient client = fixture.App.Client("agent:11");

    private async Task<ProblemResponse> CreateProblemAsync(string title, string[] symptoms, string solution = "Follow the steps.", int? articleId = null)
    {
        var response = await client.PostAsJsonAsync("/api/kb/problems", new { title, symptoms, solution, articleId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ProblemResponse>();
    }

    private async Task<DiagnoseResponse> DiagnoseAsync(object request)
    {
        var response = await client.PostAsJsonAsync("/api/kb/diagnose", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<DiagnoseResponse>();
    }

    private Task<HttpResponseMessage> DeleteAsync(string url, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    // ---------------------------------------------------------------- CRUD

    [Fact]
    public async Task A_problem_is_created_read_listed_patched_with_If_Match_and_deleted()
    {
        var article = await client.CreateArticleAsync("Fix an offline printer", "Restart the spooler.");
        var response = await client.PostAsJsonAsync("/api/kb/problems", new
        {
            title = "  Printer offline  ", symptoms = new[] { " printer shows offline ", "print jobs stuck in the queue", "Printer shows OFFLINE" },
            solution = "Restart the print spooler.", articleId = article.Id,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var created = await response.ReadAsync<ProblemResponse>();
        Assert.Equal($"/api/kb/problems/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Printer offline", "Restart the print spooler.", (int?)article.Id), (created.Title, created.Solution, created.ArticleId));
        Assert.Equal(["printer shows offline", "print jobs stuck in the queue"], created.Symptoms); // trimmed, duplicates dropped

        var read = await client.GetAsync($"/api/kb/problems/{created.Id}");
        Assert.Equal((HttpStatusCode.OK, "\"1\""), (read.StatusCode, read.Headers.ETag?.Tag));
        Assert.Equal(created.Symptoms, (await read.ReadAsync<ProblemResponse>()).Symptoms);

        var second = await CreateProblemAsync("Printer out of toner", ["printed pages are faded"]);
        var listed = new List<int>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<Page<ProblemResponse>>($"/api/kb/problems?limit=1{(cursor is null ? "" : $"&cursor={cursor}")}", KnowledgeBaseApp.Json))!;
            Assert.True(page.Items.Count <= 1);
            listed.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && listed.Count < 500);
        Assert.Equal(listed.Order(), listed);
        Assert.Contains(created.Id, listed);
        Assert.Contains(second.Id, listed);

        var url = $"/api/kb/problems/{created.Id}";
        var patch = await client.PatchJsonAsync(url, new { symptoms = new[] { "printer shows offline", "printer icon greyed out" }, articleId = (int?)null }, "\"1\"");
        Assert.Equal((HttpStatusCode.OK, "\"2\""), (patch.StatusCode, patch.Headers.ETag?.Tag));
        var patched = await patch.ReadAsync<ProblemResponse>();
        Assert.Equal(["printer shows offline", "printer icon greyed out"], patched.Symptoms);
        Assert.Equal(("Printer offline", (int?)null), (patched.Title, patched.ArticleId));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.PatchJsonAsync(url, new { title = "Lost update" }, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await DeleteAsync(url, "\"1\"")).StatusCode);
        Assert.Equal("Printer offline", (await (await client.GetAsync(url)).ReadAsync<ProblemResponse>()).Title);

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(url, "\"2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync(url, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchJsonAsync(url, new { title = "Gone" })).StatusCode);
        var diagnosis = await DiagnoseAsync(new { symptoms = new[] { "printer shows offline" } });
        Assert.DoesNotContain(created.Id, diagnosis.Problems.Select(p => p.Id));
    }

    [Fact]
    public async Task A_problem_linked_to_a_missing_article_is_refused_naming_articleId_on_create_and_on_patch()
    {
        var problem = await CreateProblemAsync("Scanner jams", ["scanner jams on the second page"]);
        var before = await app.RowCountsAsync();

        var create = await client.PostAsJsonAsync("/api/kb/problems", new { title = "Dangling", symptoms = new[] { "anything" }, solution = "None.", articleId = 987_654 });
        var patch = await client.PatchJsonAsync($"/api/kb/problems/{problem.Id}", new { articleId = 987_654 }, "\"1\"");

        foreach (var response in new[] { create, patch })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["articleId"], await response.ProblemFieldsAsync());
        }
        Assert.Equal(before, await app.RowCountsAsync());
        var read = await client.GetAsync($"/api/kb/problems/{problem.Id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Null((await read.ReadAsync<ProblemResponse>()).ArticleId);
    }

    [Fact]
    public async Task Concurrent_patches_without_If_Match_all_apply_and_a_concurrent_delete_leaves_nothing_behind()
    {
        var problem = await CreateProblemAsync("Fax busy", ["fax line always busy"]);
        var url = $"/api/kb/problems/{problem.Id}";

        var patches = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.PatchJsonAsync(url, new { solution = $"Step {i}." })));
        Assert.True(patches.All(r => r.StatusCode == HttpStatusCode.OK), string.Join(", ", patches.Select(r => (int)r.StatusCode)));
        Assert.Equal("\"9\"", (await client.GetAsync(url)).Headers.ETag?.Tag);

        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? DeleteAsync(url, null)
            : client.PatchJsonAsync(url, new { title = $"Fax busy {i}" })));
        var statuses = string.Join(", ", racing.Select(r => (int)r.StatusCode));
        Assert.True(racing.All(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.NotFound), statuses);
        Assert.True(racing.Count(r => r.StatusCode == HttpStatusCode.NoContent) == 1, statuses);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(0, await app.CountAsync($"problems WHERE \"Id\" = {problem.Id}"));
    }

    // ---------------------------------------------------------------- diagnosis

    [Fact]
    public async Task Diagnosis_ranks_problems_by_how_many_of_their_symptoms_match_and_names_the_matched_symptoms()
    {
        var article = await client.CreateArticleAsync("Reboot your router", "Unplug it for ten seconds.");
        var router = await CreateProblemAsync("Router needs a reboot",
            ["wifi keeps disconnecting", "router lights blinking orange", "websites load slowly"], "Unplug the router for ten seconds.", article.Id);
        var interference = await CreateProblemAsync("Radio interference", ["wifi keeps disconnecting", "bluetooth headphones crackle"]);
        var unrelated = await CreateProblemAsync("Foggy camera lens", ["camera lens foggy"]);

        var diagnosis = await DiagnoseAsync(new { symptoms = new[] { "My WiFi keeps disconnecting!", "the router lights are blinking orange" } });

        Assert.False(diagnosis.Escalate);
        Assert.Null(diagnosis.Recommendation);
        Assert.Equal([router.Id, interference.Id], diagnosis.Problems.Select(p => p.Id));
        Assert.DoesNotContain(unrelated.Id, diagnosis.Problems.Select(p => p.Id));
        var best = diagnosis.Problems[0];
        Assert.Equal(("Router needs a reboot", "Unplug the router for ten seconds.", (int?)article.Id), (best.Title, best.Solution, best.ArticleId));
        Assert.Equal(
            [("wifi keeps disconnecting", "My WiFi keeps disconnecting!", 1.0), ("router lights blinking orange", "the router lights are blinking orange", 1.0)],
            best.MatchedSymptoms.Select(m => (m.Symptom, m.MatchedBy, m.Score)));
        Assert.Equal(["wifi keeps disconnecting"], diagnosis.Problems[1].MatchedSymptoms.Select(m => m.Symptom));
        Assert.True(best.Score > diagnosis.Problems[1].Score);
    }

    [Fact]
    public async Task Diagnosis_ranks_problems_matching_as_many_symptoms_by_how_well_they_match()
    {
        var worn = await CreateProblemAsync("Battery worn out", ["laptop battery drains quickly overnight"]);
        var swollen = await CreateProblemAsync("Swollen battery", ["laptop battery swollen"]);

        var diagnosis = await DiagnoseAsync(new { symptoms = new[] { "laptop battery drains quickly overnight" } });

        Assert.Equal([worn.Id, swollen.Id], diagnosis.Problems.Select(p => p.Id).Where(id => id == worn.Id || id == swollen.Id));
        var first = diagnosis.Problems.Single(p => p.Id == worn.Id).MatchedSymptoms.Single();
        var second = diagnosis.Problems.Single(p => p.Id == swollen.Id).MatchedSymptoms.Single();
        Assert.Equal(1.0, first.Score);
        Assert.Equal(0.667, second.Score); // two of its three terms
        Assert.Equal("laptop battery drains quickly overnight", second.MatchedBy);
    }

    [Fact]
    public async Task Diagnosis_of_free_text_finds_the_symptoms_the_text_describes()
    {
        var display = await CreateProblemAsync("Display driver crash", ["screen flickers", "touchscreen ignores taps", "phone gets hot while charging"]);
        var cracked = await CreateProblemAsync("Cracked digitizer", ["visible crack across glass", "touchscreen ignores taps"]);
        const string text = "Since this morning the screen flickers every few seconds and the touchscreen ignores my taps.";

        var diagnosis = await DiagnoseAsync(new { text });

        Assert.Equal([display.Id, cracked.Id], diagnosis.Problems.Select(p => p.Id).Where(id => id == display.Id || id == cracked.Id));
        Assert.Equal(display.Id, diagnosis.Problems[0].Id);
        Assert.Equal(["screen flickers", "touchscreen ignores taps"], diagnosis.Problems[0].MatchedSymptoms.Select(m => m.Symptom));
        Assert.All(diagnosis.Problems[0].MatchedSymptoms, m => Assert.Equal(text, m.MatchedBy));
        Assert.False(diagnosis.Escalate);
    }

    [Fact]
    public async Task Diagnosis_works_in_Chinese_from_symptoms_and_from_text()
    {
        var offline = await CreateProblemAsync("打印机脱机", ["打印机显示脱机", "打印任务卡在队列中"], "重启打印后台处理程序。");
        var network = await CreateProblemAsync("无法上网", ["无法连接网络", "网页打不开"], "重启路由器。");

        var bySymptoms = await DiagnoseAsync(new { symptoms = new[] { "打印机显示脱机了", "打印任务卡在队列中" } });
        Assert.Equal(offline.Id, bySymptoms.Problems[0].Id);
        Assert.Equal(["打印机显示脱机", "打印任务卡在队列中"], bySymptoms.Problems[0].MatchedSymptoms.Select(m => m.Symptom));
        Assert.Equal([1.0, 1.0], bySymptoms.Problems[0].MatchedSymptoms.Select(m => m.Score));
        Assert.DoesNotContain(network.Id, bySymptoms.Problems.Select(p => p.Id));

        var byText = await DiagnoseAsync(new { text = "我的打印机一直显示脱机，网页也打不开" });
        var ids = byText.Problems.Select(p => p.Id).ToList();
        Assert.Contains(offline.Id, ids);
        Assert.Contains(network.Id, ids);
        var printer = byText.Problems.Single(p => p.Id == offline.Id).MatchedSymptoms.Single();
        Assert.Equal("打印机显示脱机", printer.Symptom);
        Assert.InRange(printer.Score, 0.5, 0.99); // "一直" splits the phrase: most of its bigrams, not all
        Assert.Equal("网页打不开", byText.Problems.Single(p => p.Id == network.Id).MatchedSymptoms.Single().Symptom);

        var english = await DiagnoseAsync(new { symptoms = new[] { "printer shows offline" } });
        Assert.DoesNotContain(offline.Id, english.Problems.Select(p => p.Id));
    }

    [Fact]
    public async Task When_no_known_problem_matches_the_diagnosis_recommends_escalating()
    {
        await CreateProblemAsync("Keyboard keys sticky", ["keyboard keys sticky after spill"]);

        foreach (var request in new object[]
        {
            new { symptoms = new[] { "zygomorphic quasar vibrations", "holographic turbine hums" } },
            new { text = "The quantum flux capacitor hums loudly." },
            new { text = "这个量子装置发出嗡嗡声" },
        })
        {
            var diagnosis = await DiagnoseAsync(request);
            Assert.Empty(diagnosis.Problems);
            Assert.True(diagnosis.Escalate);
            Assert.False(string.IsNullOrWhiteSpace(diagnosis.Recommendation));
            Assert.Contains("escalate", diagnosis.Recommendation, StringComparison.OrdinalIgnoreCase);
        }
    }
}
