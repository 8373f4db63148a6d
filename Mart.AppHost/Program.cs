using Mart.AppHost.Events;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddMartPostgres("postgres").WithRestartOnFailure();
var productsDb = postgres.AddMartDatabase("productsdb");
var ordersDb = postgres.AddMartDatabase("ordersdb");
var paymentsDb = postgres.AddMartDatabase("paymentsdb");
var marketDb = postgres.AddMartDatabase("marketdb");
var identityDb = postgres.AddMartDatabase("identitydb");

var redis = builder.AddMartRedis("redis").WithRestartOnFailure();
builder.AddEventStreams(redis);

var identity = builder.AddProject<Projects.Mart_Identity>("identity")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithIssuer()
    .WithAdminPassword()
    .WithRestartOnFailure();

var products = builder.AddProject<Projects.Mart_Products>("products")
    .WithHttpHealthCheck("/health")
    .WithReference(productsDb).WaitFor(productsDb)
    .WithReference(redis).WaitFor(redis)
    .WithIdentity(identity)
    .WithIdentityClient(identity, "orders")
    .WithRestartOnFailure();

var payments = builder.AddProject<Projects.Mart_Payments>("payments")
    .WithHttpHealthCheck("/health")
    .WithReference(paymentsDb).WaitFor(paymentsDb)
    .WithReference(redis).WaitFor(redis)
    .WithIdentity(identity)
    .WithRestartOnFailure();

var orders = builder.AddProject<Projects.Mart_Orders>("orders")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(products)
    .WithReference(payments)
    .WithIdentity(identity)
    .WithRestartOnFailure();

// Products asks Orders about reservations whose settling event never came. A reference each way, never a wait:
// neither needs the other to start.
products.WithReference(orders);

var finnhubApiKey = builder.AddParameter("finnhub-api-key", secret: true);

builder.AddProject<Projects.Mart_Market>("market")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(marketDb).WaitFor(marketDb)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("Finnhub__ApiKey", finnhubApiKey)
    .WithRestartOnFailure();

builder.Build().Run();
