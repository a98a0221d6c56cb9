using System.Net;
using System.Net.Http.Json;
using Support.Automation.Tests.Infrastructure;

namespace Support.Automation.Tests.Triggers;

/// <summary>A rule is checked whole on save: a 400 naming the part that is wrong, and nothing written.</summary>
[Collection(AutomationAppCollection.Name)]
public sealed class RuleValidationTests(DefaultAutomationApp app)
{
    private readonly HttpClient admin = app.Client("admin");

    private static readonly object Created = new { field = "event", @operator = "is", value = "created" };

    public static TheoryData<string, object, object[], string> BadTriggers => new()
    {
        { "unknown operator", new { all = new[] { Created, new { field = "status", @operator = "above", value = "open" } } }, [new { field = "priority", value = "high" }], "conditions.all[1].operator" },
        { "unknown field", new { all = new object[] { Created }, any = new[] { new { field = "mood", @operator = "is", value = "angry" } } }, [new { field = "priority", value = "high" }], "conditions.any[0].field" },
        { "status not a status", new { all = new[] { Created, new { field = "status", @operator = "is", value = "done" } } }, [new { field = "priority", value = "high" }], "conditions.all[1].value" },
        { "time in a trigger", new { all = new object[] { Created, new { field = "hoursSinceCreated", @operator = "at_least", value = 5 } } }, [new { field = "priority", value = "high" }], "conditions.all[1].field" },
        { "no actions", new { all = new[] { Created } }, [], "actions" },
        { "unknown action", new { all = new[] { Created } }, [new { field = "delete", value = "yes" }], "actions[0].field" },
        { "back to new", new { all = new[] { Created } }, [new { field = "status", value = "new" }], "actions[0].value" },
        { "bad tag", new { all = new[] { Created } }, [new { field = "addTags", value = "not ok!" }], "actions[0].value" },
        { "notify nobody", new { all = new[] { Created } }, [new { field = "notify", recipient = "everyone", template = "agent-reply" }], "actions[0].recipient" },
        // Would act on every update of an open ticket: nothing in it stops.
        { "fires on every change", new { all = new[] { new { field = "status", @operator = "is", value = "open" } } }, [new { field = "addTags", value = "seen" }], "conditions.all" },
        // Its own action makes its change condition true again.
        { "repeats its own change", new { all = new[] { new { field = "priority", @operator = "changed_to", value = "urgent" } } }, [new { field = "priority", value = "urgent" }], "conditions.all" },
    };

    [Theory]
    [MemberData(nameof(BadTriggers))]
    public async Task A_bad_trigger_is_refused_naming_the_part(string name, object conditions, object[] actions, string part)
    {
        var response = await admin.PostAsJsonAsync("/api/automation/triggers", new { name, conditions, actions });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(part, await response.ProblemFieldsAsync());
        Assert.Equal(0, await app.CountAsync($"triggers WHERE \"Name\" = '{name}'"));
    }

    [Fact]
    public async Task A_trigger_whose_own_actions_make_a_condition_false_is_accepted()
    {
        var response = await admin.PostAsJsonAsync("/api/automation/triggers", new
        {
            name = $"escalate urgent {Guid.NewGuid():N}",
            conditions = new { all = new[] { new { field = "priority", @operator = "is", value = "urgent" }, new { field = "tags", @operator = "excludes", value = "escalated" } } },
            actions = new[] { new { field = "addTags", value = "escalated" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_patch_is_checked_against_the_trigger_as_changed()
    {
        var created = await admin.PostAsJsonAsync("/api/automation/triggers", new
        {
            name = $"welcome {Guid.NewGuid():N}",
            conditions = new { all = new[] { Created } },
            actions = new[] { new { field = "publicReply", value = "Welcome!" } },
        }).ReadOkAsync<Rules.RuleResponse>();

        var response = await admin.PatchAsJsonAsync($"/api/automation/triggers/{created.Id}", new { conditions = new { all = new[] { new { field = "status", @operator = "is", value = "new" } } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["conditions.all"], await response.ProblemFieldsAsync());
        var unchanged = await admin.PatchAsJsonAsync($"/api/automation/triggers/{created.Id}", new { active = false }).ReadOkAsync<Rules.RuleResponse>();
        Assert.Equal(("event", false), (unchanged.Conditions.All.Single().Field!, unchanged.Active));
    }

    [Theory]
    [InlineData(-5, "conditions.all[0].value")]
    [InlineData(null, "conditions.all")]
    public async Task An_automation_needs_a_whole_number_of_hours(int? hours, string part)
    {
        object[] all = hours is null ? [new { field = "status", @operator = "is", value = "pending" }]
            : [new { field = "hoursSinceUpdated", @operator = "at_least", value = hours }];
        var response = await admin.PostAsJsonAsync("/api/automation/automations", new { name = "bad", conditions = new { all }, actions = new[] { new { field = "status", value = "solved" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(part, await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Only_admins_manage_triggers_and_agents_read_them()
    {
        var body = new { name = "x", conditions = new { all = new[] { Created } }, actions = new[] { new { field = "priority", value = "high" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("agent:3").PostAsJsonAsync("/api/automation/triggers", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client("agent:3").GetAsync("/api/automation/triggers")).StatusCode);
    }
}
