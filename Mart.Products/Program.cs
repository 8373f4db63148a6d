using Mart.Products.Apis;
using Mart.Products.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProductsServices();

// Validation is source-generated for the endpoints of the assembly that calls this, so the call lives here.
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProductsApi();

app.Run();
