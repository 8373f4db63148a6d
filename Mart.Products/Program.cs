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

// Validation is source-generated for the endpoints of the assembly that calls this, so the call lives here.
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductsApi();

app.Run();
