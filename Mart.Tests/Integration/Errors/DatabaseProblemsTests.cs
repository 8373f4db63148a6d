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
    public void Other_failures_are_not_mapped()
    {
        Assert.Null(DatabaseProblems.From(new InvalidOperationException("no database here")));
        Assert.Null(DatabaseProblems.Unavailable(new InvalidOperationException("no database here")));
    }

    [Fact]
    public async Task A_database_that_refuses_connections_is_a_503_and_a_refused_row_is_not()
    {
        // A port that was free a moment ago: nothing listens there, so the connection is refused.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var nowhere = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString) { Port = port, Pooling = false }.ConnectionString);
        var refusedConnection = await Assert.ThrowsAsync<NpgsqlException>(() => nowhere.OpenAsync());

        var problem = DatabaseProblems.Unavailable(new InvalidOperationException("wrapped", refusedConnection));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem?.Status);
        Assert.Null(DatabaseProblems.From(refusedConnection));
        Assert.Null(DatabaseProblems.Unavailable(await RefusalAsync("INSERT INTO t (name) VALUES ('a'), ('a')")));
    }

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
