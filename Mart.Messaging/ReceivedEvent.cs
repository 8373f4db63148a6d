using Google.Protobuf;

namespace Mart.Messaging;

/// <summary>A stream entry decoded and matched with the handlers that will run for it.</summary>
internal sealed record ReceivedEvent(EventStreamEntry Entry, EventEnvelope Envelope, IMessage Message, EventHandlerRegistration[] Handlers);
