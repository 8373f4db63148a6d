using Mart.Payments.Apis;
using Mart.Payments.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPaymentsApi();

app.Run();
