using Mart.ServiceDefaults.Discovery;
using Microsoft.Extensions.Configuration;

namespace Mart.Tests.Unit.Defaults;

public sealed class ServiceEndpointResolverTests
{
    [Fact]
    public void Resolves_from_the_services_orders_http_0_environment_variable()
    {
        // The prefix keeps this test's variable apart from the real environment; "__" still maps to ":".
        const string Prefix = "MART_RESOLVER_TEST_";
        Environment.SetEnvironmentVariable($"{Prefix}services__orders__http__0", "http://127.0.0.1:5102");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build();

            var resolved = new ServiceEndpointResolver(configuration).Resolve(new Uri("http://orders/orders/42?expand=lines"));

            Assert.Equal(new Uri("http://127.0.0.1:5102/orders/42?expand=lines"), resolved);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{Prefix}services__orders__http__0", null);
        }
    }

    [Fact]
    public void Https_scheme_reads_the_https_endpoint()
    {
        var resolver = Resolver(("services:orders:http:0", "http://localhost:5102"), ("services:orders:https:0", "https://localhost:7102"));

        Assert.Equal(new Uri("https://localhost:7102/x"), resolver.Resolve(new Uri("https://orders/x")));
        Assert.Equal(new Uri("http://localhost:5102/x"), resolver.Resolve(new Uri("http://orders/x")));
    }

    [Fact]
    public void Https_plus_http_prefers_https_and_falls_back_to_http()
    {
        var both = Resolver(("services:orders:http:0", "http://localhost:5102"), ("services:orders:https:0", "https://localhost:7102"));
        var httpOnly = Resolver(("services:orders:http:0", "http://localhost:5102"));

        Assert.Equal(new Uri("https://localhost:7102/"), both.Resolve(new Uri("https+http://orders")));
        Assert.Equal(new Uri("http://localhost:5102/"), httpOnly.Resolve(new Uri("https+http://orders")));
    }

    [Fact]
    public void Named_endpoint_is_selected_with_an_underscore_prefix()
    {
        var resolver = Resolver(("services:orders:admin:0", "http://localhost:9102"));

        Assert.Equal(new Uri("http://localhost:9102/metrics"), resolver.Resolve(new Uri("http://_admin.orders/metrics")));
    }

    [Fact]
    public void Bare_host_and_port_is_accepted()
    {
        var resolver = Resolver(("services:orders:http:0", "localhost:5102"));

        Assert.Equal(new Uri("http://localhost:5102/a"), resolver.Resolve(new Uri("http://orders/a")));
    }

    [Fact]
    public void Unknown_service_fails_naming_the_missing_key()
    {
        var resolver = Resolver(("services:orders:http:0", "http://localhost:5102"));

        var error = Assert.Throws<ServiceEndpointNotFoundException>(() => resolver.Resolve(new Uri("http://payments/charge")));

        Assert.Equal("payments", error.ServiceName);
        Assert.Contains("services:payments:http:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("services__payments__http__0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_service_with_https_plus_http_names_both_keys()
    {
        var error = Assert.Throws<ServiceEndpointNotFoundException>(() => Resolver().Resolve(new Uri("https+http://payments")));

        Assert.Equal(["services:payments:https:0", "services:payments:http:0"], error.ConfigurationKeys);
    }

    [Fact]
    public void Known_service_without_the_requested_scheme_fails_clearly()
    {
        var resolver = Resolver(("services:orders:http:0", "http://localhost:5102"));

        var error = Assert.Throws<ServiceEndpointNotFoundException>(() => resolver.Resolve(new Uri("https://orders/")));

        Assert.Contains("services:orders:https:0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5101/products")]
    [InlineData("http://localhost:5101/products")]
    [InlineData("https://finnhub.io/api/v1/quote")]
    [InlineData("http://[::1]:5101/")]
    public void Addresses_that_name_no_service_pass_through(string address)
    {
        var uri = new Uri(address);

        Assert.Equal(uri, Resolver().Resolve(uri));
    }

    [Fact]
    public void Malformed_endpoint_value_names_its_key()
    {
        var resolver = Resolver(("services:orders:http:0", "http://"));

        var error = Assert.Throws<InvalidOperationException>(() => resolver.Resolve(new Uri("http://orders/")));

        Assert.Contains("services:orders:http:0", error.Message, StringComparison.Ordinal);
    }

    private static ServiceEndpointResolver Resolver(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
