using Mart.Orders.Apis;
using Mart.Orders.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrdersServices();

// Validation is source-generated for the endpoints of the assembly that calls this, so the call lives here.
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOrdersApi();

app.Run();
