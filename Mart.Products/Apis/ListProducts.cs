using System.Globalization;
using Mart.Products.Data;
using Mart.Products.Domain;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mart.Products.Apis;

/// <summary><c>GET /products</c>: live products, one keyset page at a time.</summary>
public static class ListProducts
{
    /// <remarks>
    /// Query values arrive as text and are parsed here, so each bad one is reported under its own name. A cursor
    /// belongs to the sort it was issued for; the filters are not part of it and should be sent again unchanged.
    /// </remarks>
    public static async Task<Results<Ok<ProductPage>, ValidationProblem>> HandleAsync(
        string? limit,
        string? cursor,
        string? q,
        string? minPrice,
        string? maxPrice,
        string? sort,
        ProductsDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pageSize = errors.PageSize(limit);
        var min = ParsePrice(minPrice, "minPrice", errors);
        var max = ParsePrice(maxPrice, "maxPrice", errors);
        if (min > max)
        {
            errors.Add("maxPrice", "maxPrice must not be below minPrice.");
        }

        if (!ProductSortNames.TryParse(sort, out var order))
        {
            errors.Add("sort", $"Sort by one of: {ProductSortNames.Accepted}.");
        }

        ProductCursor? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!ProductCursor.TryDecode(cursor, out after))
            {
                errors.Add("cursor", "The cursor is malformed; use nextCursor from a previous page.");
            }
            else if (after!.Sort != order)
            {
                errors.Add("cursor", $"The cursor belongs to sort={after.Sort.ToName()}; send the same sort as for the previous page.");
            }
        }

        var search = ProductFields.Search.Check(q, "q", errors);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Products.AsNoTracking().Where(p => p.DeletedAt == null);
        if (!string.IsNullOrEmpty(search))
        {
            var pattern = "%" + EscapeLike(search) + "%";
            query = query.Where(p => EF.Functions.ILike(p.Name, pattern, "\\") || EF.Functions.ILike(p.Sku, pattern, "\\"));
        }

        if (min is { } lowest)
        {
            query = query.Where(p => p.Price >= lowest);
        }

        if (max is { } highest)
        {
            query = query.Where(p => p.Price <= highest);
        }

        query = Order(query, order, after);
        var rows = await query.Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? CursorAfter(page[^1], order).Encode() : null;
        return TypedResults.Ok(new ProductPage([.. page.Select(ProductResponse.From)], next));
    }

    // Each order ends with the id, so it is total and "strictly after the cursor" is exact; the row comparison
    // (a, b) > (x, y) is what the matching index (see 0002_stock_and_listing.sql) can seek to.
    private static IQueryable<Product> Order(IQueryable<Product> query, ProductSort sort, ProductCursor? after)
    {
        switch (sort)
        {
            case ProductSort.Name:
                if (after is not null)
                {
                    var name = after.Key;
                    query = query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.Name, p.Id), ValueTuple.Create(name, after.Id)));
                }

                return query.OrderBy(p => p.Name).ThenBy(p => p.Id);
            case ProductSort.Price:
                if (after is not null)
                {
                    var price = after.PriceKey;
                    query = query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.Price, p.Id), ValueTuple.Create(price, after.Id)));
                }

                return query.OrderBy(p => p.Price).ThenBy(p => p.Id);
            case ProductSort.PriceDescending:
                if (after is not null)
                {
                    var price = after.PriceKey;
                    query = query.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.Price, p.Id), ValueTuple.Create(price, after.Id)));
                }

                return query.OrderByDescending(p => p.Price).ThenByDescending(p => p.Id);
            default:
                if (after is not null)
                {
                    var createdAt = after.CreatedAtKey;
                    query = query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.CreatedAt, p.Id), ValueTuple.Create(createdAt, after.Id)));
                }

                return query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id);
        }
    }

    private static ProductCursor CursorAfter(Product last, ProductSort sort) => sort switch
    {
        ProductSort.Name => ProductCursor.ForName(last.Id, last.Name),
        ProductSort.Price or ProductSort.PriceDescending => ProductCursor.ForPrice(sort, last.Id, last.Price),
        _ => ProductCursor.ForCreatedAt(last.Id, last.CreatedAt),
    };

    private static decimal? ParsePrice(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
            || price > ProductLimits.MaxPrice)
        {
            errors.Add(field, $"{field} must be a number from 0 to {ProductLimits.MaxPrice:0}.");
            return null;
        }

        return price;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
