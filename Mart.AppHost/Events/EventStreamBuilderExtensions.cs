using Mart.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mart.AppHost.Events;

/// <summary>
/// <c>AddEventStreams(redis)</c>: one resource per Mart stream (<c>mart-products</c>, <c>mart-orders</c>,
/// <c>mart-payments</c>, <c>mart-market</c>) under the Redis resource, with live properties (length, last entry,
/// each consumer group's consumers, pending, lag and last delivered id, dead letters) and the commands
/// <c>show-dead-letters</c> and <c>replay-dead-letters</c>. Only in run mode: there is nothing to deploy.
/// </summary>
public static class EventStreamBuilderExtensions
{
    public const string ReplayCommand = "replay-dead-letters";
    public const string ShowCommand = "show-dead-letters";

    public static readonly IReadOnlyList<string> Streams = [StreamNames.Products, StreamNames.Orders, StreamNames.Payments, StreamNames.Market];

    public static IReadOnlyList<IResourceBuilder<EventStreamResource>> AddEventStreams(this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> redis)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return [];
        }

        var options = builder.Configuration.GetSection(EventStreamOptions.Section).Get<EventStreamOptions>() ?? new EventStreamOptions();
        builder.Services.AddSingleton(_ => new EventStreamConnection(redis.Resource));
        return [.. Streams.Select(stream => builder.AddEventStream(redis, stream, options))];
    }

    private static IResourceBuilder<EventStreamResource> AddEventStream(
        this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> redis, string name, EventStreamOptions options)
    {
        var stream = new EventStreamResource(EventStreamResource.NameOf(name), name);
        return builder.AddResource(stream)
            .WithInitialState(EventStreamSnapshot.Initial(stream))
            .WithParentRelationship(redis)
            .WaitFor(redis)
            .WithIconName("Stream")
            .OnInitializeResource((resource, e, cancellationToken) =>
            {
                var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                var monitor = new EventStreamMonitor(
                    resource, e.Services.GetRequiredService<EventStreamConnection>(), e.Notifications, e.Logger, options, TimeProvider.System);
                _ = Task.Run(() => monitor.RunAsync(stopping), stopping);
                return Task.CompletedTask;
            })
            .WithCommand(ShowCommand, "Show dead letters", context => ShowAsync(stream, options, context), new CommandOptions
            {
                Description = $"Writes the dead letters of {name} (up to {options.ShowLimit}), their payloads decoded, to this resource's console log.",
                IconName = "DocumentSearch",
                UpdateState = WhileRunning,
            })
            .WithCommand(ReplayCommand, "Replay dead letters", context => ReplayAsync(stream, context), new CommandOptions
            {
                Description = $"Puts every dead letter of {name} back onto the stream, once each.",
                ConfirmationMessage = $"Put every dead letter in {stream.DeadLetterStream} back onto {name}? Each is delivered again to every consumer group; groups that handled it already skip it.",
                IconName = "ArrowRepeatAll",
                IsHighlighted = true,
                UpdateState = WhileRunning,
            });
    }

    // Commands need Redis: they are offered while the stream can be read.
    private static ResourceCommandState WhileRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static async Task<ExecuteCommandResult> ShowAsync(EventStreamResource stream, EventStreamOptions options, ExecuteCommandContext context)
    {
        var log = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(stream);
        try
        {
            var redis = await context.Services.GetRequiredService<EventStreamConnection>().GetDatabaseAsync(context.CancellationToken).ConfigureAwait(false);
            var shown = await DeadLetterPrinter.PrintAsync(redis, stream, options.ShowLimit, log).ConfigureAwait(false);
            return CommandResults.Success($"Wrote {shown} dead letter(s) of {stream.Stream} to the console log of {stream.Name}.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            EventStreamLog.CommandFailed(log, ShowCommand, ex.Message);
            return CommandResults.Failure(ex.Message);
        }
    }

    private static async Task<ExecuteCommandResult> ReplayAsync(EventStreamResource stream, ExecuteCommandContext context)
    {
        var log = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(stream);
        try
        {
            var redis = await context.Services.GetRequiredService<EventStreamConnection>().GetDatabaseAsync(context.CancellationToken).ConfigureAwait(false);
            var replayed = await DeadLetterReplay.ReplayAllAsync(redis, stream).ConfigureAwait(false);
            EventStreamLog.Replayed(log, replayed, stream.DeadLetterStream, stream.Stream);
            return CommandResults.Success($"Replayed {replayed} dead letter(s) from {stream.DeadLetterStream} onto {stream.Stream}.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            EventStreamLog.CommandFailed(log, ReplayCommand, ex.Message);
            return CommandResults.Failure(ex.Message);
        }
    }
}
