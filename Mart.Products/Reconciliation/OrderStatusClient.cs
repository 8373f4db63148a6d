using System.Net;
using System.Net.Http.Json;

namespace Mart.Products.Reconciliation;

/// <summary>
/// Asks Orders where an order stands: <c>GET /orders/{id}</c> on <c>http://orders</c>, resolved by service discovery.
/// A GET changes nothing, so the standard resilience pipeline retries it, within the caller's time bound.
/// </summary>
public sealed class OrderStatusClient(HttpClient http)
{
    /// <summary>
    /// The order's status as Orders names it (<c>completed</c>, <c>cancelled</c>, ...), or null when Orders has no such
    /// order. Throws <see cref="OrdersUnavailableException"/> when Orders gives no answer within <paramref name="timeout"/>.
    /// </summary>
    public async Task<string?> StatusOfAsync(Guid orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync($"/orders/{orderId}", budget.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OrdersUnavailableException($"Orders answered {(int)response.StatusCode} about order {orderId}.");
            }

            var order = await response.Content.ReadFromJsonAsync<OrderAnswer>(budget.Token);
            return order?.Status ?? throw new OrdersUnavailableException($"Orders answered about order {orderId} without a status.");
        }
        catch (Exception ex) when (ex is not OrdersUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            // Connection refused, an open circuit, the budget spent, a malformed answer: no status can be had now.
            throw new OrdersUnavailableException(
                ex is OperationCanceledException ? $"Orders did not answer within {timeout.TotalSeconds:0.#} s." : ex.Message,
                ex);
        }
    }

    private sealed record OrderAnswer(string? Status);
}
