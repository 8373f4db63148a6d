using Mart.Market.Apis;
using Mart.Market.Data;
using Mart.Market.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<MarketDbContext>("marketdb");
builder.AddSqlMigrations<MarketDbContext>();
builder.AddRedisClient("redis");
builder.AddMartMessaging<MarketDbContext>("market");
builder.AddMarketData();

// Validation is source-generated for the endpoints of the assembly that calls this, so the call lives here.
builder.Services.AddValidation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMarketApi();

app.Run();
