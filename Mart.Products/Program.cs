using Mart.Products.Apis;
using Mart.Products.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProductsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductsApi();

app.Run();
