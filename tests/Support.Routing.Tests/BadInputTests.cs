using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.Contracts.Routing;
using Support.Routing.Agents;
using Support.Routing.Categories;
using Support.Routing.Groups;
using Support.Routing.Tests.Infrastructure;
using Support.Routing.Tickets;

namespace Support.Routing.Tests;

/// <summary>
/// Bad input gets a clear 4xx — 400 with problem details naming the field, 404 for an unknown id in the path, 409 for a
/// conflict — and changes nothing: no row written, no event in the outbox, no ETag moved.
/// </summary>
public sealed class BadInputTests(RoutingAppFixture fixture) : IClassFixture<RoutingAppFixture>
{
    private const int Unknown = 987_654;
    private readonly RoutingApp app = fixture.App;
    private readonly HttpClient client = fixture.App.Client();

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    // ---------------------------------------------------------------- groups

    private static object GroupBody(string? name = "Support", object? tier = null, string? policy = "round_robin", int? escalatesTo = null,
        bool? escalateUrgent = null, int? unassigned = null, int? unanswered = null) =>
        new
        {
            name = name is null ? null : name == "Support" ? Unique(name) : name, tier, policy, escalatesTo, escalateUrgent,
            escalateUnassignedAfterMinutes = unassigned, escalateUnansweredAfterMinutes = unanswered,
        };

    public static TheoryData<string, object, string> BadGroups => new()
    {
        { "unknown policy", GroupBody(policy: "fastest_first"), "policy" },
        { "missing policy", GroupBody(policy: null), "policy" },
        { "tier 0", GroupBody(tier: 0), "tier" },
        { "tier 10", GroupBody(tier: 10), "tier" },
        { "missing name", GroupBody(name: null), "name" },
        { "blank name", GroupBody(name: "  "), "name" },
        { "name over 100 characters", GroupBody(name: new string('n', 101)), "name" },
        { "escalatesTo an unknown group", GroupBody(escalatesTo: Unknown), "escalatesTo" },
        { "escalateUrgent without escalatesTo", GroupBody(escalateUrgent: true), "escalateUrgent" },
        { "unassigned minutes 0", GroupBody(unassigned: 0), "escalateUnassignedAfterMinutes" },
        { "unanswered minutes over 30 days", GroupBody(unanswered: 30 * 24 * 60 + 1), "escalateUnansweredAfterMinutes" },
    };

