using System.Globalization;
using Google.Protobuf;
using Mart.Messaging;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mart.AppHost.Events;

/// <summary>
/// Writes a stream's dead letters to its console log, oldest first: what the event was, why and where it was given
/// up, and its payload decoded from protobuf to JSON through the event catalogue.
/// </summary>
internal static class DeadLetterPrinter
{
    private static readonly JsonFormatter Json = new(new JsonFormatter.Settings(formatDefaultValues: true));

    public static async Task<int> PrintAsync(IDatabase redis, EventStreamResource stream, int limit, ILogger log)
    {
        var total = await redis.StreamLengthAsync(stream.DeadLetterStream).ConfigureAwait(false);
        var entries = await redis.StreamRangeAsync(stream.DeadLetterStream, "-", "+", limit).ConfigureAwait(false);
        EventStreamLog.ShowingDeadLetters(log, total, stream.DeadLetterStream, total > entries.Length ? $" (the oldest {entries.Length} shown)" : "");
        foreach (var entry in entries)
        {
            var fields = entry.Values.ToDictionary(v => (string)v.Name!, v => v.Value, StringComparer.Ordinal);
            string Text(string name) => fields.TryGetValue(name, out var value) && !value.IsNull ? (string)value! : "?";
            EventStreamLog.DeadLetter(
                log, entry.Id!, Text(EventFields.Type), Text(EventFields.Id), Text(EventFields.Source), UnixMilliseconds(Text(EventFields.Occurred)),
                Text(EventFields.ConsumerGroup), Text(EventFields.Attempts), UnixMilliseconds(Text(EventFields.FailedAt)), Text(EventFields.OriginalEntryId),
                Text(EventFields.Error));
            var (payload, error) = Decode(fields.GetValueOrDefault(EventFields.Type), fields.GetValueOrDefault(EventFields.Data));
            if (payload is not null)
            {
                EventStreamLog.Payload(log, payload);
            }
            else
            {
                EventStreamLog.Undecodable(log, error!);
            }
        }

        return entries.Length;
    }

    public static (string? Json, string? Error) Decode(RedisValue type, RedisValue data)
    {
        if (type.IsNull || data.IsNull)
        {
            return (null, "the entry has no type or no data");
        }

        var typeName = (string)type!;
        if (!EventTypeRegistry.Default.TryGetDescriptor(typeName, out _))
        {
            return (null, $"'{typeName}' is not in the event catalogue");
        }

        try
        {
            return (Json.Format(EventTypeRegistry.Default.Parse(typeName, (byte[])data!)), null);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return (null, $"the data is not a valid {typeName}: {ex.Message}");
        }
    }

    private static string UnixMilliseconds(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("O", CultureInfo.InvariantCulture)
            : text;
}
