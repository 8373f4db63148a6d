using Mart.Products;
using Mart.Products.Apis;
using Mart.Products.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<ProductsDbContext>("productsdb");
builder.AddSqlMigrations<ProductsDbContext>();
builder.AddRedisClient("redis");
builder.AddMartMessaging<ProductsDbContext>("products");
builder.AddProductsServices();
builder.AddStockEventHandlers();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductsApi();

app.Run();
