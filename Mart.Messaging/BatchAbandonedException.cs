namespace Mart.Messaging;

/// <summary>
/// A handler failed inside a shared transaction: the batch is given up and its events are handled one by one.
/// Not transient to the execution strategy on purpose, so the strategy never replays the same batch.
/// </summary>
internal sealed class BatchAbandonedException(int index, Exception failure)
    : Exception($"The handler of event {index} of the batch failed: {failure.Message}", failure)
{
    /// <summary>Position in the batch of the event whose handler failed.</summary>
    public int Index { get; } = index;
}
