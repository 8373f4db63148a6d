using Google.Protobuf;

namespace Mart.Messaging;

/// <summary>
/// Handles one event type. Resolved from a DI scope whose DbContext already has a transaction open that also records
/// the event in the inbox, so the handler's changes and the inbox row commit together. Saving is optional: the
/// consumer calls <c>SaveChanges</c> after the handlers. Under load one scope and transaction serve several events
/// in order (the change tracker is cleared between them), so keep no per-event state in fields. Throwing rolls
/// everything back and the event is retried, then dead-lettered.
/// </summary>
public interface IEventHandler<in TMessage>
    where TMessage : IMessage
{
    /// <summary>Applies the event.</summary>
    Task HandleAsync(TMessage message, EventContext context, CancellationToken cancellationToken);
}
