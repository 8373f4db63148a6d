namespace Mart.Payments.Gateway;

/// <summary>Payment tokens the simulated gateway treats specially; any other token is a card that pays.</summary>
public static class SimulatedTokens
{
    /// <summary>Always declined (<c>card_declined</c>).</summary>
    public const string Decline = "tok_decline";

    /// <summary>Fails transiently <c>FlakyFailures</c> times, then succeeds.</summary>
    public const string Flaky = "tok_flaky";

    /// <summary>Charged at once, answered after <c>SlowDelay</c>.</summary>
    public const string Slow = "tok_slow";
}
