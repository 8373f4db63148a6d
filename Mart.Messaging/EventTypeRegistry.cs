using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Mart.Contracts;

namespace Mart.Messaging;

/// <summary>Maps type names (<c>order.placed.v1</c>) to protobuf descriptors and back; names come from each
/// message's <c>(mart.events.v1.event_type)</c> option, so the .proto files alone write them.</summary>
public sealed class EventTypeRegistry
{
    private readonly FrozenDictionary<string, MessageDescriptor> byName;
    private readonly FrozenDictionary<Type, string> byClrType;

    private EventTypeRegistry(IEnumerable<KeyValuePair<string, MessageDescriptor>> types)
    {
        var names = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        foreach (var (name, descriptor) in types)
        {
            if (!names.TryAdd(name, descriptor))
            {
                throw new InvalidOperationException($"Event type '{name}' is declared by both {names[name].FullName} and {descriptor.FullName}.");
            }
        }

        byName = names.ToFrozenDictionary(StringComparer.Ordinal);
        byClrType = names.ToFrozenDictionary(pair => pair.Value.ClrType, pair => pair.Key);
    }

    /// <summary>Mart's v1 catalog (<see cref="EventContracts.Files"/>).</summary>
    public static EventTypeRegistry Default { get; } = FromFiles(EventContracts.Files);

    /// <summary>Every registered type name.</summary>
    public IEnumerable<string> TypeNames => byName.Keys;

    /// <summary>Builds a registry from every message in <paramref name="files"/> that declares an event type.</summary>
    public static EventTypeRegistry FromFiles(IEnumerable<FileDescriptor> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new EventTypeRegistry(files.SelectMany(file => file.MessageTypes).SelectMany(Declared));

        static IEnumerable<KeyValuePair<string, MessageDescriptor>> Declared(MessageDescriptor message)
        {
            var name = message.GetOptions()?.GetExtension(EventOptionsExtensions.EventType);
            if (!string.IsNullOrEmpty(name))
            {
                yield return new(name, message);
            }
        }
    }

    /// <summary>Builds a registry from explicit pairs, for messages that do not carry the option.</summary>
    public static EventTypeRegistry FromTypes(IEnumerable<KeyValuePair<string, MessageDescriptor>> types) => new(types);

    /// <summary>The type name of <typeparamref name="TMessage"/>; throws when it is not an event.</summary>
    public string GetTypeName<TMessage>()
        where TMessage : IMessage => GetTypeName(typeof(TMessage));

    /// <summary>The type name of a message CLR type; throws when it is not an event.</summary>
    public string GetTypeName(Type messageType) =>
        byClrType.TryGetValue(messageType, out var name)
            ? name
            : throw new ArgumentException($"{messageType.FullName} is not a registered event type: declare option (event_type) on it.", nameof(messageType));

    /// <summary>The stream of <typeparamref name="TMessage"/>: its .proto file's
    /// <c>(mart.events.v1.event_stream)</c> option.</summary>
    public string GetStream<TMessage>()
        where TMessage : IMessage<TMessage>, new()
    {
        var file = new TMessage().Descriptor.File;
        var stream = file.GetOptions()?.GetExtension(EventOptionsExtensions.EventStream);
        return string.IsNullOrEmpty(stream)
            ? throw new ArgumentException($"{typeof(TMessage).FullName} has no stream: declare option (event_stream) in {file.Name}.", nameof(TMessage))
            : stream;
    }

    /// <summary>The type name of a message CLR type, if it is an event.</summary>
    public bool TryGetTypeName(Type messageType, out string? typeName) => byClrType.TryGetValue(messageType, out typeName);

    /// <summary>The descriptor registered under <paramref name="typeName"/>.</summary>
    public bool TryGetDescriptor(string typeName, out MessageDescriptor? descriptor) => byName.TryGetValue(typeName, out descriptor);

    /// <summary>Decodes <paramref name="data"/> as the message registered under <paramref name="typeName"/>.</summary>
    /// <exception cref="UnknownEventTypeException">No message is registered under the name.</exception>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid encoding of the message.</exception>
    public IMessage Parse(string typeName, ReadOnlySpan<byte> data) =>
        byName.TryGetValue(typeName, out var descriptor)
            ? descriptor.Parser.ParseFrom(data)
            : throw new UnknownEventTypeException(typeName);

    /// <summary>Decodes an envelope's data; see <see cref="Parse(string, ReadOnlySpan{byte})"/>.</summary>
    public IMessage Parse(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return Parse(envelope.Type, envelope.Data.Span);
    }
}
