namespace Mart.Payments.Domain;

/// <summary>PostgreSQL keeps microseconds; timestamps are cut to them when taken, so responses match later reads.</summary>
public static class DatabaseTime
{
    public static DateTimeOffset GetDatabaseNow(this TimeProvider timeProvider)
    {
        var ticks = timeProvider.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