    [Theory]
    [MemberData(nameof(BadGroups))]
    public async Task A_bad_new_group_is_refused_naming_the_field_and_nothing_is_written(string because, object body, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync("/api/groups", body);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task A_group_escalating_to_an_equal_or_lower_tier_is_refused_and_nothing_is_written()
    {
        var tier2 = await client.CreateGroupAsync(Unique("Tier 2"), tier: 2);
        var before = await app.RowCountsAsync();

        var equal = await client.PostAsJsonAsync("/api/groups", GroupBody(tier: 2, escalatesTo: tier2.Id));
        var lower = await client.PostAsJsonAsync("/api/groups", GroupBody(tier: 3, escalatesTo: tier2.Id));

        await AssertInvalidAsync(equal, "escalatesTo");
        await AssertInvalidAsync(lower, "escalatesTo");
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task A_group_named_like_an_existing_one_gets_409_on_create_and_on_patch()
    {
        var taken = await client.CreateGroupAsync(Unique("Taken"));
        var other = await client.CreateGroupAsync(Unique("Other"));
        var before = await app.RowCountsAsync();

        var create = await client.PostAsJsonAsync("/api/groups", GroupBody(name: taken.Name));
        var rename = await client.PatchJsonAsync($"/api/groups/{other.Id}", new { name = taken.Name });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (create.StatusCode, rename.StatusCode));
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal((other.Name, "\"0\""), await ReadGroupAsync(other.Id));
    }

    public static TheoryData<string, object, string> BadGroupPatches => new()
    {
        { "unknown policy", new { policy = "fastest_first" }, "policy" },
        { "policy of the wrong type", new { policy = 3 }, "policy" },
        { "tier 0", new { tier = 0 }, "tier" },
        { "tier 10", new { tier = 10 }, "tier" },
        { "tier of the wrong type", new { tier = "two" }, "tier" },
        { "null tier", new { tier = (int?)null }, "tier" },
        { "blank name", new { name = "" }, "name" },
        { "escalatesTo an unknown group", new { escalatesTo = Unknown }, "escalatesTo" },
        { "escalateUrgent without escalatesTo", new { escalateUrgent = true }, "escalateUrgent" },
        { "unassigned minutes -5", new { escalateUnassignedAfterMinutes = -5 }, "escalateUnassignedAfterMinutes" },
        { "a field that is not the group's", new { id = 5 }, "id" },
        { "a misspelt field", new { polcy = "least_loaded" }, "polcy" },
        { "a field only the server sets", new { agents = 3 }, "agents" },
    };

    [Theory]
    [MemberData(nameof(BadGroupPatches))]
    public async Task A_bad_group_patch_is_refused_naming_the_field_and_changes_nothing(string because, object patch, string field)
    {
        var group = await client.CreateGroupAsync(Unique("Patched"), "skills_based");
        var before = await app.RowCountsAsync();

        var response = await client.PatchJsonAsync($"/api/groups/{group.Id}", patch, "\"0\"");

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
        var (read, etag) = await client.GetWithETagAsync<GroupResponse>($"/api/groups/{group.Id}");
        Assert.Equal((group, "\"0\""), (read, etag));
    }

    [Fact]
    public async Task An_escalation_loop_made_by_patches_is_refused_saying_it_is_a_loop_and_changes_nothing()
    {
        var b = await client.CreateGroupAsync(Unique("B"), tier: 2);
        var a = await client.CreateGroupAsync(Unique("A"), tier: 1, escalatesTo: b.Id); // A → B
        var before = await app.RowCountsAsync();

        var loop = await client.PatchJsonAsync($"/api/groups/{b.Id}", new { escalatesTo = a.Id }); // B → A would close A → B → A
        var loopAndTier = await client.PatchJsonAsync($"/api/groups/{b.Id}", new { escalatesTo = a.Id, tier = 3 });
        var self = await client.PatchJsonAsync($"/api/groups/{a.Id}", new { escalatesTo = a.Id });

        foreach (var (response, names) in new[] { (loop, new[] { a.Name, b.Name }), (loopAndTier, [a.Name, b.Name]), (self, [a.Name]) })
        {
            await AssertInvalidAsync(response, "escalatesTo");
            var message = await ErrorMessageAsync(response, "escalatesTo");
            Assert.Contains("loop", message);
            Assert.All(names, name => Assert.Contains(name, message));
        }
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal((a.EscalatesTo, b.EscalatesTo), ((await client.GetWithETagAsync<GroupResponse>($"/api/groups/{a.Id}")).Body.EscalatesTo,
            (await client.GetWithETagAsync<GroupResponse>($"/api/groups/{b.Id}")).Body.EscalatesTo));
        Assert.Equal(("\"0\"", "\"0\""), ((await ReadGroupAsync(a.Id)).ETag, (await ReadGroupAsync(b.Id)).ETag));
    }

    [Fact]
    public async Task Tiers_that_would_let_a_group_escalate_sideways_or_down_are_refused_and_change_nothing()
    {
        var b = await client.CreateGroupAsync(Unique("B"), tier: 2);
        var a = await client.CreateGroupAsync(Unique("A"), tier: 1, escalatesTo: b.Id);
        var before = await app.RowCountsAsync();

        var targetDown = await client.PatchJsonAsync($"/api/groups/{b.Id}", new { tier = 1 });
        var sourceUp = await client.PatchJsonAsync($"/api/groups/{a.Id}", new { tier = 2 });

        await AssertInvalidAsync(targetDown, "tier");
        await AssertInvalidAsync(sourceUp, "escalatesTo");
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal((1, 2), ((await client.GetWithETagAsync<GroupResponse>($"/api/groups/{a.Id}")).Body.Tier,
            (await client.GetWithETagAsync<GroupResponse>($"/api/groups/{b.Id}")).Body.Tier));
    }

    [Fact]
    public async Task Clearing_the_target_of_a_group_that_escalates_urgent_tickets_is_refused()
    {
        var b = await client.CreateGroupAsync(Unique("B"), tier: 2);
        var a = await client.CreateGroupAsync(Unique("A"), tier: 1, escalatesTo: b.Id, escalateUrgent: true);

        var response = await client.PatchJsonAsync($"/api/groups/{a.Id}", new { escalatesTo = (int?)null });

        await AssertInvalidAsync(response, "escalateUrgent");
        Assert.Equal((int?)b.Id, (await client.GetWithETagAsync<GroupResponse>($"/api/groups/{a.Id}")).Body.EscalatesTo);
    }

    // ---------------------------------------------------------------- agents

    private static object AgentBody(string? name = "Ann", string? email = "", object? groups = null, object? skills = null, object? capacity = null, string? status = null) =>
        new { name, email = email == "" ? $"ann-{Guid.NewGuid():N}@example.com" : email, groups, skills, capacity, status };

    public static TheoryData<string, object, string> BadAgents => new()
    {
        { "capacity -1", AgentBody(capacity: -1), "capacity" },
        { "capacity over 1000", AgentBody(capacity: 1001), "capacity" },
        { "skill level 0", AgentBody(skills: new Dictionary<string, int> { ["billing"] = 0 }), "skills.billing" },
        { "skill level 6", AgentBody(skills: new Dictionary<string, int> { ["billing"] = 6 }), "skills.billing" },
        { "skill with an empty name", AgentBody(skills: new Dictionary<string, int> { [""] = 3 }), "skills" },
        { "skill with a blank name", AgentBody(skills: new Dictionary<string, int> { ["   "] = 3 }), "skills" },
        { "skill name over 50 characters", AgentBody(skills: new Dictionary<string, int> { [new string('s', 51)] = 3 }), "skills" },
        { "the same skill twice", AgentBody(skills: new Dictionary<string, int> { ["api"] = 3, ["API"] = 4 }), "skills" },
        { "unknown group", AgentBody(groups: new[] { Unknown }), "groups" },
        { "malformed email", AgentBody(email: "ann-at-example.com"), "email" },
        { "email without a dot in the domain", AgentBody(email: "ann@localhost"), "email" },
        { "missing email", AgentBody(email: null), "email" },
        { "missing name", AgentBody(name: null), "name" },
        { "name over 200 characters", AgentBody(name: new string('n', 201)), "name" },
        { "unknown status", AgentBody(status: "busy"), "status" },
        { "capacity of the wrong type", AgentBody(capacity: "five"), "capacity" },
        { "skill level of the wrong type", AgentBody(skills: new Dictionary<string, string> { ["billing"] = "expert" }), "skills.billing" },
        { "groups not a list", AgentBody(groups: "1"), "groups" },
    };

    [Theory]
    [MemberData(nameof(BadAgents))]
    public async Task A_bad_new_agent_is_refused_naming_the_field_and_nothing_is_written(string because, object body, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync("/api/agents", body);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    public static TheoryData<string, object, string> BadAgentPatches => new()
    {
        { "capacity -1", new { capacity = -1 }, "capacity" },
        { "null capacity", new { capacity = (int?)null }, "capacity" },
        { "capacity of the wrong type", new { capacity = "ten" }, "capacity" },
        { "skill level 6", new { skills = new Dictionary<string, int> { ["api"] = 6 } }, "skills.api" },
        { "skill level 0", new { skills = new Dictionary<string, int> { ["api"] = 0 } }, "skills.api" },
        { "skill with an empty name", new { skills = new Dictionary<string, int> { [""] = 2 } }, "skills" },
        { "unknown group", new { groups = new[] { Unknown } }, "groups" },
        { "malformed email", new { email = "not an email" }, "email" },
        { "blank name", new { name = " " }, "name" },
        { "status, which has its own endpoint", new { status = "offline" }, "status" },
        { "a misspelt field", new { capacty = 3 }, "capacty" },
        { "load, which only routing sets", new { load = 0 }, "load" },
    };

    [Theory]
    [MemberData(nameof(BadAgentPatches))]
    public async Task A_bad_agent_patch_is_refused_naming_the_field_and_changes_nothing(string because, object patch, string field)
    {
        var agent = await client.CreateAgentAsync("Ann", [], capacity: 4, skills: new() { ["api"] = 3 });
        var before = await app.RowCountsAsync();

        var response = await client.PatchJsonAsync($"/api/agents/{agent.Id}", patch, "\"0\"");

        await AssertInvalidAsync(response, field, because);
        await AssertAgentUnchangedAsync(agent, before);
    }

    [Theory]
    [InlineData("PATCH", "{\"capacity\": ", "body")]
    [InlineData("PATCH", "[1, 2]", "body")]
    [InlineData("PATCH", "\"capacity\"", "body")]
    [InlineData("PATCH", "", "body")]
    [InlineData("PUT", "{\"status\": \"busy\"}", "status")]
    [InlineData("PUT", "{\"status\": 0}", "status")]
    [InlineData("PUT", "{\"status\": null}", "status")]
    [InlineData("PUT", "{}", "status")]
    [InlineData("PUT", "{\"status\": ", "status")]
    public async Task A_malformed_agent_patch_or_status_is_refused_naming_the_field_and_changes_nothing(string method, string json, string field)
    {
        var agent = await client.CreateAgentAsync("Ann", [], capacity: 4, skills: new() { ["api"] = 3 });
        var before = await app.RowCountsAsync();
        var url = method == "PUT" ? $"/api/agents/{agent.Id}/status" : $"/api/agents/{agent.Id}";

        var response = await client.SendJsonAsync(new HttpMethod(method), url, json);

        await AssertInvalidAsync(response, field);
        await AssertAgentUnchangedAsync(agent, before);
    }

    [Theory]
    [InlineData("/api/groups", "{\"name\": \"x\", ", "body")]
    [InlineData("/api/groups", "[1]", "body")]
    [InlineData("/api/groups", "", "body")]
    [InlineData("/api/groups", "{\"name\": 5, \"policy\": \"round_robin\"}", "name")]
    [InlineData("/api/groups", "{\"name\": \"x\", \"policy\": \"round_robin\", \"tier\": \"two\"}", "tier")]
    [InlineData("/api/groups", "{\"name\": \"x\", \"policy\": \"round_robin\", \"tier\": 1.5}", "tier")]
    [InlineData("/api/groups", "{\"name\": \"x\", \"policy\": \"round_robin\", \"isDefault\": \"yes\"}", "isDefault")]
    [InlineData("/api/groups", "{\"name\": \"x\", \"policy\": [\"round_robin\"]}", "policy")]
    [InlineData("/api/agents", "{\"name\": \"a\", \"email\": \"a@b.io\", \"groups\": [\"one\"]}", "groups[0]")]
    [InlineData("/api/agents", "{\"name\": \"a\", \"email\": \"a@b.io\", \"skills\": [\"api\"]}", "skills")]
    [InlineData("/api/agents", "{\"name\": \"a\", \"email\": \"a@b.io\", \"status\": 1}", "status")]
    [InlineData("/api/agents", "{\"name\": \"a\", \"email\": \"a@b.io\", \"capacity\": 99999999999}", "capacity")]
    [InlineData("/api/routing/classifier/examples", "{\"examples\": {}}", "examples")]
    [InlineData("/api/routing/classifier/predict", "{\"subject\": 7}", "subject")]
    public async Task Malformed_json_is_refused_naming_the_field_and_nothing_is_written(string url, string json, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, url, json);

        await AssertInvalidAsync(response, field);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task An_unknown_status_never_publishes_AgentStatusChanged()
    {
        var agent = await client.CreateAgentAsync("Ann", []);
        var outbox = await app.CountAsync("outbox_messages");

        await AssertInvalidAsync(await client.PutAsJsonAsync($"/api/agents/{agent.Id}/status", new { status = "lunch" }), "status");

        Assert.Equal(outbox, await app.CountAsync("outbox_messages"));
        Assert.Equal(AgentStatus.Online, (await client.GetAgentAsync(agent.Id)).Status);
    }

    // ---------------------------------------------------------------- unknown ids, bad queries

    [Fact]
    public async Task Unknown_ids_in_the_path_get_404_problems_and_write_nothing()
    {
        var before = await app.RowCountsAsync();

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["GET group"] = await client.GetAsync($"/api/groups/{Unknown}"),
            ["PATCH group"] = await client.PatchJsonAsync($"/api/groups/{Unknown}", new { name = "Ghost" }),
            ["GET agent"] = await client.GetAsync($"/api/agents/{Unknown}"),
            ["PATCH agent"] = await client.PatchJsonAsync($"/api/agents/{Unknown}", new { capacity = 2 }),
            ["PUT agent status"] = await client.PutAsJsonAsync($"/api/agents/{Unknown}/status", new { status = "online" }),
            ["GET ticket routing"] = await client.GetAsync($"/api/routing/tickets/{Unknown}"),
            ["POST escalate"] = await client.PostAsJsonAsync($"/api/routing/tickets/{Unknown}/escalate", new { reason = "why not" }),
            ["DELETE category route"] = await client.DeleteAsync($"/api/routing/categories/no-such-{Guid.NewGuid():N}"),
        };

        Assert.All(responses, r =>
        {
            Assert.True(r.Value.StatusCode == HttpStatusCode.NotFound, $"{r.Key}: {r.Value.StatusCode}");
            Assert.Equal("application/problem+json", r.Value.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Theory]
    [InlineData("/api/routing/queue?limit=0", "limit")]
    [InlineData("/api/routing/queue?limit=1001", "limit")]
    [InlineData("/api/routing/queue?limit=-3", "limit")]
    [InlineData("/api/routing/queue?limit=many", "limit")]
    [InlineData("/api/routing/queue?groupId=first", "groupId")]
    [InlineData("/api/agents?limit=0", "limit")]
    [InlineData("/api/agents?limit=101", "limit")]
    [InlineData("/api/agents?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/agents?status=busy", "status")]
    [InlineData("/api/agents?status=7", "status")]
    [InlineData("/api/agents?groupId=sales", "groupId")]
    public async Task Bad_query_parameters_are_refused_naming_the_parameter(string url, string field)
    {
        var response = await client.GetAsync(url);

        await AssertInvalidAsync(response, field);
    }

    // ---------------------------------------------------------------- category routes

    public static TheoryData<string, object, string> BadCategoryRoutes => new()
    {
        { "unknown group", new { groupId = Unknown, requiredSkills = new[] { "api" } }, "groupId" },
        { "empty skill", new { requiredSkills = new[] { "api", "" } }, "requiredSkills" },
        { "null skill", new { requiredSkills = new[] { "api", null } }, "requiredSkills" },
        { "skill over 50 characters", new { requiredSkills = new[] { new string('s', 51) } }, "requiredSkills" },
        { "skills not a list", new { requiredSkills = "api" }, "requiredSkills" },
        { "group id of the wrong type", new { groupId = "billing" }, "groupId" },
    };

    [Theory]
    [MemberData(nameof(BadCategoryRoutes))]
    public async Task A_bad_category_route_is_refused_naming_the_field_and_the_route_it_would_replace_stays(string because, object body, string field)
    {
        var group = await client.CreateGroupAsync(Unique("Kept"));
        var category = $"kept-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/routing/categories/{category}", new { groupId = group.Id, requiredSkills = new[] { "billing" } })).StatusCode);
        var before = await app.RowCountsAsync();

        var response = await client.PutAsJsonAsync($"/api/routing/categories/{category}", body);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
        var kept = (await client.GetFromJsonAsync<List<CategoryRouteResponse>>("/api/routing/categories", RoutingApp.Json))!.Single(r => r.Category == category);
        Assert.Equal(((int?)group.Id, "billing"), (kept.GroupId, Assert.Single(kept.RequiredSkills)));
    }

    [Fact]
    public async Task A_category_name_over_100_characters_is_refused_and_not_written()
    {
        var before = await app.RowCountsAsync();

        var response = await client.PutAsJsonAsync($"/api/routing/categories/{new string('c', 101)}", new { requiredSkills = new[] { "api" } });

        await AssertInvalidAsync(response, "category");
        Assert.Equal(before, await app.RowCountsAsync());
    }

    // ---------------------------------------------------------------- escalation

    [Fact]
    public async Task An_escalation_reason_of_2_KB_is_refused_naming_reason_and_the_ticket_stays_where_it_was()
    {
        var (ticket, _, _) = await QueuedTicketInEscalatingGroupAsync();
        var routing = await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json);
        var before = await app.RowCountsAsync();

        var tooLong = await client.PostAsJsonAsync($"/api/routing/tickets/{ticket}/escalate", new { reason = new string('r', 2048) });
        var wrongType = await client.SendJsonAsync(HttpMethod.Post, $"/api/routing/tickets/{ticket}/escalate", "{\"reason\": 42}");

        await AssertInvalidAsync(tooLong, "reason");
        await AssertInvalidAsync(wrongType, "reason");
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal(routing, await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json));
    }

    [Fact]
    public async Task Escalating_a_ticket_whose_group_escalates_nowhere_gets_409_and_changes_nothing()
    {
        var group = await client.CreateGroupAsync(Unique("Top"), tier: 9, isDefault: true);
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == ticket && q.GroupId == group.Id);
        var routing = await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json);
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/routing/tickets/{ticket}/escalate", new { reason = "please" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal(routing, await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json));
    }

    [Fact]
    public async Task Escalating_a_solved_ticket_gets_409_and_changes_nothing()
    {
        var (ticket, _, _) = await QueuedTicketInEscalatingGroupAsync();
        await app.PublishAsync(Api.Solved(ticket, agentId: null));
        await WaitUntilAsync(async () => (await client.GetFromJsonAsync<TicketRoutingResponse>($"/api/routing/tickets/{ticket}", RoutingApp.Json))!.State == RoutingState.Resolved);
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync($"/api/routing/tickets/{ticket}/escalate", new { reason = "too late" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Empty(app.Events.All<TicketEscalated>(e => e.TicketId == ticket));
    }

    // ---------------------------------------------------------------- classifier

    private static object Example(string? subject = "Refund please", string? description = "Refund my invoice", string? category = "refund", string? priority = null) =>
        new { subject, description, category, priority };

    public static TheoryData<string, object, string> BadImports => new()
    {
        { "no examples field", new { }, "examples" },
        { "an empty list", new { examples = Array.Empty<object>() }, "examples" },
        { "a null example", new { examples = new[] { Example(), null } }, "examples[1]" },
        { "an example without a category", new { examples = new[] { Example(), Example(category: null) } }, "examples[1].category" },
        { "an example with a blank category", new { examples = new[] { Example(category: " ") } }, "examples[0].category" },
        { "an example without text", new { examples = new[] { Example(subject: null, description: " ") } }, "examples[0].subject" },
        { "an example with an unknown priority", new { examples = new[] { Example(priority: "critical") } }, "examples[0].priority" },
        { "an example with a numeric priority", new { examples = new[] { Example(priority: "2") } }, "examples[0].priority" },
        { "an example with a subject over 250 characters", new { examples = new[] { Example(subject: new string('s', 251)) } }, "examples[0].subject" },
        { "an example with a category over 100 characters", new { examples = new[] { Example(category: new string('c', 101)) } }, "examples[0].category" },
        { "more than 5000 examples", new { examples = Enumerable.Repeat(Example(), 5001).ToArray() }, "examples" },
    };

    [Theory]
    [MemberData(nameof(BadImports))]
    public async Task A_bad_example_import_is_refused_naming_the_field_and_imports_nothing(string because, object body, string field)
    {
        var before = await app.RowCountsAsync();

        var response = await client.PostAsJsonAsync("/api/routing/classifier/examples", body);

        await AssertInvalidAsync(response, field, because);
        Assert.Equal(before, await app.RowCountsAsync());
    }

    [Fact]
    public async Task Before_any_training_the_classifier_is_404_prediction_is_409_and_training_on_too_few_examples_is_409()
    {
        var get = await client.GetAsync("/api/routing/classifier");
        var predict = await client.PostAsJsonAsync("/api/routing/classifier/predict", new { subject = "Refund please" });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Conflict), (get.StatusCode, predict.StatusCode));
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", predict.Content.Headers.ContentType?.MediaType);

        var examples = Enumerable.Range(0, 9).Select(i => Example(subject: $"Example {i}", category: i % 2 == 0 ? "refund" : "login")).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/routing/classifier/examples", new { examples })).StatusCode);
        var before = await app.RowCountsAsync();

        var train = await client.PostAsync("/api/routing/classifier/train", null);

        Assert.Equal(HttpStatusCode.Conflict, train.StatusCode);
        var problem = await train.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("9", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.RowCountsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/routing/classifier")).StatusCode);
    }

    [Theory]
    [InlineData("{}", "subject")]
    [InlineData("{\"subject\": \" \", \"description\": \"\"}", "subject")]
    public async Task A_prediction_without_text_is_refused_naming_subject(string json, string field)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/routing/classifier/predict", json);

        await AssertInvalidAsync(response, field);
    }

    [Fact]
    public async Task A_prediction_with_a_subject_over_250_characters_is_refused_naming_subject()
    {
        var response = await client.PostAsJsonAsync("/api/routing/classifier/predict", new { subject = new string('s', 251) });

        await AssertInvalidAsync(response, "subject");
    }

    // ---------------------------------------------------------------- helpers

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field, string? because = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because ?? field}: expected 400, got {(int)response.StatusCode} {body}");
        var fields = await response.ProblemFieldsAsync();
        Assert.True(fields.Contains(field), $"{because ?? field}: expected the problem to name '{field}', it names [{string.Join(", ", fields)}]: {body}");
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, string field)
    {
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    private async Task<(string Name, string ETag)> ReadGroupAsync(int id)
    {
        var (group, etag) = await client.GetWithETagAsync<GroupResponse>($"/api/groups/{id}");
        return (group.Name, etag);
    }

    private async Task AssertAgentUnchangedAsync(AgentResponse agent, string rowsBefore)
    {
        Assert.Equal(rowsBefore, await app.RowCountsAsync());
        var (read, etag) = await client.GetWithETagAsync<AgentResponse>($"/api/agents/{agent.Id}");
        Assert.Equal("\"0\"", etag);
        Assert.Equal((agent.Name, agent.Email, agent.Capacity, agent.Status, agent.UpdatedAt), (read.Name, read.Email, read.Capacity, read.Status, read.UpdatedAt));
        Assert.Equal(agent.Skills, read.Skills);
        Assert.Equal(agent.Groups, read.Groups);
    }

    /// <summary>A ticket waiting in a new default tier-1 group that escalates to a new tier-2 group.</summary>
    private async Task<(int Ticket, GroupResponse Front, GroupResponse Higher)> QueuedTicketInEscalatingGroupAsync()
    {
        var higher = await client.CreateGroupAsync(Unique("Tier 2"), tier: 2);
        var front = await client.CreateGroupAsync(Unique("Tier 1"), tier: 1, escalatesTo: higher.Id, isDefault: true);
        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket));
        await app.Events.WaitForAsync<TicketQueued>(q => q.TicketId == ticket && q.GroupId == front.Id);
        return (ticket, front, higher);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {timeoutSeconds} s.");
            await Task.Delay(50);
        }
    }
}
