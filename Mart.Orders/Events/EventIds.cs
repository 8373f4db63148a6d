namespace Mart.Orders.Events;

/// <summary>Reads ids carried as strings in events; a malformed one is the producer's bug, reported loudly.</summary>
internal static class EventIds
{
    public static Guid Parse(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw new FormatException($"Event field '{field}' is not a UUID: '{value}'.");
}
