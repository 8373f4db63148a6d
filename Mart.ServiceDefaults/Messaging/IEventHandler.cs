using Google.Protobuf;

namespace Mart.ServiceDefaults.Messaging;

/// <summary>
/// Handles one event type. Resolved from a fresh DI scope per attempt; the scope's DbContext already has a
/// transaction open that also records the event in the inbox, so the handler's changes and the inbox row commit
/// together. Saving is optional: the consumer calls <c>SaveChanges</c> after the handler. Throwing rolls everything
/// back and the event is retried, then dead-lettered.
/// </summary>
public interface IEventHandler<in TMessage>
    where TMessage : IMessage
{
    /// <summary>Applies the event.</summary>
    Task HandleAsync(TMessage message, EventContext context, CancellationToken cancellationToken);
}
