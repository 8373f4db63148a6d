using System.Collections.Frozen;
using Mart.Messaging;

namespace Mart.Messaging;

/// <summary>Everything fixed about one stream subscription: where it reads, as whom, and which handlers run per type.</summary>
internal sealed class ConsumerSetup
{
    private readonly FrozenDictionary<string, EventHandlerRegistration[]> handlersByType;

    public ConsumerSetup(
        string stream,
        MessagingOptions options,
        EventTypeRegistry registry,
        Type contextType,
        IEnumerable<EventHandlerRegistration> registrations)
    {
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            throw new InvalidOperationException("Messaging has no service name: call AddMartMessaging<TContext>(serviceName) before AddEventHandler.");
        }

        Stream = stream;
        Group = options.ServiceName;
        ConsumerName = string.IsNullOrWhiteSpace(options.ConsumerName) ? InstanceIdentity.Current() : options.ConsumerName;
        Options = options.Consumer;
        Registry = registry;
        ContextType = contextType;
        handlersByType = registrations
            .Where(registration => registration.Stream == stream)
            .GroupBy(registration => registry.GetTypeName(registration.MessageType), StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
    }

    public string Stream { get; }

    /// <summary>The consumer group: the consuming service's name.</summary>
    public string Group { get; }

    /// <summary>This instance within the group.</summary>
    public string ConsumerName { get; }

    public EventConsumerOptions Options { get; }

    public EventTypeRegistry Registry { get; }

    /// <summary>The DbContext whose transaction holds the inbox row and the handlers' changes.</summary>
    public Type ContextType { get; }

    public IEnumerable<string> Types => handlersByType.Keys;

    public EventHandlerRegistration[] HandlersFor(string type) => handlersByType.TryGetValue(type, out var handlers) ? handlers : [];
}
