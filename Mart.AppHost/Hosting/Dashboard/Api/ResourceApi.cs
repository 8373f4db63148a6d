using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Mart.Hosting.Dashboard.Resources;

namespace Mart.Hosting.Dashboard.Api;

/// <summary><c>GET /api/resources</c> and the resource commands.</summary>
internal static class ResourceApi
{
    public static void MapResourceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/resources");
        api.MapGet("/", (ResourceNotificationService notifications) =>
            TypedResults.Ok(notifications.GetSnapshots().Select(ResourceView.From)));
        api.MapGet("/{name}/logs", Results<Ok<IEnumerable<ConsoleLogView>>, NotFound> (string name, int? last, ResourceNotificationService notifications, ConsoleLogStore logs) =>
            notifications.GetSnapshots().Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                ? TypedResults.Ok(logs.GetLines(name, last ?? 200).Select(l => new ConsoleLogView(l.Timestamp, l.Text, l.IsError)))
                : TypedResults.NotFound());
        api.MapGet("/{name}/environment", async Task<Results<Ok<IReadOnlyList<EnvironmentVariableView>>, NotFound>> (
            string name, ResourceNotificationService notifications, ResourceEnvironment environment, CancellationToken cancellationToken) =>
        {
            var snapshot = notifications.GetSnapshots().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            var variables = snapshot is null ? null : await environment.GetAsync(snapshot.Name, snapshot.ProcessIds, cancellationToken);
            return variables is null ? TypedResults.NotFound() : TypedResults.Ok(variables);
        });
        api.MapPost("/{name}/{command}", async Task<Results<Accepted, NotFound, BadRequest<string>>> (
            string name, string command, ResourceCommandService commands, ResourceNotificationService notifications) =>
        {
            if (!notifications.GetSnapshots().Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return TypedResults.NotFound();
            }

            Func<string, CancellationToken, Task>? action = command switch
            {
                "stop" => commands.StopResourceAsync,
                "start" => commands.StartResourceAsync,
                "restart" => commands.RestartResourceAsync,
                _ => null,
            };
            if (action is null)
            {
                return TypedResults.BadRequest($"Unknown command '{command}': use stop, start or restart.");
            }

            // Commands run in the background; their progress shows in the resource's state.
            _ = action(name, CancellationToken.None);
            await Task.Yield();
            return TypedResults.Accepted($"/api/resources");
        });
    }

    internal sealed record ResourceView(
        string Name, string Type, string State, string Health, IReadOnlyList<string> Urls,
        IReadOnlyList<int> Pids, int Restarts, int? ExitCode, string? Error)
    {
        public static ResourceView From(ResourceSnapshot s) =>
            new(s.Name, s.Type, s.State, s.Health, s.Urls, s.ProcessIds, s.Restarts, s.ExitCode, s.Error);
    }

    internal sealed record ConsoleLogView(DateTimeOffset Timestamp, string Text, bool IsError);
}
