using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using static Mart.Hosting.Dashboard.Api.ResourceApi;

namespace Mart.Hosting.Dashboard.Api;

/// <summary>
/// Server-sent events for what changes by itself: <c>/api/live/resources</c> (every snapshot change) and
/// <c>/api/live/console/{name}</c> (the newest lines, then each new one).
/// </summary>
internal static class LiveApi
{
    private const int MaxBacklog = 5000;

    public static void MapLiveApi(this IEndpointRouteBuilder endpoints)
    {
        var live = endpoints.MapGroup("/api/live");
        live.MapGet("/resources", (ResourceNotificationService notifications, IHostApplicationLifetime lifetime, HttpContext context) =>
            TypedResults.ServerSentEvents(
                LiveUpdates.UntilStopped(ct => WatchResourcesAsync(notifications, ct), context.RequestAborted, lifetime.ApplicationStopping),
                "resource"));
        live.MapGet("/console/{name}", (string name, int? last, ConsoleLogStore logs, IHostApplicationLifetime lifetime, HttpContext context) =>
            TypedResults.ServerSentEvents(
                LiveUpdates.UntilStopped(ct => TailAsync(logs, name, Math.Clamp(last ?? 500, 0, MaxBacklog), ct), context.RequestAborted, lifetime.ApplicationStopping),
                "line"));
    }

    private static async IAsyncEnumerable<ResourceView> WatchResourcesAsync(
        ResourceNotificationService notifications, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var snapshot in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ResourceView.From(snapshot);
        }
    }

    private static async IAsyncEnumerable<ConsoleLogView> TailAsync(
        ConsoleLogStore logs, string resource, int last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A slow page loses its oldest pending lines rather than growing the AppHost's memory.
        var arriving = Channel.CreateBounded<ConsoleLogLine>(new BoundedChannelOptions(MaxBacklog) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnLine(ConsoleLogLine line)
        {
            if (string.Equals(line.Resource, resource, StringComparison.OrdinalIgnoreCase))
            {
                arriving.Writer.TryWrite(line);
            }
        }

        logs.LineAdded += OnLine;
        try
        {
            // Subscribed first, so no line falls between the backlog and the live tail; one may be in both.
            var backlog = logs.GetLines(resource, last);
            HashSet<ConsoleLogLine>? sent = new(backlog, ReferenceEqualityComparer.Instance);
            foreach (var line in backlog)
            {
                yield return new ConsoleLogView(line.Timestamp, line.Text, line.IsError);
            }

            await foreach (var line in arriving.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (sent is not null)
                {
                    if (sent.Contains(line))
                    {
                        continue;
                    }

                    sent = null; // Past the overlap: every later line is new.
                }

                yield return new ConsoleLogView(line.Timestamp, line.Text, line.IsError);
            }
        }
        finally
        {
            logs.LineAdded -= OnLine;
        }
    }
}
