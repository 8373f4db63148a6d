using System.Net;
using System.Net.Http.Json;
using Mart.Orders.Domain;
using Microsoft.Extensions.Options;

namespace Mart.Orders.Catalog;

/// <summary>
/// Reads current prices from Products over HTTP (<c>http://products</c>, resolved by service discovery): every product
/// of an order in one <c>POST /products/lookup</c>. The standard resilience pipeline does not retry a POST, so this
/// client retries a lookup that failed transiently itself (it changes nothing), within the catalog budget.
/// </summary>
public sealed partial class ProductCatalog(HttpClient http, IOptions<OrdersOptions> options, ILogger<ProductCatalog> logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Looks up <paramref name="productIds"/>; throws <see cref="CatalogUnavailableException"/> when Products cannot answer in time.</summary>
    public async Task<CatalogLookup> LookupAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        // The overall budget includes the retries, so a Products outage answers in bounded time.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.CatalogTimeout);
        var delay = FirstRetryDelay;
        try
        {
            while (true)
            {
                try
                {
                    return await LookupOnceAsync(productIds, budget.Token);
                }
                catch (Exception ex) when (ex is HttpRequestException or CatalogUnavailableException { Transient: true } && !budget.IsCancellationRequested)
                {
                    LogRetrying(logger, ex.Message, delay);
                    await Task.Delay(delay, budget.Token);
                    delay *= 2;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection refused, an open circuit, the budget spent, a malformed answer: no prices can be had now.
            LogUnavailable(logger, ex.Message);
            throw ex as CatalogUnavailableException ?? new CatalogUnavailableException(
                ex is OperationCanceledException
                    ? $"Products did not answer within {options.Value.CatalogTimeout.TotalSeconds:0.#} s."
                    : "Products could not be reached.",
                ex);
        }
    }

    private async Task<CatalogLookup> LookupOnceAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/products/lookup", new LookupRequest(productIds), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CatalogUnavailableException(
                $"Products answered {(int)response.StatusCode} to a lookup.",
                transient: (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
        }

        var answer = await response.Content.ReadFromJsonAsync<LookupAnswer>(cancellationToken)
            ?? throw new CatalogUnavailableException("Products sent an empty body to a lookup.");
        var found = new Dictionary<Guid, CatalogProduct>();
        foreach (var product in answer.Items ?? [])
        {
            if (!productIds.Contains(product.Id))
            {
                throw new CatalogUnavailableException($"Products answered for product {product.Id}, which was not asked for.");
            }

            found[product.Id] = product;
        }

        return new CatalogLookup(found, [.. productIds.Where(id => !found.ContainsKey(id))]);
    }

    private sealed record LookupRequest(IReadOnlyCollection<Guid> Ids);

    private sealed record LookupAnswer(IReadOnlyList<CatalogProduct>? Items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Products is unavailable for pricing an order: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Product lookup failed ({Failure}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string failure, TimeSpan delay);
}
