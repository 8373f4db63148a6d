using System.Net;
using System.Net.Http.Json;
using Mart.Orders.Domain;
using Microsoft.Extensions.Options;

namespace Mart.Orders.Catalog;

/// <summary>
/// Reads current prices from Products over HTTP (<c>http://products</c>, resolved by service discovery; the standard
/// resilience pipeline retries transient failures). One request per distinct product, all at once.
/// </summary>
public sealed partial class ProductCatalog(HttpClient http, IOptions<OrdersOptions> options, ILogger<ProductCatalog> logger)
{
    /// <summary>Looks up <paramref name="productIds"/>; throws <see cref="CatalogUnavailableException"/> when Products cannot answer in time.</summary>
    public async Task<CatalogLookup> LookupAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        // The overall budget includes the pipeline's retries, so a Products outage answers in bounded time.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.CatalogTimeout);
        try
        {
            var answers = await Task.WhenAll(productIds.Select(id => GetAsync(id, budget.Token)));
            var found = answers.OfType<CatalogProduct>().ToDictionary(product => product.Id);
            return new CatalogLookup(found, [.. productIds.Where(id => !found.ContainsKey(id))]);
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

    private async Task<CatalogProduct?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/products/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new CatalogUnavailableException($"Products answered {(int)response.StatusCode} for product {id}.");
        }

        var product = await response.Content.ReadFromJsonAsync<CatalogProduct>(cancellationToken)
            ?? throw new CatalogUnavailableException($"Products sent an empty body for product {id}.");
        return product.Id == id
            ? product
            : throw new CatalogUnavailableException($"Products answered for product {product.Id} when asked for {id}.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Products is unavailable for pricing an order: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string failure);
}
