var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var productsDb = postgres.AddDatabase("productsdb");
var ordersDb = postgres.AddDatabase("ordersdb");
var paymentsDb = postgres.AddDatabase("paymentsdb");
var marketDb = postgres.AddDatabase("marketdb");

var redis = builder.AddRedis("redis");

var products = builder.AddProject("products", "../Mart.Products/Mart.Products.csproj")
    .WithReference(productsDb).WaitFor(productsDb)
    .WithReference(redis).WaitFor(redis);

var payments = builder.AddProject("payments", "../Mart.Payments/Mart.Payments.csproj")
    .WithReference(paymentsDb).WaitFor(paymentsDb)
    .WithReference(redis).WaitFor(redis);

builder.AddProject("orders", "../Mart.Orders/Mart.Orders.csproj")
    .WithExternalHttpEndpoints()
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(products)
    .WithReference(payments);

var finnhubApiKey = builder.AddParameter("finnhub-api-key", secret: true);

builder.AddProject("market", "../Mart.Market/Mart.Market.csproj")
    .WithExternalHttpEndpoints()
    .WithReference(marketDb).WaitFor(marketDb)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("Finnhub__ApiKey", finnhubApiKey);

builder.Build().Run();
