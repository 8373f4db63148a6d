namespace Mart.Tests.EndToEnd.Products;

/// <summary>An event a test added to a stream: its event id (the consumers' deduplication key) and its entry id.</summary>
public sealed record PublishedEvent(string Stream, Guid Id, string EntryId);
