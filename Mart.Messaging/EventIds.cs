namespace Mart.Messaging;

/// <summary>Reads ids that events carry as strings.</summary>
public static class EventIds
{
    /// <summary>The UUID in <paramref name="value"/>; a malformed one is the producer's bug and makes the event invalid.</summary>
    /// <exception cref="InvalidEventException">The value is not a UUID.</exception>
    public static Guid Parse(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw new InvalidEventException($"Event field '{field}' is not a UUID: '{value}'.");
}
