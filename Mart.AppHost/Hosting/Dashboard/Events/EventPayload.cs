using Google.Protobuf;
using Mart.ServiceDefaults.Messaging;

namespace Mart.Hosting.Dashboard.Events;

/// <summary>Turns an entry's protobuf <c>data</c> into JSON through the event catalogue (the <c>event_type</c> option of each contract).</summary>
internal static class EventPayload
{
    private static readonly JsonFormatter Formatter = new(new JsonFormatter.Settings(formatDefaultValues: true));

    public static (string? Json, string? Error) Decode(string? type, byte[]? data)
    {
        if (type is null || data is null)
        {
            return (null, "The entry has no type or no data.");
        }

        if (!EventTypeRegistry.Default.TryGetDescriptor(type, out _))
        {
            return (null, $"'{type}' is not in the event catalogue.");
        }

        try
        {
            return (Formatter.Format(EventTypeRegistry.Default.Parse(type, data)), null);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return (null, $"The data is not a valid {type}: {ex.Message}");
        }
    }
}
