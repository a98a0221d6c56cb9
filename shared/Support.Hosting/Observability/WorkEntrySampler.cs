using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Support.Hosting.Observability;

/// <summary>
/// Starts a trace only where work enters the system: a request served, a message consumed or published. A
/// database command or HTTP call with no parent (the outbox relay's polling, the gateway's health checks) would
/// otherwise start a trace of its own every few hundred milliseconds.
/// </summary>
public sealed class WorkEntrySampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind is ActivityKind.Server or ActivityKind.Consumer or ActivityKind.Producer
            ? SamplingDecision.RecordAndSample
            : SamplingDecision.Drop);
}
