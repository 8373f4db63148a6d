using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure.Identity;
using Npgsql;

namespace Mart.Tests.EndToEnd.OrderFlow;

/// <summary>
/// Talks to Products, Orders and Payments as clients do, and reads their databases to check the outcome. Orders are
/// placed by customers with their own tokens; everything else (the catalog, reading any order, payments) as staff.
/// </summary>
public sealed class OrderFlowClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long a flow may take on a busy two-core machine before a test gives up; healthy flows take well under a second.</summary>
    public static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(60);

    public static readonly string[] FinalStatuses = ["completed", "rejected", "cancelled", "refunded"];

    private OrderFlowClient(DistributedApplication app, MartCallers callers, Caller admin, Caller customer, string productsDb, string ordersDb, string paymentsDb)
    {
        Callers = callers;
        Admin = admin;
        Customer = customer;
        Products = AsStaff(app.CreateHttpClient("products"));
        Orders = AsStaff(app.CreateHttpClient("orders"));
        Payments = AsStaff(app.CreateHttpClient("payments"));
        ProductsDb = productsDb;
        OrdersDb = ordersDb;
        PaymentsDb = paymentsDb;
    }

    public MartCallers Callers { get; }

    /// <summary>The seeded admin, whose token the three clients send unless a request names another caller.</summary>
    public Caller Admin { get; }

    /// <summary>A customer for tests that do not look at who ordered.</summary>
    public Caller Customer { get; }

    public HttpClient Products { get; }

    public HttpClient Orders { get; }

    public HttpClient Payments { get; }

    public string ProductsDb { get; }

    public string OrdersDb { get; }

    public string PaymentsDb { get; }

    public static async Task<OrderFlowClient> CreateAsync(DistributedApplication app)
    {
        var callers = new MartCallers(app);
        return new(
            app,
            callers,
            await callers.AdminAsync(),
            await callers.NewCustomerAsync(),
            (await app.GetConnectionStringAsync("productsdb"))!,
            (await app.GetConnectionStringAsync("ordersdb"))!,
            (await app.GetConnectionStringAsync("paymentsdb"))!);
    }

    /// <summary>A customer no other test uses, so listings and counts see only this test's orders.</summary>
    public Task<Caller> NewCustomerAsync() => Callers.NewCustomerAsync();

    private HttpClient AsStaff(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = Admin.Bearer;
        return client;
    }

    public async Task<CatalogProductJson> CreateProductAsync(int onHand, decimal price = 12.50m, string currency = "EUR")
    {
        using var response = await Products.PostAsJsonAsync("/products", new
        {
            sku = "OF-" + Guid.NewGuid().ToString("N").ToUpperInvariant(),
            name = "Order flow product " + Guid.NewGuid().ToString("N")[..8],
            description = "Made by an order-flow test.",
            price,
            currency,
            onHand,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /products: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<CatalogProductJson>(body, Json)!;
    }

    /// <summary>POST /orders as <paramref name="customer"/> (<see cref="Customer"/> when not given).</summary>
    public Task<HttpResponseMessage> PostOrderAsync(object body, string? idempotencyKey = null, Caller? customer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = (customer ?? Customer).Bearer;
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Orders.SendAsync(request);
    }

    /// <summary>Places an order for the given lines and expects 201 with a pending order.</summary>
    public async Task<OrderJson> PlaceAsync(Caller customer, string paymentToken, params (Guid ProductId, int Quantity)[] lines)
    {
        using var response = await PostOrderAsync(OrderBody(paymentToken, lines), customer: customer);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /orders: {(int)response.StatusCode} {body}");
        var order = JsonSerializer.Deserialize<OrderJson>(body, Json)!;
        Assert.Equal($"/orders/{order.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", order.Status);
        return order;
    }

    public static object OrderBody(string paymentToken, params (Guid ProductId, int Quantity)[] lines) => new
    {
        currency = "EUR",
        items = lines.Select(line => new { productId = line.ProductId, quantity = line.Quantity }).ToArray(),
        paymentToken,
    };

    public async Task<OrderJson> GetOrderAsync(Guid id)
    {
        using var response = await Orders.GetAsync($"/orders/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /orders/{id}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<OrderJson>(body, Json)!;
    }

    public async Task<OrderJson> CancelAsync(Guid id)
    {
        using var response = await Orders.PostAsync($"/orders/{id}/cancel", content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /orders/{id}/cancel: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<OrderJson>(body, Json)!;
    }

    /// <summary>Polls the order until it is in <paramref name="status"/>; fails naming the status it is stuck in.</summary>
    public Task<OrderJson> WaitForStatusAsync(Guid id, string status, TimeSpan? within = null) =>
        WaitForOrderAsync(id, order => order.Status == status, $"status {status}", within);

    /// <summary>Polls the order until it reached a status nothing moves it out of by itself.</summary>
    public Task<OrderJson> WaitForFinalAsync(Guid id, TimeSpan? within = null) =>
        WaitForOrderAsync(id, order => FinalStatuses.Contains(order.Status), "a final status", within);

    public async Task<OrderJson> WaitForOrderAsync(Guid id, Func<OrderJson, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? FlowTimeout);
        while (true)
        {
            var order = await GetOrderAsync(id);
            if (done(order))
            {
                return order;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Order {id} did not reach {what} in time; it is {order.Status} ({order.Reason}), history: " +
                    string.Join(" -> ", order.History.Select(h => $"{h.Status} ({h.Reason})")));
            }

            await Task.Delay(100);
        }
    }

    public async Task<List<PaymentJson>> PaymentsOfAsync(Guid orderId)
    {
        using var response = await Payments.GetAsync($"/payments?orderId={orderId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /payments?orderId={orderId}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<PaymentListJson>(body, Json)!.Items;
    }

    /// <summary>Polls until the order's payment exists and is in <paramref name="status"/>.</summary>
    public async Task<PaymentJson> WaitForPaymentAsync(Guid orderId, string status, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? FlowTimeout);
        while (true)
        {
            var payments = await PaymentsOfAsync(orderId);
            if (payments is [{ } payment] && payment.Status == status)
            {
                return payment;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The payment of order {orderId} did not become {status}; payments: {string.Join(", ", payments.Select(p => p.Status))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stock straight from the products database, bypassing the API and its cache.</summary>
    public async Task<(int OnHand, int Reserved)> StockAsync(Guid productId)
    {
        await using var connection = new NpgsqlConnection(ProductsDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT on_hand, reserved FROM products WHERE id = $1", connection);
        command.Parameters.AddWithValue(productId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"product {productId} is not in the database");
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Polls until the product's stock is exactly (<paramref name="onHand"/>, <paramref name="reserved"/>).</summary>
    public async Task WaitForStockAsync(Guid productId, int onHand, int reserved, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? FlowTimeout);
        while (true)
        {
            var stock = await StockAsync(productId);
            if (stock == (onHand, reserved))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Stock of {productId} is {stock}, expected ({onHand}, {reserved}).");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Callers.Dispose();
        Products.Dispose();
        Orders.Dispose();
        Payments.Dispose();
    }
}
