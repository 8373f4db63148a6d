using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mart.Data;
using Mart.Market.Domain;
using Mart.Market.Events;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mart.Market.Apis;

/// <summary>
/// <c>GET /market/stream</c>: market events as Server-Sent Events. Each event's id is its <c>mart.market</c> entry id,
/// so a reconnecting client (EventSource sends <c>Last-Event-ID</c>) first gets what it missed.
/// </summary>
public static partial class OpenMarketStream
{
    private const int MaxSymbols = 50;
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(3);

    public static Results<ServerSentEventsResult<string>, ValidationProblem> Handle(
        string? symbols,
        string? types,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        MarketFeed feed,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var filter = new MarketStreamFilter(Symbols(errors, symbols), Types(errors, types));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var resumeAfter = lastEventId is not null && StreamId().IsMatch(lastEventId) ? lastEventId : null;
        return TypedResults.ServerSentEvents(Events(feed, filter, resumeAfter, lifetime.ApplicationStopping, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        MarketFeed feed, MarketStreamFilter filter, string? resumeAfter, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribed before replaying, so nothing falls between the replay and the live events; duplicates are skipped below.
        using var subscription = feed.Subscribe();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);

        // Tells the client the subscription is in place (and how soon to reconnect), before any market event exists.
        var ready = JsonSerializer.Serialize(new { symbols = filter.Symbols, types = filter.Types.Count == 0 ? MarketStreamFilter.AllTypes : [.. filter.Types] });
        yield return new SseItem<string>(ready, "ready") { ReconnectionInterval = Reconnect };

        var replayedUpTo = resumeAfter;
        if (resumeAfter is not null)
        {
            foreach (var missed in await ReplayAsync(feed, resumeAfter, ended.Token))
            {
                replayedUpTo = missed.Id;
                if (filter.Matches(missed))
                {
                    yield return Item(missed);
                }
            }
        }

        while (await NextAsync(subscription, ended.Token) is { } next)
        {
            if ((replayedUpTo is null || IsAfter(next.Id, replayedUpTo)) && filter.Matches(next))
            {
                yield return Item(next);
            }
        }
    }

    private static SseItem<string> Item(MarketStreamEvent streamEvent) => new(streamEvent.Data, streamEvent.Type) { EventId = streamEvent.Id };

    // Ends the response quietly when the client leaves or the service stops.
    private static async Task<MarketStreamEvent?> NextAsync(MarketFeedSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            return await subscription.Events.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<MarketStreamEvent>> ReplayAsync(MarketFeed feed, string resumeAfter, CancellationToken cancellationToken)
    {
        try
        {
            return await feed.ReplayAsync(resumeAfter, cancellationToken);
        }
        catch (Exception ex) when (RedisFailFast.IsRedisFailure(ex))
        {
            // Live events still flow once Redis is back; what was missed cannot be recovered now.
            return [];
        }
    }

    // Stream ids are "<unix ms>-<sequence>"; compare numerically, not as text.
    private static bool IsAfter(string id, string other)
    {
        var (ms, seq) = Parse(id);
        var (otherMs, otherSeq) = Parse(other);
        return ms > otherMs || (ms == otherMs && seq > otherSeq);

        static (ulong, ulong) Parse(string value)
        {
            var dash = value.IndexOf('-', StringComparison.Ordinal);
            return dash < 0
                ? (ulong.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 0)
                : (ulong.Parse(value.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture),
                   ulong.Parse(value.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static HashSet<string> Symbols(FieldErrors errors, string? value)
    {
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MarketSymbol.TryNormalizeStock(entry, out var symbol) || MarketSymbol.TryNormalizeCrypto(entry, out symbol))
            {
                symbols.Add(symbol);
            }
            else
            {
                errors.Add("symbols", $"'{TextRule.Printable(entry)}' is neither a ticker (AAPL), a crypto pair (BINANCE:BTCUSDT) nor a currency code (USD).");
            }
        }

        if (symbols.Count > MaxSymbols)
        {
            errors.Add("symbols", $"At most {MaxSymbols} symbols per stream.");
        }

        return symbols;
    }

    private static HashSet<string> Types(FieldErrors errors, string? value)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var type = entry.ToLowerInvariant();
            if (MarketStreamFilter.AllTypes.Contains(type))
            {
                types.Add(type);
            }
            else
            {
                errors.Add("types", $"'{TextRule.Printable(entry)}' is not an event type; use {string.Join(", ", MarketStreamFilter.AllTypes)}.");
            }
        }

        return types;
    }

    [GeneratedRegex("^[0-9]{1,19}(-[0-9]{1,19})?$", RegexOptions.CultureInvariant)]
    private static partial Regex StreamId();
}
