using Mart.ServiceDefaults.Errors;
using Mart.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Mart.Tests.Integration.Errors;

/// <summary>Real refusals from a real PostgreSQL, as input that slipped past validation would cause them.</summary>
[Collection("servers")]
public sealed class DatabaseProblemsTests(ServersFixture servers)
{
    [Theory]
    [InlineData("INSERT INTO t (name) VALUES ('a'), ('a')", StatusCodes.Status409Conflict, null)]
    [InlineData("INSERT INTO t (name) VALUES ('')", StatusCodes.Status422UnprocessableEntity, "body")]
    [InlineData("INSERT INTO t (name) VALUES (NULL)", StatusCodes.Status422UnprocessableEntity, "name")]
    [InlineData("INSERT INTO t (name, short_code) VALUES ('a', 'toolong')", StatusCodes.Status400BadRequest, "body")]
    [InlineData("INSERT INTO t (name, amount) VALUES ('a', 1e20)", StatusCodes.Status400BadRequest, "body")]
    [InlineData("INSERT INTO t (name, amount) VALUES ('a', 'x')", StatusCodes.Status400BadRequest, "body")]
    [InlineData("INSERT INTO t (name, parent) VALUES ('a', 42)", StatusCodes.Status409Conflict, null)]
    public async Task Constraint_violations_become_client_errors(string sql, int status, string? field)
    {
        var exception = await RefusalAsync(sql);

        var problem = DatabaseProblems.From(new InvalidOperationException("wrapped", exception));

        Assert.NotNull(problem);
        Assert.Equal(status, problem.Status);
        if (field is not null)
        {
            Assert.Contains(field, Assert.IsType<HttpValidationProblemDetails>(problem).Errors.Keys);
        }

        Assert.DoesNotContain("t_", problem.Detail ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nul_in_text_is_a_400()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO t (name) VALUES ($1)", connection) { Parameters = { new() { Value = "a\0b" } } };

        var exception = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(StatusCodes.Status400BadRequest, DatabaseProblems.From(exception)?.Status);
    }

    [Fact]
    public void Other_failures_are_not_mapped() => Assert.Null(DatabaseProblems.From(new InvalidOperationException("no database here")));

    private async Task<PostgresException> RefusalAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await servers.CreateDatabaseAsync("dbproblems"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            """
            CREATE TABLE parents (id integer PRIMARY KEY);
            CREATE TABLE t (
                name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
                short_code varchar(3) NULL,
                amount numeric(18,2) NULL,
                parent integer NULL REFERENCES parents (id));
            """,
            connection);
        await create.ExecuteNonQueryAsync();
        return connection;
    }
}
