namespace Mart.Payments.Gateway;

/// <summary>The gateway's id for a refund it made.</summary>
public sealed record RefundOutcome(string Reference);
