using Mart.ServiceDefaults.Redis;

namespace Mart.Tests.Unit.Redis;

public sealed class RedisConnectionStringTests
{
    [Fact]
    public void Reads_the_connection_string_aspire_hands_to_services()
    {
        var options = RedisConnectionString.Parse("localhost:6380,password=s3cret");

        Assert.Equal("localhost", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("s3cret", options.Password);
        Assert.Null(options.User);
        Assert.False(options.Ssl);
    }

    [Fact]
    public void Reads_user_ssl_timeouts_database_and_name()
    {
        var options = RedisConnectionString.Parse(
            "cache.example.com:6390, user=app ,password=p,ssl=True,sslHost=redis.example.com,connectTimeout=2500,syncTimeout=750,defaultDatabase=3,name=orders");

        Assert.Equal("cache.example.com", options.Host);
        Assert.Equal("app", options.User);
        Assert.True(options.Ssl);
        Assert.Equal("redis.example.com", options.SslHost);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(750), options.CommandTimeout);
        Assert.Equal(3, options.Database);
        Assert.Equal("orders", options.ClientName);
    }

    [Fact]
    public void A_password_may_contain_equals_signs()
    {
        Assert.Equal("a=b==", RedisConnectionString.Parse("h:1,password=a=b==").Password);
    }

    [Fact]
    public void The_port_defaults_to_6379_and_ipv6_addresses_are_bracketed()
    {
        Assert.Equal(("redis", 6379), Endpoint(RedisConnectionString.Parse("redis")));
        Assert.Equal(("::1", 7000), Endpoint(RedisConnectionString.Parse("[::1]:7000")));
        Assert.Equal(("::1", 6379), Endpoint(RedisConnectionString.Parse("[::1]")));
    }

    [Fact]
    public void Options_that_mean_nothing_to_this_client_are_accepted_quietly()
    {
        var options = RedisConnectionString.Parse("h:1,abortConnect=false,allowAdmin=true,connectRetry=3,keepAlive=60,ssl=false");

        Assert.Empty(options.IgnoredKeys);
    }

    [Fact]
    public void Unknown_options_are_ignored_but_recorded_without_their_values()
    {
        var options = RedisConnectionString.Parse("h:1,password=p,someNewOption=secret-value,other=1");

        Assert.Equal(["someNewOption", "other"], options.IgnoredKeys);
        Assert.Equal("p", options.Password);
    }

    [Theory]
    [InlineData("")]
    [InlineData("password=x")]
    [InlineData("h:notaport")]
    [InlineData("h:0")]
    [InlineData("h:70000")]
    [InlineData(":6379")]
    [InlineData("[::1")]
    [InlineData("a:1,b:2")]
    [InlineData("h:1,ssl=maybe")]
    [InlineData("h:1,connectTimeout=-5")]
    [InlineData("h:1,connectTimeout=soon")]
    [InlineData("h:1,defaultDatabase=x")]
    public void Malformed_connection_strings_are_rejected(string connectionString)
    {
        Assert.Throws<FormatException>(() => RedisConnectionString.Parse(connectionString));
    }

    private static (string, int) Endpoint(RedisClientOptions options) => (options.Host, options.Port);
}
