namespace Mart.Orders.Domain;

/// <summary>
/// PostgreSQL keeps microseconds; .NET keeps 100 ns ticks. Timestamps are cut to microseconds when taken, so an
/// order reads the same in the response that created it as in every later read.
/// </summary>
public static class DatabaseTime
{
    public static DateTimeOffset GetDatabaseNow(this TimeProvider timeProvider)
    {
        var ticks = timeProvider.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
