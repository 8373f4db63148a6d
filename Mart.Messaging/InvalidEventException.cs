namespace Mart.Messaging;

/// <summary>Thrown by a handler when the event itself is wrong: the consumer dead-letters it at once, with this
/// message, rather than retrying it.</summary>
public sealed class InvalidEventException(string message) : Exception(message);
