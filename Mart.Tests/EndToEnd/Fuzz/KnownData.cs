namespace Mart.Tests.EndToEnd.Fuzz;

/// <summary>
/// Rows written by valid requests before the fuzzing. The known rows are compared afterwards: reads may aim at them,
/// writes never succeed on them. The targets are products the fuzzing may change and order, so that odd input also
/// gets past the lookups and reaches the database.
/// </summary>
public sealed record KnownData(IReadOnlyList<Guid> ProductIds, Guid OrderId, Guid PaymentId, string CustomerId, IReadOnlyList<Guid> TargetProductIds);
