namespace Mart.Payments.Gateway;

/// <summary>The gateway's answer to a charge: approved with its reference, or declined with a code and a reason.</summary>
public sealed record ChargeOutcome(bool Approved, string? Reference, string? DeclineCode, string? DeclineReason)
{
    public static ChargeOutcome Approve(string reference) => new(true, reference, null, null);

    public static ChargeOutcome Decline(string code, string reason) => new(false, null, code, reason);
}
