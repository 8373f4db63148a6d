using System.Diagnostics;
using Mart.ServiceDefaults.Health;
using OpenTelemetry.Trace;

namespace Mart.ServiceDefaults.Telemetry;

/// <summary>
/// Drops server spans for health probes: the AppHost polls them every second and they would bury real traffic.
/// Dropping (rather than filtering at export) also drops their children, e.g. the probe's <c>SELECT 1</c>,
/// because the parent-based sampler underneath follows the unsampled parent.
/// </summary>
internal sealed class HealthProbeSampler(Sampler inner) : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.Kind == ActivityKind.Server && IsProbe(samplingParameters.Tags))
        {
            return Drop;
        }

        return inner.ShouldSample(samplingParameters);
    }

    // ASP.NET Core passes url.path among the tags it gives samplers when it creates the request activity.
    private static bool IsProbe(IEnumerable<KeyValuePair<string, object?>>? tags)
    {
        if (tags is null)
        {
            return false;
        }

        foreach (var (key, value) in tags)
        {
            if (key == "url.path" && value is string path)
            {
                return HealthEndpoints.IsProbePath(path);
            }
        }

        return false;
    }
}
