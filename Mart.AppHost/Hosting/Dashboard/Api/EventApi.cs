using Mart.Hosting.Dashboard.Events;
using Mart.ServiceDefaults.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Mart.Hosting.Dashboard.Api;

/// <summary>
/// <c>GET /api/events</c> (streams, groups, lag, pending, dead-letter counts),
/// <c>GET /api/events/{stream}/entries</c>, <c>GET /api/events/{stream}/deadletters</c> (payloads decoded) and
/// <c>POST /api/events/{stream}/deadletters/{id}/replay</c>.
/// </summary>
internal static class EventApi
{
    public static void MapEventApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/events");
        api.MapGet("/", (EventStreamInspector inspector, CancellationToken cancellationToken) => inspector.GetOverviewAsync(cancellationToken));
        api.MapGet("/{stream}/entries", async Task<Results<Ok<IReadOnlyList<EventEntryView>>, NotFound, ProblemHttpResult>> (
            string stream, int? count, EventStreamInspector inspector, CancellationToken cancellationToken) =>
            !EventStreamInspector.IsKnownStream(stream)
                ? TypedResults.NotFound()
                : await inspector.GetRecentAsync(stream, Math.Clamp(count ?? 20, 1, 500), cancellationToken) is { } entries
                    ? TypedResults.Ok(entries)
                    : Unavailable());
        api.MapGet("/{stream}/deadletters", async Task<Results<Ok<IReadOnlyList<DeadLetterView>>, NotFound, ProblemHttpResult>> (
            string stream, int? count, EventStreamInspector inspector, CancellationToken cancellationToken) =>
            !EventStreamInspector.IsKnownStream(stream)
                ? TypedResults.NotFound()
                : await inspector.GetDeadLettersAsync(stream, Math.Clamp(count ?? 50, 1, 500), cancellationToken) is { } deadLetters
                    ? TypedResults.Ok(deadLetters)
                    : Unavailable());
        api.MapPost("/{stream}/deadletters/{id}/replay", async Task<Results<Ok<ReplayResult>, NotFound, ProblemHttpResult>> (
            string stream, string id, EventStreamInspector inspector, CancellationToken cancellationToken) =>
        {
            if (!EventStreamInspector.IsKnownStream(stream) || !EventStreamInspector.IsEntryId(id))
            {
                return TypedResults.NotFound();
            }

            try
            {
                return await inspector.ReplayAsync(stream, id, cancellationToken) is { } replayed ? TypedResults.Ok(replayed) : TypedResults.NotFound();
            }
            catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
            {
                return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }

    private static ProblemHttpResult Unavailable() =>
        TypedResults.Problem("Redis is not available right now.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
