namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>The topology with every process exporting its traces over OTLP/HTTP to a receiver in the test.</summary>
public sealed class TracedTopology : Topology
{
    public OtlpReceiver Receiver { get; } = new();

    protected override IReadOnlyDictionary<string, string> SharedEnvironment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Url.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Receiver.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TracedTopologyCollection : ICollectionFixture<TracedTopology>
{
    public const string Name = "a topology of its own exporting traces to the test, with a group that routes every ticket";
}
