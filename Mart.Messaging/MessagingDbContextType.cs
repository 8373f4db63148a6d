namespace Mart.Messaging;

/// <summary>The DbContext that owns the outbox and inbox tables of this service.</summary>
internal sealed record MessagingDbContextType(Type ContextType);
