using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Serverless.Telemetry;

/// <summary>
/// Keeps every span that starts a trace except client calls: those come from background work (usage flushes,
/// lease returns, key fetches), one trace per storage round trip, which would bury the request traces. Used as the
/// root sampler of a <see cref="ParentBasedSampler"/>, so calls made while serving a request are kept with it.
/// </summary>
internal sealed class RequestTraceSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? Drop : Keep;
}
