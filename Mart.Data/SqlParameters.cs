using Npgsql;
using NpgsqlTypes;

namespace Mart.Data;

/// <summary>
/// Binds the values of hand-written SQL by name (<c>@status</c>), so a reader matches each value to its column and two
/// swapped lines cannot write one column's value into another.
/// </summary>
public static class SqlParameters
{
    public static NpgsqlParameterCollection Bind<T>(this NpgsqlParameterCollection parameters, string name, T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(new NpgsqlParameter<T>(name, value));
        return parameters;
    }

    // A generic NpgsqlParameter<T> cannot carry null: these name the column type and send DBNull.
    public static NpgsqlParameterCollection BindNullable(this NpgsqlParameterCollection parameters, string name, string? value) =>
        parameters.BindNullable(name, NpgsqlDbType.Text, value);

    public static NpgsqlParameterCollection BindNullable(this NpgsqlParameterCollection parameters, string name, Guid? value) =>
        parameters.BindNullable(name, NpgsqlDbType.Uuid, value);

    public static NpgsqlParameterCollection BindNullable(this NpgsqlParameterCollection parameters, string name, DateTimeOffset? value) =>
        parameters.BindNullable(name, NpgsqlDbType.TimestampTz, value);

    private static NpgsqlParameterCollection BindNullable(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return parameters;
    }
}
