using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mart.Products.Data;

/// <summary>Recognizes the database's answer to a duplicate SKU.</summary>
public static class UniqueViolations
{
    public const string SkuConstraint = "products_sku_key";

    public static bool IsDuplicateSku(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: SkuConstraint };
}
