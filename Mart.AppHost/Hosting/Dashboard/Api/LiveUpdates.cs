using System.Runtime.CompilerServices;

namespace Mart.Hosting.Dashboard.Api;

/// <summary>
/// Server-sent event streams end when the browser leaves or when the AppHost stops; the second matters because a
/// graceful shutdown would otherwise wait for every open page to close its stream.
/// </summary>
internal static class LiveUpdates
{
    public static async IAsyncEnumerable<T> UntilStopped<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> source, [EnumeratorCancellation] CancellationToken requestAborted, CancellationToken appStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, appStopping);
        var items = source(linked.Token).WithCancellation(linked.Token).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await items.MoveNextAsync();
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested)
                {
                    more = false;
                }

                if (!more)
                {
                    yield break;
                }

                yield return items.Current;
            }
        }
        finally
        {
            await items.DisposeAsync();
        }
    }
}
