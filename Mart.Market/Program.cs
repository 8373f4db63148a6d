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

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMarketApi();

app.Run();
