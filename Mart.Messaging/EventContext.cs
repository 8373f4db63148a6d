namespace Mart.Messaging;

/// <summary>What a handler knows about the entry it handles besides the message.</summary>
/// <param name="MessageId">The event id (outbox row id of the producer); stable across redeliveries.</param>
/// <param name="Type">Versioned type name.</param>
/// <param name="Source">Producing service.</param>
/// <param name="OccurredAt">When the producer enqueued it.</param>
/// <param name="Stream">The stream it was read from.</param>
/// <param name="EntryId">The stream entry id.</param>
/// <param name="Attempt">1 for the first attempt, counting earlier deliveries.</param>
public sealed record EventContext(Guid MessageId, string Type, string Source, DateTimeOffset OccurredAt, string Stream, string EntryId, int Attempt);
