namespace Mart.Data;

/// <summary>Timestamps as PostgreSQL stores them.</summary>
public static class DatabaseClock
{
    /// <summary>
    /// Now, cut to whole microseconds (timestamptz's precision; .NET keeps 100 ns ticks), so a value returned right after
    /// a write equals the one read back later, and cursors or leases built from either agree.
    /// </summary>
    public static DateTimeOffset GetDatabaseNow(this TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var ticks = timeProvider.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
