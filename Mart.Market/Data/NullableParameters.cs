using Npgsql;
using NpgsqlTypes;

namespace Mart.Market.Data;

/// <summary>The nullable market columns <see cref="Mart.Data.SqlParameters"/> has no binding for: prices and days.</summary>
internal static class NullableParameters
{
    public static NpgsqlParameterCollection BindNullable(this NpgsqlParameterCollection parameters, string name, decimal? value) =>
        parameters.Bind(name, NpgsqlDbType.Numeric, value);

    public static NpgsqlParameterCollection BindNullable(this NpgsqlParameterCollection parameters, string name, DateOnly? value) =>
        parameters.Bind(name, NpgsqlDbType.Date, value);

    private static NpgsqlParameterCollection Bind(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value)
    {
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return parameters;
    }
}
