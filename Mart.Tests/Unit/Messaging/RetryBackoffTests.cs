using Mart.Messaging;

namespace Mart.Tests.Unit.Messaging;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(6, 3200)]
    [InlineData(7, 5000)]
    [InlineData(50, 5000)]
    [InlineData(int.MaxValue, 5000)]
    public void Without_jitter_the_delay_doubles_up_to_the_cap(int failures, double expectedMs)
    {
        var policy = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), jitter: 0);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), policy.DelayAfter(failures, 0.5));
    }

    [Theory]
    [InlineData(0.0, 160)]
    [InlineData(0.5, 200)]
    [InlineData(0.75, 220)]
    public void Jitter_spreads_the_delay_by_the_given_ratio(double sample, double expectedMs)
    {
        var policy = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), jitter: 0.2);

        Assert.Equal(expectedMs, policy.DelayAfter(2, sample).TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void Jitter_never_exceeds_the_cap()
    {
        var policy = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), jitter: 0.5);

        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayAfter(20, 0.999));
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.DelayAfter(20, 0.0));
    }

    [Fact]
    public void Random_delays_stay_inside_the_jitter_band()
    {
        var policy = new RetryBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

        for (var i = 0; i < 1000; i++)
        {
            var delay = policy.DelayAfter(3).TotalMilliseconds;
            Assert.InRange(delay, 640, 960);
        }
    }

    [Fact]
    public void Invalid_settings_and_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1), jitter: 1.5));

        var policy = new RetryBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.DelayAfter(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.DelayAfter(1, 1.0));
    }
}
