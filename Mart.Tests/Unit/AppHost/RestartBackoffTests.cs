using Mart.AppHost.Restart;

namespace Mart.Tests.Unit.AppHost;

public sealed class RestartBackoffTests
{
    [Fact]
    public void Waits_one_second_then_doubles_up_to_thirty()
    {
        var backoff = new RestartBackoff();
        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next(TimeSpan.Zero).TotalSeconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays);
    }

    [Fact]
    public void Starts_again_at_one_second_after_thirty_seconds_healthy()
    {
        var backoff = new RestartBackoff();
        backoff.Next(TimeSpan.Zero);
        backoff.Next(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(4), backoff.Next(TimeSpan.FromSeconds(29)));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next(TimeSpan.Zero));
    }
}
