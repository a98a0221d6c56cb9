using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Automation.Macros;
using Support.Automation.Tests.Infrastructure;

namespace Support.Automation.Tests.Macros;

/// <summary>Macros: an agent's own or shared; a preview is the ticket's merge-patch and the rendered comment.</summary>
[Collection(AutomationAppCollection.Name)]
public sealed class MacroTests(DefaultAutomationApp app)
{
    private readonly HttpClient agent = app.Client("agent:21");

    [Fact]
    public async Task A_preview_is_a_merge_patch_for_the_ticket_and_the_comment_rendered_and_apply_counts_a_use()
    {
        var ticket = await TicketEvents.CreateAsync(app, ["billing"], subject: "Invoice wrong");
        var macro = await agent.PostAsJsonAsync("/api/automation/macros", new
        {
            title = "Ask for details",
            actions = new object[]
            {
                new { field = "status", value = "pending" },
                new { field = "assigneeId", value = 21 },
                new { field = "addTags", value = "needs-info" },
                new { field = "removeTags", value = "billing" },
                new { field = "publicReply", value = "About #{{ticket.id}} ({{ticket.subject}}): it is {{ticket.status}} until you reply." },
            },
        }).ReadOkAsync<MacroResponse>();
        Assert.False(macro.Shared);

        var preview = await agent.PostAsJsonAsync($"/api/automation/macros/{macro.Id}/preview", new { ticketId = ticket.TicketId }).ReadOkAsync<JsonElement>();

        Assert.Equal("""{"status":"pending","assigneeId":21,"tags":["needs-info"]}""", preview.GetProperty("changes").GetRawText());
        Assert.Equal($"About #{ticket.TicketId} (Invoice wrong): it is pending until you reply.", preview.GetProperty("comment").GetProperty("body").GetString());
        Assert.True(preview.GetProperty("comment").GetProperty("public").GetBoolean());
        Assert.Equal(0, (await agent.GetFromJsonAsync<MacroResponse>($"/api/automation/macros/{macro.Id}", TestJson.Options))!.UsageCount);

        (await agent.PostAsJsonAsync($"/api/automation/macros/{macro.Id}/apply", new { ticketId = ticket.TicketId })).EnsureSuccessStatusCode();
        Assert.Equal(1, (await agent.GetFromJsonAsync<MacroResponse>($"/api/automation/macros/{macro.Id}", TestJson.Options))!.UsageCount);
    }

    [Fact]
    public async Task A_personal_macro_is_its_owners_and_only_admins_make_shared_ones()
    {
        var body = new { title = "Mine", actions = new[] { new { field = "priority", value = "high" } } };
        var mine = await agent.PostAsJsonAsync("/api/automation/macros", body).ReadOkAsync<MacroResponse>();
        var other = app.Client("agent:22");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/automation/macros/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/automation/macros/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/automation/macros", new { title = "For all", shared = true, body.actions })).StatusCode);

        var shared = await app.Client("admin").PostAsJsonAsync("/api/automation/macros", new { title = "For all", shared = true, body.actions }).ReadOkAsync<MacroResponse>();
        Assert.True(shared.Shared);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PatchAsJsonAsync($"/api/automation/macros/{shared.Id}", new { title = "Hijacked" })).StatusCode);
        var visible = (await other.GetFromJsonAsync<Hosting.Http.Page<MacroResponse>>("/api/automation/macros?limit=100", TestJson.Options))!.Items;
        Assert.Contains(visible, m => m.Id == shared.Id);
        Assert.DoesNotContain(visible, m => m.Id == mine.Id);
    }

    [Fact]
    public async Task A_macro_cannot_notify_or_add_two_comments()
    {
        var response = await agent.PostAsJsonAsync("/api/automation/macros", new
        {
            title = "Bad",
            actions = new object[]
            {
                new { field = "notify", recipient = "requester", template = "agent-reply" },
                new { field = "publicReply", value = "One" },
                new { field = "internalNote", value = "Two" },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["actions", "actions[0].field"], (await response.ProblemFieldsAsync()).Order());
    }
}
