namespace Mart.AppHost.Events;

/// <summary>One of Mart's Redis streams as a resource of its own: its state, properties and commands in the dashboard and the CLI.</summary>
public sealed class EventStreamResource(string name, string stream) : Resource(name), IResourceWithWaitSupport
{
    public const string ResourceType = "EventStream";

    /// <summary>The Redis key of the stream, e.g. <c>mart.orders</c>.</summary>
    public string Stream { get; } = stream;

    /// <summary>Where consumers put what they gave up on: <c>&lt;stream&gt;.dlq</c>.</summary>
    public string DeadLetterStream => Mart.Messaging.StreamNames.DeadLetters(Stream);

    /// <summary>The resource name of a stream: dots become hyphens (<c>mart.orders</c> → <c>mart-orders</c>).</summary>
    public static string NameOf(string stream) => stream.Replace('.', '-');
}
