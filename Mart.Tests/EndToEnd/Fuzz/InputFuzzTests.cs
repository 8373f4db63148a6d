using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Mart.Tests.Infrastructure.Identity;
using Xunit.Abstractions;

namespace Mart.Tests.EndToEnd.Fuzz;

/// <summary>
/// Careless and hostile input on every public endpoint of the four services, from a seeded generator: no answer is
/// a 5xx, no connection is dropped (but for the reset that may follow refusing a request line over Kestrel's limit),
/// every service is healthy afterwards, and rows written by valid requests before the fuzzing read exactly the same
/// afterwards.
/// </summary>
[Collection("app")]
public sealed class InputFuzzTests(MartAppFixture fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
    private readonly Dictionary<string, HttpClient> clients = MartAppFixture.Services.ToDictionary(
        name => name,
        name => new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,

            // Lets odd characters reach the services' header parsing instead of being refused by the client.
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        })
        {
            BaseAddress = BaseAddressOf(fixture, name),
            Timeout = Timeout.InfiniteTimeSpan,
        });

    private readonly MartCallers callers = new(fixture.App);

    public void Dispose()
    {
        callers.Dispose();
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Every_endpoint_survives_odd_input_without_a_5xx_or_a_changed_row()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"fuzz seed {settings.Seed} (repeat with MART_FUZZ_SEED={settings.Seed}); at most {settings.MaxRequests} requests in {settings.Duration.TotalSeconds:0} s");

        await AssertEveryEndpointIsFuzzedAsync();

        // As staff, so every operation is reached; a fuzzed Authorization header replaces the token.
        var admin = await callers.AdminAsync();
        foreach (var client in clients.Values)
        {
            client.DefaultRequestHeaders.Authorization = admin.Bearer;
        }

        var known = await WriteKnownDataAsync();
        var before = await SnapshotAsync(known);

        var report = new FuzzReport();
        var clock = Stopwatch.StartNew();
        var remaining = settings.MaxRequests;
        await Task.WhenAll(Enumerable.Range(0, settings.Parallelism).Select(worker => Task.Run(async () =>
        {
            var values = new FuzzValues(new Random(settings.Seed + worker));
            while (clock.Elapsed < settings.Duration && Interlocked.Decrement(ref remaining) >= 0)
            {
                var endpoint = values.Pick(FuzzEndpoints.All);
                await SendAsync(endpoint.Make(values, known), report);
            }
        })));

        output.WriteLine($"{report.Sent} requests in {clock.Elapsed.TotalSeconds:0.0} s, {report.Failed} failed");
        output.WriteLine(report.Summary());
        foreach (var failure in report.Failures)
        {
            output.WriteLine(failure);
        }

        foreach (var service in MartAppFixture.Services)
        {
            using var health = await clients[service].GetAsync("/health");
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{service} is not healthy after the fuzzing: {(int)health.StatusCode}");
        }

        Assert.True(report.Failed == 0, $"seed {settings.Seed}: {report.Failed} of {report.Sent} requests failed:{Environment.NewLine}{string.Join(Environment.NewLine, report.Failures)}");
        var after = await SnapshotAsync(known);
        foreach (var (what, answer) in before)
        {
            Assert.True(after[what] == answer, $"{what} changed during the fuzzing:{Environment.NewLine}before {answer}{Environment.NewLine}after  {after[what]}");
        }
    }

    /// <summary>Kestrel's default <c>MaxRequestLineSize</c> (8 KiB), which Mart's services keep.</summary>
    private const int KestrelRequestLineLimit = 8 * 1024;

    /// <remarks>
    /// A request that finds its kept-alive connection closed by the server a moment before (Kestrel closes it after
    /// some 4xx answers, e.g. a 414) fails before the server saw it: the pool drops that connection and the request is
    /// sent once more, and only a second failure counts as a dropped connection.
    /// </remarks>
    private async Task SendAsync(FuzzRequest fuzz, FuzzReport report)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        for (var attempt = 1; ; attempt++)
        {
            using var request = Build(fuzz, closeAfter: attempt > 1);
            try
            {
                using var response = await clients[fuzz.Service].SendAsync(
                    request, fuzz.StreamsResponse ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token);
                var status = (int)response.StatusCode;
                report.Answered(fuzz, status);
                var body = fuzz.StreamsResponse ? string.Empty : await response.Content.ReadAsStringAsync(timeout.Token);
                if (status >= 500)
                {
                    report.Failure(fuzz, $"{status}: {(body.Length > 400 ? body[..400] : body)}");
                }
                else if (status >= 400 && body.Contains("Exception", StringComparison.Ordinal))
                {
                    report.Failure(fuzz, $"{status} names an exception: {(body.Length > 400 ? body[..400] : body)}");
                }

                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && attempt == 1 && !timeout.IsCancellationRequested)
            {
                // Sent again by the next turn of the loop.
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && fuzz.PathAndQuery.Length > KestrelRequestLineLimit && !timeout.IsCancellationRequested)
            {
                // Kestrel answers a request line over its limit with a 414 and closes the connection while the client is
                // still sending the rest of the line; the reset for the unread bytes can reach the client before the 414
                // does. The request was refused unread either way, so this is not a dropped request.
                report.Answered(fuzz, FuzzReport.RefusedUnread);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                report.Answered(fuzz, 0);
                report.Failure(fuzz, timeout.IsCancellationRequested ? $"no answer within {RequestTimeout.TotalSeconds} s" : $"dropped: {ex.GetType().Name}: {ex.Message}");
                return;
            }
        }
    }

    private static HttpRequestMessage Build(FuzzRequest fuzz, bool closeAfter)
    {
        var request = new HttpRequestMessage(fuzz.Method, fuzz.PathAndQuery.TrimStart('/'));
        if (fuzz.Body is not null)
        {
            // As a careful client does for a large upload: a service that refuses it by its length answers before it is sent.
            request.Headers.ExpectContinue = fuzz.Body.Length > 32 * 1024;
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(fuzz.Body));
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        foreach (var (name, value) in fuzz.Headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (closeAfter)
        {
            // The second try keeps no connection in the pool that could be in the same state.
            request.Headers.ConnectionClose = true;
        }

        return request;
    }

    /// <summary>The services' own OpenAPI documents list no endpoint the fuzzing leaves out.</summary>
    private async Task AssertEveryEndpointIsFuzzedAsync()
    {
        var fuzzed = FuzzEndpoints.All.Select(e => $"{e.Service} {e.Method} {e.Template}").ToHashSet(StringComparer.Ordinal);
        foreach (var service in MartAppFixture.Services)
        {
            using var document = JsonDocument.Parse(await clients[service].GetStringAsync("/openapi/v1.json"));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
                {
                    var template = path.Name.Length > 1 ? path.Name.TrimEnd('/') : path.Name;
                    var endpoint = $"{service} {method.Name.ToUpperInvariant()} {template}";
                    Assert.True(fuzzed.Contains(endpoint), $"{endpoint} is in the OpenAPI document but not fuzzed");
                }
            }
        }
    }

    private async Task<KnownData> WriteKnownDataAsync()
    {
        var products = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var sku = "FZ-KNOWN-" + Guid.NewGuid().ToString("N")[..10];
            using var created = await clients["products"].PostAsync("/products", Json($$"""{"sku":"{{sku}}","name":"Known {{i}}","description":"Kept as it is.","price":12.50,"currency":"EUR","onHand":{{(i < 2 ? 10 : 100_000_000)}}}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            products.Add(IdOf(await created.Content.ReadAsStringAsync()));
        }

        // A customer of its own, so no fuzzed order (placed as staff) joins the listing of theirs read before and after.
        var customer = await callers.NewCustomerAsync();
        using var place = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = Json($$"""{"currency":"EUR","items":[{"productId":"{{products[0]}}","quantity":2}],"paymentToken":"tok_visa"}"""),
        };
        place.Headers.Authorization = customer.Bearer;
        using var placed = await clients["orders"].SendAsync(place);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var order = IdOf(await placed.Content.ReadAsStringAsync());

        // The order flow settles asynchronously: the order completes, then Products turns the reservation into a sale.
        var payment = Guid.Empty;
        await EventuallyAsync($"order {order} completed and its stock sold", async () =>
        {
            using var read = JsonDocument.Parse(await clients["orders"].GetStringAsync($"/orders/{order}"));
            using var stock = JsonDocument.Parse(await clients["products"].GetStringAsync($"/products/{products[0]}"));
            using var payments = JsonDocument.Parse(await clients["payments"].GetStringAsync($"/payments?orderId={order}"));
            var items = payments.RootElement.GetProperty("items");
            if (items.GetArrayLength() == 1)
            {
                payment = items[0].GetProperty("id").GetGuid();
            }

            return read.RootElement.GetProperty("status").GetString() == "completed"
                && stock.RootElement.GetProperty("reserved").GetInt32() == 0 && stock.RootElement.GetProperty("onHand").GetInt32() == 8
                && payment != Guid.Empty;
        });
        return new KnownData(products[..2], order, payment, customer.Id, products[2..]);
    }

    private async Task<Dictionary<string, string>> SnapshotAsync(KnownData known)
    {
        var reads = known.ProductIds.Select(id => ("products", $"/products/{id}"))
            .Append(("orders", $"/orders/{known.OrderId}"))
            .Append(("orders", $"/orders?customerId={known.CustomerId}"))
            .Append(("payments", $"/payments/{known.PaymentId}"))
            .Append(("payments", $"/payments?orderId={known.OrderId}"));
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, path) in reads)
        {
            using var response = await clients[service].GetAsync(path);
            snapshot[$"{service} {path}"] = $"{(int)response.StatusCode} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
        }

        return snapshot;
    }

    private static async Task EventuallyAsync(string what, Func<Task<bool>> done)
    {
        var deadline = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Guid IdOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("id").GetGuid();
    }

    private static Uri BaseAddressOf(MartAppFixture fixture, string service)
    {
        using var client = fixture.App.CreateHttpClient(service);
        return client.BaseAddress!;
    }
}
