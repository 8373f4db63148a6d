using Npgsql;
using NpgsqlTypes;

namespace Mart.Data;

/// <summary>
/// Parameters for SQL written by hand whose value may be null: a generic <c>NpgsqlParameter&lt;T&gt;</c> cannot carry
/// null, and a plain one needs its type named and <see cref="DBNull"/> for null.
/// </summary>
public static class NullableParameters
{
    public static NpgsqlParameter Text(string? value) => Of(NpgsqlDbType.Text, value);

    public static NpgsqlParameter Uuid(Guid? value) => Of(NpgsqlDbType.Uuid, value);

    public static NpgsqlParameter TimestampTz(DateTimeOffset? value) => Of(NpgsqlDbType.TimestampTz, value);

    private static NpgsqlParameter Of(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
