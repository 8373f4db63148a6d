namespace Mart.AppHost.Restart;

/// <summary>
/// The wait before each restart: 1 s, doubling up to 30 s, back to 1 s once the resource had stayed healthy for
/// 30 s, so a crash loop slows down while an occasional crash is repaired at once.
/// </summary>
internal sealed class RestartBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ResetAfterHealthy = TimeSpan.FromSeconds(30);

    private TimeSpan _next = Initial;

    /// <param name="healthyFor">How long the resource was healthy before this exit (zero if it never was).</param>
    public TimeSpan Next(TimeSpan healthyFor)
    {
        if (healthyFor >= ResetAfterHealthy)
        {
            _next = Initial;
        }

        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Maximum.Ticks));
        return delay;
    }
}
