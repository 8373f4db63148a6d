namespace Mart.ServiceDefaults.Validation;

/// <summary>The one <c>limit</c> rule of every keyset-paged list.</summary>
public static class PageLimit
{
    public const int Default = 20;

    public const int Max = 100;

    /// <summary>The page size asked for in <c>?limit=</c>, from 1 to <see cref="Max"/>; <see cref="Default"/> when absent.</summary>
    public static int PageSize(this FieldErrors errors, string? limit) => errors.Integer("limit", limit, Default, 1, Max);
}
