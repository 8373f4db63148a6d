using Mart.Contracts;
using Mart.Messaging;

namespace MessagingBench;

/// <summary>
/// Does no work of its own, so the numbers measure the pipeline: outbox commit, relay, XADD, XREADGROUP, and the
/// consumer's inbox transaction around the handler.
/// </summary>
internal sealed class BenchHandler(LatencyBook book) : IEventHandler<ProductCreated>
{
    public Task HandleAsync(ProductCreated message, EventContext context, CancellationToken cancellationToken)
    {
        book.Handled(context.MessageId);
        return Task.CompletedTask;
    }
}
