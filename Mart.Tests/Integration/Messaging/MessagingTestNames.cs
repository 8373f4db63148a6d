namespace Mart.Tests.Integration.Messaging;

/// <summary>Fresh names per test, so tests sharing one Redis never read each other's streams.</summary>
internal static class MessagingTestNames
{
    public static string Service() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static string Product() => "p-" + Guid.NewGuid().ToString("N")[..8];
}
