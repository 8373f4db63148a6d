using Microsoft.EntityFrameworkCore;

namespace Mart.Data;

/// <summary>
/// Row locks in LINQ: <see cref="ForUpdate{T}"/> marks a query, and <see cref="RowLockInterceptor"/> (on every service's
/// DbContext) ends its SQL with <c>FOR UPDATE</c>, so the rows it returns stay locked until the transaction ends.
/// </summary>
/// <remarks>
/// EF has no locking clause of its own, and SQL given to <c>FromSql</c> with parameters is built again on every call,
/// where a LINQ query's SQL is built once and cached. With <c>ORDER BY</c> the rows are locked in that order, so
/// transactions locking overlapping sets in the same order cannot deadlock. For queries of rows of one table (filters,
/// ordering, a limit): PostgreSQL refuses <c>FOR UPDATE</c> with aggregates, <c>DISTINCT</c> or <c>GROUP BY</c>.
/// </remarks>
public static class RowLocks
{
    /// <summary>
    /// The query tag EF writes as a comment at the start of the SQL. A compiled query (<c>EF.CompileAsyncQuery</c>), whose
    /// body EF translates without running it, marks itself with <c>TagWith(RowLocks.Tag)</c> instead of <see cref="ForUpdate{T}"/>.
    /// </summary>
    public const string Tag = "mart: for update";

    /// <summary>Locks the rows the query returns (<c>FOR UPDATE</c>) until the transaction ends; needs an open transaction.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query) => query.TagWith(Tag);
}
