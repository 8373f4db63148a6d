namespace Mart.Tests.Integration.Messaging;

/// <summary>Polls a condition that becomes true asynchronously (a relay or consumer running in the background).</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
