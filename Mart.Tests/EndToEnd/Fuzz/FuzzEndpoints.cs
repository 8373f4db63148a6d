using System.Globalization;

namespace Mart.Tests.EndToEnd.Fuzz;

/// <summary>
/// Every public endpoint of the four services with a generator of requests for it: a valid request taken apart
/// (fields replaced by odd values, left out, unknown ones added), or something that is not the request at all.
/// </summary>
public static class FuzzEndpoints
{
    /// <summary>One endpoint as OpenAPI names it, and how to make requests for it.</summary>
    public sealed record Endpoint(string Service, string Method, string Template, Func<FuzzValues, KnownData, FuzzRequest> Make);

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml", "application/problem+json",
        "application/json; charset=utf-16", "application/json; charset=\"bogus\"", "application/jsonx", "*/*", "application/",
    ];

    public static IReadOnlyList<Endpoint> All { get; } =
    [
        new("products", "GET", "/products", (v, _) => Get(v, "products", "/products", "/products",
            ("limit", "10"), ("cursor", "bmFtZXw"), ("q", "fuzz"), ("minPrice", "1"), ("maxPrice", "100"), ("sort", "name"))),
        new("products", "POST", "/products/lookup", (v, known) => Send(v, "products", HttpMethod.Post, "/products/lookup", "/products/lookup",
            Object(v, ("ids", () => "[" + string.Join(",", known.ProductIds.Concat(known.TargetProductIds).Select(id => FuzzValues.JsonString(id.ToString()))) + "," + OddIdJson(v) + "]")))),
        new("products", "GET", "/products/{id}", (v, known) => Send(v, "products", HttpMethod.Get, "/products/{id}", "/products/" + ReadId(v, known.ProductIds),
            headers: Maybe(v, "If-None-Match"))),
        new("products", "POST", "/products", (v, _) => Send(v, "products", HttpMethod.Post, "/products", "/products", ProductBody(v, withStock: true))),
        new("products", "PUT", "/products/{id}", (v, known) => v.Chance(0.4)
            ? Send(v, "products", HttpMethod.Put, "/products/{id}", "/products/" + v.Pick(known.TargetProductIds), ProductBody(v, withStock: false),
                headers: v.Chance(0.8) ? [new("If-Match", "*")] : IfMatch(v))
            : Send(v, "products", HttpMethod.Put, "/products/{id}", "/products/" + WriteId(v, known.ProductIds, allowKnown: true), ProductBody(v, withStock: false), headers: IfMatch(v))),
        new("products", "DELETE", "/products/{id}", (v, known) => Send(v, "products", HttpMethod.Delete, "/products/{id}", "/products/" + WriteId(v, known.ProductIds, allowKnown: false),
            headers: Maybe(v, "If-Match"))),
        new("products", "POST", "/products/{id}/stock", (v, known) => Send(v, "products", HttpMethod.Post, "/products/{id}/stock", $"/products/{(v.Chance(0.5) ? v.Pick(known.TargetProductIds).ToString() : WriteId(v, known.ProductIds, allowKnown: false))}/stock",
            Object(v, ("delta", () => v.Pick(["3", "-1", "1000"])), ("reason", () => FuzzValues.JsonString("fuzz restock"))))),

        new("orders", "POST", "/orders", (v, known) => Send(v, "orders", HttpMethod.Post, "/orders", "/orders", OrderBody(v, known),
            headers: Maybe(v, "Idempotency-Key", () => "fuzz-" + v.NewGuid().ToString("N")))),
        new("orders", "GET", "/orders/{id}", (v, known) => Send(v, "orders", HttpMethod.Get, "/orders/{id}", "/orders/" + ReadId(v, [known.OrderId]))),
        new("orders", "GET", "/orders", (v, known) => Get(v, "orders", "/orders", "/orders",
            ("customerId", known.CustomerId), ("status", "completed"), ("limit", "5"), ("cursor", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))),
        new("orders", "POST", "/orders/{id}/cancel", (v, known) => Send(v, "orders", HttpMethod.Post, "/orders/{id}/cancel", $"/orders/{WriteId(v, [known.OrderId], allowKnown: false)}/cancel",
            v.Chance(0.5) ? v.OddJson() : null)),

        new("payments", "GET", "/payments/{id}", (v, known) => Send(v, "payments", HttpMethod.Get, "/payments/{id}", "/payments/" + ReadId(v, [known.PaymentId]))),
        new("payments", "GET", "/payments", (v, known) => Get(v, "payments", "/payments", "/payments", ("orderId", known.OrderId.ToString()))),
        new("payments", "POST", "/payments/{id}/refund", (v, known) => Send(v, "payments", HttpMethod.Post, "/payments/{id}/refund", $"/payments/{WriteId(v, [known.PaymentId], allowKnown: false)}/refund",
            v.Chance(0.5) ? v.OddJson() : null)),

        new("market", "GET", "/market/quote", (v, _) => Get(v, "market", "/market/quote", "/market/quote", ("symbol", "AAPL"))),
        new("market", "GET", "/market/quote/history", (v, _) => Get(v, "market", "/market/quote/history", "/market/quote/history",
            ("symbol", "AAPL"), ("from", Day(v, -3)), ("to", Day(v, 0)), ("limit", "10"))),
        new("market", "GET", "/market/company", (v, _) => Get(v, "market", "/market/company", "/market/company", ("symbol", "MSFT"))),
        new("market", "GET", "/market/news", (v, _) => Get(v, "market", "/market/news", "/market/news", ("symbol", "AAPL"), ("from", Day(v, -5)), ("to", Day(v, 0)))),
        new("market", "GET", "/market/forex", (v, _) => Get(v, "market", "/market/forex", "/market/forex", ("base", v.Pick(["USD", "EUR", "XAU"])))),
        new("market", "GET", "/market/crypto", (v, _) => Get(v, "market", "/market/crypto", "/market/crypto",
            ("symbol", "BINANCE:BTCUSDT"), ("resolution", v.Pick(["1", "60", "D", "W", "M"])),
            ("from", DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("to", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)))),
        new("market", "GET", "/market/stream", (v, _) => Get(v, "market", "/market/stream", "/market/stream", ("symbols", "AAPL,BINANCE:BTCUSDT"), ("types", "quote,crypto"))
            with { StreamsResponse = true, Headers = Maybe(v, "Last-Event-ID", () => v.Pick(["0", "0-0", "1700000000000-1", "9999999999999999999-9999999999999999999"])) }),
    ];

    private static FuzzRequest Get(FuzzValues v, string service, string endpoint, string path, params (string Name, string Valid)[] parameters)
    {
        var query = new List<string>();
        foreach (var (name, valid) in parameters)
        {
            var roll = v.Random.NextDouble();
            if (roll < 0.35)
            {
                continue;
            }

            var value = roll < 0.65 ? v.UrlText(valid) : v.Chance(0.3) ? v.UrlText(v.OddNumber()) : v.UrlText(v.OddString());
            query.Add(name + "=" + value);
            if (v.Chance(0.05))
            {
                query.Add(name + "=" + v.UrlText(v.OddString()));
            }
        }

        if (v.Chance(0.1))
        {
            query.Add(v.UrlText(v.OddString()) + "=" + v.UrlText(v.OddString()));
        }

        var request = Send(v, service, HttpMethod.Get, endpoint, query.Count == 0 ? path : path + "?" + string.Join("&", query));
        return v.Chance(0.05) ? request with { Body = v.OddJson(), ContentType = "application/json" } : request;
    }

    private static FuzzRequest Send(
        FuzzValues v, string service, HttpMethod method, string endpoint, string path, string? body = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var contentType = body is null ? null : v.Chance(0.85) ? "application/json" : v.Chance(0.2) ? null : v.Pick(ContentTypes);
        var all = new List<KeyValuePair<string, string>>(headers ?? []);
        if (v.Chance(0.08))
        {
            all.Add(new(v.Pick(["Accept", "Accept-Language", "X-Forwarded-For", "X-Fuzz", "Cookie", "Accept-Charset", "Authorization"]), v.HeaderText()));
        }

        return new FuzzRequest(service, endpoint, method, path, body, contentType, all);
    }

    /// <summary>A JSON object from valid fields, each kept, replaced by something odd or left out; or no object at all.</summary>
    private static string Object(FuzzValues v, params (string Name, Func<string> Valid)[] fields)
    {
        if (v.Chance(0.12))
        {
            return v.Random.Next(4) switch
            {
                0 => v.OddJson(),
                1 => v.Nested(v.Pick([17, 65, 2000])),
                2 => "{\"pad\":" + FuzzValues.JsonString(new string('x', 70_000)) + "}",
                _ => Truncated(v, Object(v, fields)),
            };
        }

        // Half the objects are valid but for one field, so odd values also get past the other checks to the database.
        var single = v.Chance(0.5) ? v.Random.Next(fields.Length) : -1;
        var members = new List<string>();
        for (var i = 0; i < fields.Length; i++)
        {
            var (name, valid) = fields[i];
            var roll = single < 0 ? v.Random.NextDouble() : i == single ? 0.05 + (v.Random.NextDouble() * 0.95) : 0.5;
            if (roll < 0.08)
            {
                continue;
            }

            var key = single < 0 && v.Chance(0.03) ? name.ToUpperInvariant() : name;
            var value = roll < 0.7 ? valid() : single >= 0 && v.Chance(0.6) ? FuzzValues.JsonString(v.OddString()) : v.OddJson();
            members.Add(FuzzValues.JsonString(key) + ":" + value);
        }

        if (v.Chance(0.08))
        {
            members.Add(FuzzValues.JsonString(v.OddString()) + ":" + v.OddJson());
        }

        if (members.Count > 1 && v.Chance(0.05))
        {
            members.Add(members[0]);
        }

        return "{" + string.Join(",", members) + "}";
    }

    private static string Truncated(FuzzValues v, string json) => json.Length < 2 ? json : json[..v.Random.Next(1, json.Length)];

    private static string ProductBody(FuzzValues v, bool withStock)
    {
        var fields = new List<(string, Func<string>)>
        {
            ("sku", () => FuzzValues.JsonString("FZ-" + v.NewGuid().ToString("N")[..12])),
            ("name", () => FuzzValues.JsonString("Fuzz product")),
            ("description", () => FuzzValues.JsonString("Made by the fuzz test.\nSecond line.")),
            ("price", () => v.Pick(["12.50", "0", "999.99"])),
            ("currency", () => FuzzValues.JsonString(v.Pick(["EUR", "EUR", "eur", "XCG"]))),
        };
        if (withStock)
        {
            fields.Add(("onHand", () => "5"));
        }

        return Object(v, [.. fields]);
    }

    private static string OrderBody(FuzzValues v, KnownData known) => Object(
        v,
        ("currency", () => FuzzValues.JsonString("EUR")),
        ("items", () => "[" + string.Join(",", Enumerable.Range(0, v.Pick([1, 1, 2, 51])).Select(_ => Object(
            v,
            ("productId", () => FuzzValues.JsonString((v.Chance(0.7) ? v.Pick(known.TargetProductIds) : v.NewGuid()).ToString())),
            ("quantity", () => v.Pick(["1", "2", "1000"]))))) + "]"),
        ("paymentToken", () => FuzzValues.JsonString(v.Pick(["tok_visa", "tok_decline"]))));

    private static string OddIdJson(FuzzValues v) => v.Chance(0.5) ? FuzzValues.JsonString(v.NewGuid().ToString()) : v.OddJson();

    // Reads may hit the rows made before the fuzzing; so may PUT, whose If-Match is never right (see IfMatch).
    private static string ReadId(FuzzValues v, IReadOnlyList<Guid> known) => v.Chance(0.3) ? v.Pick(known).ToString() : v.IdSegment();

    private static string WriteId(FuzzValues v, IReadOnlyList<Guid> known, bool allowKnown)
    {
        if (allowKnown && v.Chance(0.3))
        {
            return v.Pick(known).ToString();
        }

        var id = v.IdSegment();
        return Guid.TryParse(id, out var parsed) && known.Contains(parsed) ? v.NewGuid().ToString() : id;
    }

    // Never "*" and never a real tag: a valid body must not overwrite a known product.
    private static List<KeyValuePair<string, string>> IfMatch(FuzzValues v)
    {
        var value = v.HeaderText();
        return v.Chance(0.2) ? [] : [new("If-Match", value.Contains('*', StringComparison.Ordinal) ? "W/\"0\"" : value.Length == 0 ? "\"0\"" : value + "\"x")];
    }

    private static List<KeyValuePair<string, string>> Maybe(FuzzValues v, string header, Func<string>? valid = null) =>
        v.Random.Next(3) switch
        {
            0 => [],
            1 when valid is not null => [new(header, valid())],
            _ => [new(header, v.HeaderText())],
        };

    private static string Day(FuzzValues v, int offset) =>
        DateTimeOffset.UtcNow.AddDays(offset - v.Random.Next(3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
