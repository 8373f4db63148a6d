using Mart.Market.Data;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Market.Apis;

/// <summary><c>GET /market/quote/history</c>: the stored quotes of a stock over a period, oldest first.</summary>
public static class GetQuoteHistory
{
    public static async Task<Results<Ok<QuoteHistoryResponse>, ValidationProblem>> HandleAsync(
        string? symbol, string? from, string? to, string? limit, MarketDataReader reader, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ticker = errors.StockSymbol("symbol", symbol);
        var end = errors.Instant("to", to, dayEnds: true) ?? timeProvider.GetUtcNow();
        var start = errors.Instant("from", from, dayEnds: false) ?? end.AddDays(-1);
        var count = errors.Integer("limit", limit, fallback: 1000, min: 1, max: 5000);
        if (start >= end)
        {
            errors.Add("from", "'from' must be before 'to'.");
        }
        else if (end - start > TimeSpan.FromDays(366))
        {
            errors.Add("to", "The period must not exceed one year.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var rows = await reader.QuoteHistoryAsync(ticker, start, end, count, cancellationToken);
        return TypedResults.Ok(new QuoteHistoryResponse(ticker, start, end, [.. rows.Select(QuoteHistoryItem.From)]));
    }
}
