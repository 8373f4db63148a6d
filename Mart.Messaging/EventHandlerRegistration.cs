using Google.Protobuf;
using Mart.Messaging;

namespace Mart.Messaging;

/// <summary>One handler subscribed to one message type on one stream; registered by <c>AddEventHandler</c>.</summary>
/// <param name="Stream">Stream to consume.</param>
/// <param name="MessageType">The protobuf message CLR type.</param>
/// <param name="HandlerType">The handler's CLR type (for logs).</param>
/// <param name="Invoke">Resolves the handler from the scope and calls it.</param>
public sealed record EventHandlerRegistration(
    string Stream,
    Type MessageType,
    Type HandlerType,
    Func<IServiceProvider, IMessage, EventContext, CancellationToken, Task> Invoke);
