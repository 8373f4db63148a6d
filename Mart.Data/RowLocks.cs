using Microsoft.EntityFrameworkCore;

namespace Mart.Data;

/// <summary>Row locks in LINQ: a query marked <see cref="ForUpdate{T}"/> ends in <c>FOR UPDATE</c>
/// (<see cref="RowLockInterceptor"/>).</summary>
/// <remarks>
/// EF has no locking clause, and <c>FromSql</c> with parameters is built again on every call where LINQ's SQL is
/// cached. Lock with an <c>ORDER BY</c> so that overlapping transactions cannot deadlock; PostgreSQL refuses
/// <c>FOR UPDATE</c> with aggregates, <c>DISTINCT</c> or <c>GROUP BY</c>.
/// </remarks>
public static class RowLocks
{
    /// <summary>The query tag EF writes at the start of the SQL; a compiled query, which EF translates without running
    /// it, tags itself with it.</summary>
    public const string Tag = "mart: for update";

    /// <summary>Locks the rows the query returns until the transaction ends; needs an open transaction.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query) => query.TagWith(Tag);
}
