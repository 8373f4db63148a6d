namespace Mart.ServiceDefaults.Redis;

/// <summary>Options of SET.</summary>
/// <param name="Expiry">Time to live: sent as EX when whole seconds, PX otherwise; <see langword="null"/> = no expiry.</param>
/// <param name="Condition">NX/XX condition.</param>
public sealed record RedisSetOptions(TimeSpan? Expiry = null, SetCondition Condition = SetCondition.Always);

/// <summary>When SET stores its value.</summary>
public enum SetCondition
{
    /// <summary>Always (no flag).</summary>
    Always,

    /// <summary>Only when the key does not exist (NX).</summary>
    IfNotExists,

    /// <summary>Only when the key already exists (XX).</summary>
    IfExists,
}
