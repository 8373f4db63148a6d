using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Mart.Tests.Unit.Defaults;

/// <summary>Keeps every exported span in memory.</summary>
internal sealed class CollectingExporter : BaseExporter<Activity>
{
    public ConcurrentQueue<Activity> Activities { get; } = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            Activities.Enqueue(activity);
        }

        return ExportResult.Success;
    }
}
