extern alias IdentityService;
extern alias MarketService;
extern alias OrdersService;
extern alias PaymentsService;
extern alias ProductsService;
using Mart.Data;
using Mart.Messaging;
using Mart.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using MarketDbContext = MarketService::Mart.Market.Data.MarketDbContext;
using MartIdentityDbContext = IdentityService::Mart.Identity.Data.MartIdentityDbContext;
using OrdersDbContext = OrdersService::Mart.Orders.Data.OrdersDbContext;
using PaymentsDbContext = PaymentsService::Mart.Payments.Data.PaymentsDbContext;
using ProductsDbContext = ProductsService::Mart.Products.Data.ProductsDbContext;

namespace Mart.Tests.Integration.Data;

/// <summary>
/// Each service's EF model, configured as the service configures it, against the schema its scripts create: every
/// mapped table and column must exist, and a column the model may leave null must accept null.
/// </summary>
[Collection("servers")]
public sealed class ModelSchemaTests(ServersFixture servers)
{
    // Columns every PostgreSQL table has without declaring them (xmin is the row version).
    private static readonly HashSet<string> SystemColumns = ["xmin", "xmax", "ctid", "cmin", "cmax", "tableoid"];

    [Fact]
    public Task Products_model_matches_its_schema() =>
        AssertModelMatchesAsync<ProductsDbContext>("Mart.Products", options => new(options));

    [Fact]
    public Task Orders_model_matches_its_schema() =>
        AssertModelMatchesAsync<OrdersDbContext>("Mart.Orders", options => new(options));

    [Fact]
    public Task Payments_model_matches_its_schema() =>
        AssertModelMatchesAsync<PaymentsDbContext>("Mart.Payments", options => new(options));

    [Fact]
    public Task Market_model_matches_its_schema() =>
        AssertModelMatchesAsync<MarketDbContext>("Mart.Market", options => new(options));

    [Fact]
    public Task Identity_model_matches_its_schema() =>
        AssertModelMatchesAsync<MartIdentityDbContext>("Mart.Identity", options => new(options));

    private async Task AssertModelMatchesAsync<TContext>(string service, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        var database = await servers.CreateDatabaseAsync("model");
        await ServiceScripts.Migrator(database).MigrateAsync([.. MessagingSchema.Migrations, .. ServiceScripts.Of(service)], CancellationToken.None);
        var columns = await ColumnsAsync(database);

        var options = new DbContextOptionsBuilder<TContext>().UseNpgsql(database);
        ServiceDatabaseExtensions.ConfigureModel(options);
        await using var db = create(options.Options);

        var mismatches = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(store) is not { } column || SystemColumns.Contains(column))
                {
                    continue;
                }

                if (!columns.TryGetValue((table, column), out var nullable))
                {
                    mismatches.Add($"{entity.DisplayName()}.{property.Name}: no column {table}.{column}");
                }
                else if (property.IsNullable && !nullable)
                {
                    mismatches.Add($"{entity.DisplayName()}.{property.Name}: may be null, but {table}.{column} is NOT NULL");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private static async Task<Dictionary<(string Table, string Column), bool>> ColumnsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT table_name, column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = 'public'",
            connection);
        await using var reader = await query.ExecuteReaderAsync();
        var columns = new Dictionary<(string, string), bool>();
        while (await reader.ReadAsync())
        {
            columns[(reader.GetString(0), reader.GetString(1))] = reader.GetBoolean(2);
        }

        return columns;
    }
}
