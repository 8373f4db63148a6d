using Mart.Payments.Apis;
using Mart.Payments.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentsServices();

// Validation is source-generated for the endpoints of the assembly that calls this, so the call lives here.
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPaymentsApi();

app.Run();
