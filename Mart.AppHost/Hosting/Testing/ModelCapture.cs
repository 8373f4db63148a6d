using System.Reflection;

namespace Mart.Hosting.Testing;

/// <summary>
/// Runs an AppHost's entry point only as far as <c>builder.Build()</c> and takes the model it declared, so tests
/// exercise the very same Program.cs. The entry point is unwound with <see cref="ModelCapturedException"/>.
/// </summary>
internal static class ModelCapture
{
    private static readonly AsyncLocal<Session?> Current = new();

    public static DistributedApplicationBuilder CaptureFrom(Assembly appHost, string[] args)
    {
        var entryPoint = appHost.EntryPoint ?? throw new ArgumentException($"{appHost.GetName().Name} has no entry point.", nameof(appHost));
        var session = new Session(args);
        Current.Value = session;
        try
        {
            entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ModelCapturedException)
        {
        }
        finally
        {
            Current.Value = null;
        }

        return session.Builder ?? throw new InvalidOperationException(
            $"{appHost.GetName().Name}'s entry point returned without calling DistributedApplication.CreateBuilder(...).Build().");
    }

    /// <summary>The options a builder gets while a test captures the model: random ports, no terminal view.</summary>
    public static DistributedApplicationOptions? AdjustOptions(DistributedApplicationOptions options) =>
        Current.Value is { } session
            ? new DistributedApplicationOptions
            {
                Args = options.Args.Length > 0 ? options.Args : session.Args,
                RandomizePorts = true,
                ShowTerminalView = false,
                StateFolder = options.StateFolder,
                EnvironmentName = options.EnvironmentName ?? "Development",
            }
            : null;

    public static bool TryCapture(DistributedApplicationBuilder builder)
    {
        if (Current.Value is not { Builder: null } session)
        {
            return false;
        }

        session.Builder = builder;
        return true;
    }

    private sealed class Session(string[] args)
    {
        public string[] Args { get; } = args;

        public DistributedApplicationBuilder? Builder { get; set; }
    }
}

/// <summary>Unwinds an AppHost's entry point once its model has been captured for a test.</summary>
internal sealed class ModelCapturedException() : Exception("The application model was captured for testing.");
