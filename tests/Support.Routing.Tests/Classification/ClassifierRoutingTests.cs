using System.Net;
using System.Net.Http.Json;
using Support.Contracts.Routing;
using Support.Routing.Classifier;
using Support.Routing.Tests.Classification;
using Support.Routing.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Support.Routing.Tests.Classification;

/// <summary>The classifier as the service runs it: trained through the API, then classifying and routing new tickets.</summary>
public sealed class ClassifierRoutingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RoutingApp app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await RoutingApp.StartAsync();
        client = app.Client();
        var examples = LabelledTickets.Training.Select(t => new { t.Subject, t.Description, t.Category, t.Priority });
        var import = await client.PostAsJsonAsync("/api/routing/classifier/examples", new { examples });
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Training_reports_its_evaluation_and_the_model_classifies_tickets_it_never_saw()
    {
        var train = await client.PostAsync("/api/routing/classifier/train", null);
        Assert.Equal(HttpStatusCode.OK, train.StatusCode);
        var report = await train.ReadAsync<ClassifierReport>();
        Assert.Equal(LabelledTickets.Training.Count, report.TrainingExamples + report.HeldOutExamples);
        Assert.InRange(report.HeldOutExamples, LabelledTickets.Training.Count / 8, LabelledTickets.Training.Count / 3);
        Assert.Equal(7, report.Category.Labels.Count);
        Assert.Equal(report.HeldOutExamples, report.Category.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.True(report.Category.Accuracy >= 0.8, $"The service's own held-out accuracy is {report.Category.Accuracy:P1}.");
        Assert.Equal(report.ModelVersion, (await client.GetFromJsonAsync<ClassifierReport>("/api/routing/classifier", RoutingApp.Json))!.ModelVersion);

        // The test's held-out part was never imported: the service never trained on it.
        var correct = 0;
        foreach (var ticket in LabelledTickets.HeldOut)
        {
            var prediction = await (await client.PostAsJsonAsync("/api/routing/classifier/predict", new { ticket.Subject, ticket.Description })).ReadAsync<PredictResponse>();
            correct += prediction.Category == ticket.Category ? 1 : 0;
        }
        var accuracy = (double)correct / LabelledTickets.HeldOut.Count;
        output.WriteLine($"Through the API: held-out accuracy {accuracy:P1} over {LabelledTickets.HeldOut.Count} tickets");
        Assert.True(accuracy >= 0.85, $"Held-out accuracy through the API is {accuracy:P1}.");
    }

    [Fact]
    public async Task A_new_ticket_is_classified_then_routed_to_its_categorys_group_with_the_required_skills()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/routing/classifier/train", null)).StatusCode);
        var general = await client.CreateGroupAsync("General", "least_loaded", isDefault: true);
        var billing = await client.CreateGroupAsync("Billing", "skills_based");
        await client.CreateAgentAsync("Gen", [general.Id], capacity: 50);
        await client.CreateAgentAsync("Novice", [billing.Id], capacity: 50, skills: new() { ["billing"] = 1, ["zh-CN"] = 1 });
        var expert = await client.CreateAgentAsync("Expert", [billing.Id], capacity: 2, skills: new() { ["billing"] = 5, ["zh-CN"] = 3 });
        await client.PutAsJsonAsync("/api/routing/categories/billing", new { groupId = billing.Id, requiredSkills = new[] { "billing" } });

        var ticket = Api.NewTicketId();
        await app.PublishAsync(Api.Created(ticket, "发票金额不对，多扣了钱", "我这个月的订阅发票比套餐价格多收了一百元，信用卡被扣款两次，请尽快退还差额。", priority: "normal", priorityGiven: false));

        var classified = Assert.Single(await app.Events.WaitForAsync<TicketClassified>(c => c.TicketId == ticket));
        Assert.Equal("billing", classified.Category);
        Assert.NotNull(classified.PriorityConfidence); // no priority given: one is predicted
        var routed = Assert.Single(await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == ticket));
        Assert.Equal((expert.Id, billing.Id, "skills_based"), (routed.AgentId!.Value, routed.GroupId!.Value, routed.Policy));

        var unsure = Api.NewTicketId();
        await app.PublishAsync(Api.Created(unsure, "Hello", "Hi there"));
        var guess = Assert.Single(await app.Events.WaitForAsync<TicketClassified>(c => c.TicketId == unsure));
        Assert.Null(guess.Category); // below the confidence threshold: no guess acted on
        Assert.Null(guess.Priority); // the requester gave one
        Assert.Equal(general.Id, Assert.Single(await app.Events.WaitForAsync<TicketRouted>(r => r.TicketId == unsure)).GroupId);
    }
}
