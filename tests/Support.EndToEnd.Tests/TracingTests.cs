using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Support.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Support.EndToEnd.Tests;

/// <summary>
/// A ticket's journey is one trace: the client's request through the gateway to the Ticket service, its outbox row
/// published later by the relay, the consumers of TicketCreated in Routing, the knowledge base and Analytics, and
/// back in the Ticket service the consumer of Routing's TicketRouted, each span a descendant of the one before.
/// </summary>
[Collection(TracedTopologyCollection.Name)]
public sealed class TracingTests(TracedTopology topology, ITestOutputHelper output)
{
    private static readonly TimeSpan JourneyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_ticket_journey_through_every_service_is_one_trace()
    {
        using var client = topology.Client();
        var group = await (await client.PostAsJsonAsync("/api/groups",
            new { name = "Front line", tier = 1, policy = "round_robin", isDefault = true })).JsonAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/agents", new
        {
            name = "Ada Agent", email = "ada@example.com", groups = new[] { group.GetProperty("id").GetInt32() }, capacity = 5, status = "online",
        })).JsonAsync(HttpStatusCode.Created);

        // The client starts the trace, as a traced front end would: every span must descend from its span.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var clientSpanId = ActivitySpanId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets")
        {
            Content = JsonContent.Create(new
            {
                subject = "Cannot log in",
                description = "The login page says my password is wrong.",
                requester = new { email = "ann@example.com", name = "Ann Example" },
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{clientSpanId}-01");
        var ticketId = (await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await Eventually.ReadUntilAsync(
            async () => await (await client.GetAsync($"/api/tickets/{ticketId}")).JsonAsync(HttpStatusCode.OK),
            t => t.GetProperty("assigneeId").ValueKind == JsonValueKind.Number,
            JourneyTimeout, $"ticket {ticketId} to be assigned (TicketCreated → Routing → TicketRouted → Ticket)");

        var journey = await WaitForJourneyAsync(traceId, clientSpanId);

        output.WriteLine(journey.ToString());
        // The gateway's proxied call is the Ticket service's parent: the trace crossed processes over HTTP.
        Assert.Equal("Support.Gateway", journey.Trace.Single(s => s.SpanId == journey.TicketRequest.ParentSpanId).Service);
        // The relay ran later on another thread, yet continued the request's trace from the outbox row.
        Assert.NotEqual(journey.TicketRequest.SpanId, journey.Relay.SpanId);
        // Unbroken: every span of the trace reaches the gateway's request through spans that were exported.
        Assert.All(journey.Trace, span => Assert.True(span == journey.GatewayRequest || journey.Ancestors(span).Contains(journey.GatewayRequest),
            $"{span} does not descend from the gateway's request.\n{journey}"));
    }

    /// <summary>
    /// Waits until every span the journey needs arrived and every span's parent with it (exporters send in batches, and
    /// a parent ends, so is sent, after its children), failing with the trace as received.
    /// </summary>
    private async Task<Journey> WaitForJourneyAsync(string traceId, string clientSpanId)
    {
        var deadline = DateTime.UtcNow + JourneyTimeout;
        while (true)
        {
            var trace = topology.Receiver.Trace(traceId);
            if (Journey.TryFind(trace, clientSpanId, out var journey)
                && (journey.Trace.All(span => span == journey.GatewayRequest || journey.Ancestors(span).Contains(journey.GatewayRequest)) || DateTime.UtcNow > deadline))
                return journey;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"The trace {traceId} lacks spans of the journey; it holds {trace.Count}:\n{Journey.Tree(trace)}");
            await Task.Delay(200);
        }
    }

    private sealed record Journey(
        IReadOnlyList<ReceivedSpan> Trace, ReceivedSpan GatewayRequest, ReceivedSpan TicketRequest, ReceivedSpan Relay,
        ReceivedSpan RoutingConsumer, ReceivedSpan KnowledgeBaseConsumer, ReceivedSpan AnalyticsConsumer, ReceivedSpan RoutingRelay, ReceivedSpan TicketConsumer)
    {
        /// <summary>Each span of the journey, found as a descendant of the one it must follow.</summary>
        public static bool TryFind(IReadOnlyList<ReceivedSpan> trace, string clientSpanId, out Journey journey)
        {
            journey = null!;
            var all = new Journey(trace, null!, null!, null!, null!, null!, null!, null!, null!);
            ReceivedSpan? One(string service, SpanKind kind, Func<ReceivedSpan, bool> match, ReceivedSpan? after = null) =>
                trace.FirstOrDefault(s => s.Service == service && s.Kind == kind && match(s) && (after is null || all.Ancestors(s).Contains(after)));
            if (One("Support.Gateway", SpanKind.Server, s => s.ParentSpanId == clientSpanId) is not { } gateway
                || One("Support.Ticket", SpanKind.Server, s => s.Name.StartsWith("POST /api/tickets", StringComparison.Ordinal), gateway) is not { } ticket
                || One("Support.Ticket", SpanKind.Internal, s => s.Name == "outbox publish TicketCreated", ticket) is not { } relay
                || One("Support.Routing", SpanKind.Consumer, IsMassTransit, relay) is not { } routing
                || One("Support.KnowledgeBase", SpanKind.Consumer, IsMassTransit, relay) is not { } knowledgeBase
                || One("Support.Analytics", SpanKind.Consumer, IsMassTransit, relay) is not { } analytics
                || One("Support.Routing", SpanKind.Internal, s => s.Name == "outbox publish TicketRouted", routing) is not { } routingRelay
                || One("Support.Ticket", SpanKind.Consumer, IsMassTransit, routingRelay) is not { } ticketConsumer)
                return false;
            journey = new Journey(trace, gateway, ticket, relay, routing, knowledgeBase, analytics, routingRelay, ticketConsumer);
            return true;
        }

        private static bool IsMassTransit(ReceivedSpan span) => span.Scope == "MassTransit";

        public IReadOnlyList<ReceivedSpan> Ancestors(ReceivedSpan span)
        {
            var ancestors = new List<ReceivedSpan>();
            while (Trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId) is { } parent && !ancestors.Contains(parent))
            {
                ancestors.Add(parent);
                span = parent;
            }
            return ancestors;
        }

        public override string ToString() => Tree(Trace);

        public static string Tree(IReadOnlyList<ReceivedSpan> trace) => string.Join("\n", trace.Select(s => s.ToString()));
    }
}
