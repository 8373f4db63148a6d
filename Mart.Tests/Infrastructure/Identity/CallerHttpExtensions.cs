namespace Mart.Tests.Infrastructure.Identity;

public static class CallerHttpExtensions
{
    /// <summary>Every request of <paramref name="client"/> carries <paramref name="caller"/>'s token unless it names another.</summary>
    public static HttpClient As(this HttpClient client, Caller caller)
    {
        client.DefaultRequestHeaders.Authorization = caller.Bearer;
        return client;
    }
}
