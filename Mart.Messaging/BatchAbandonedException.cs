namespace Mart.Messaging;

/// <summary>A handler failed in a shared batch; not transient to the execution strategy, so the batch is never
/// replayed.</summary>
internal sealed class BatchAbandonedException(int index, Exception failure)
    : Exception($"The handler of event {index} of the batch failed: {failure.Message}", failure)
{
    /// <summary>Position in the batch of the event whose handler failed.</summary>
    public int Index { get; } = index;
}
