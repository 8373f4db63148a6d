namespace Mart.Tests.Integration.Messaging;

/// <summary>One row per successful handler run: the observable effect of handling an event.</summary>
public sealed class HandledEffect
{
    public Guid Id { get; init; }

    public Guid MessageId { get; init; }

    public required string ProductId { get; init; }

    public required string Consumer { get; init; }

    public string? TraceId { get; init; }

    public string? ParentId { get; init; }
}
