namespace Mart.Market.Providers;

/// <summary>
/// One call granted by a <see cref="CallBudget"/>. Dispose it when the answer has arrived: until then the budget
/// cannot know when the upstream counted the call, so it keeps counting it as just made.
/// </summary>
public sealed class CallSlot : IDisposable
{
    private readonly CallBudget budget;

    internal CallSlot(CallBudget budget, DateTimeOffset grantedAt)
    {
        this.budget = budget;
        GrantedAt = grantedAt;
    }

    /// <summary>When the call was allowed to start.</summary>
    public DateTimeOffset GrantedAt { get; }

    /// <summary>When the answer arrived (or the call was abandoned); <see langword="null"/> while in flight.</summary>
    internal DateTimeOffset? EndedAt { get; set; }

    public void Dispose() => budget.End(this);
}
