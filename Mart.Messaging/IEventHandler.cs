using Google.Protobuf;

namespace Mart.Messaging;

/// <summary>Handles one event type, in the transaction that records the event in the inbox.</summary>
/// <remarks>
/// The consumer saves after the handlers; throwing rolls everything back for a retry. One scope may serve several
/// events in turn, so keep no per-event state in fields.
/// </remarks>
public interface IEventHandler<in TMessage>
    where TMessage : IMessage
{
    /// <summary>Applies the event.</summary>
    Task HandleAsync(TMessage message, EventContext context, CancellationToken cancellationToken);
}
