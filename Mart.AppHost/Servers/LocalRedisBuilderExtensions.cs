using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mart.AppHost.Servers;

/// <summary><c>redis-server</c> from the machine as an Aspire executable, its append-only file in the state folder.</summary>
internal static class LocalRedisBuilderExtensions
{
    public const string MissingBinaryMessage =
        "redis-server was not found on PATH. Install it: Debian/Ubuntu 'sudo apt-get install redis-server', " +
        "macOS 'brew install redis', Windows: use WSL or Memurai. Or use an existing server by setting " +
        "ConnectionStrings__redis (e.g. 'localhost:6379,password=...'), or run the containers with AppHost__UseContainers=true.";

    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var binary = ExecutableLocator.FindOnPath("redis-server") ?? throw new DistributedApplicationException(MissingBinaryMessage);
        var state = StateFolder.From(builder);
        var folder = state.For(name);
        var durable = ServerMode.IsDurable(builder);
        var password = new ParameterResource($"{name}-password", _ => state.GetOrCreateSecret(name, "password"), secret: true);
        var redis = new LocalRedisResource(name, binary, folder, password);
        var configFile = Path.Combine(folder, "redis.conf");

        var port = FreePort.Next();
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new RedisProbe(redis), null, null));

        return builder.AddResource(redis)
            .WithEndpoint(port: port, targetPort: port, scheme: "redis", name: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheck)
            .WithIconName("Memory")
            .OnBeforeResourceStarted(async (resource, _, cancellationToken) =>
            {
                var data = Path.Combine(folder, "data");
                Directory.CreateDirectory(data);
                var secret = await resource.PasswordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false);

                // The password lives in a private config file, never on the command line where any user could read it.
                // The append-only file is kept even in throw-away runs: a killed server must come back with its data.
                var config = new StringBuilder()
                    .AppendLine("bind 127.0.0.1")
                    .AppendLine("protected-mode yes")
                    .AppendLine("daemonize no")
                    .AppendLine(CultureInfo.InvariantCulture, $"requirepass {secret}")
                    .AppendLine(CultureInfo.InvariantCulture, $"dir {data}")
                    .AppendLine("save \"\"")
                    .AppendLine("appendonly yes")
                    .AppendLine(durable ? "appendfsync everysec" : "appendfsync no")
                    .ToString();
                StateFolder.WritePrivateFile(configFile, config);
            });
    }
}
