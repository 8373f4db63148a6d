namespace Mart.Messaging;

/// <summary>
/// Thrown by a handler when the event itself is wrong (a field that does not parse, a value out of its domain): no
/// attempt can ever handle it, so the consumer dead-letters it at once, with this message as the reason, instead
/// of retrying it or dropping it silently.
/// </summary>
public sealed class InvalidEventException(string message) : Exception(message);
