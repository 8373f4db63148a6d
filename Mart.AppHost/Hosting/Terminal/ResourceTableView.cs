using Mart.Hosting.Orchestration;
using Spectre.Console;

namespace Mart.Hosting.Terminal;

/// <summary>
/// The live terminal view of the resources while the AppHost runs. When standard output is not a terminal
/// (CI, a pipe), each change is printed as one line instead.
/// </summary>
internal sealed class ResourceTableView(ResourceNotificationService notifications, AppHostConsole console, Uri dashboard, bool enabled)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _rendering;

    public void Start()
    {
        var live = enabled && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        _rendering = live ? RenderLiveAsync(_stopping.Token) : PrintChangesAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_rendering is not null)
        {
            await _rendering.ConfigureAwait(false);
        }

        console.Captured = false;
        _stopping.Dispose();
    }

    private async Task RenderLiveAsync(CancellationToken cancellationToken)
    {
        console.Captured = true;
        await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                context.UpdateTarget(Render());
                try
                {
                    await Task.Delay(500, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            context.UpdateTarget(Render());
        }).ConfigureAwait(false);
    }

    private async Task PrintChangesAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"Mart.AppHost: dashboard at {dashboard} (Ctrl+C stops everything).");
        var last = new Dictionary<string, string>();
        try
        {
            await foreach (var s in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                var line = $"{s.Name,-12} {s.Type,-16} {s.State,-9} {s.Health,-9} {string.Join(' ', s.Urls)}";
                if (!last.TryGetValue(s.Name, out var previous) || previous != line)
                {
                    last[s.Name] = line;
                    Console.WriteLine($"{s.ChangedAt.ToLocalTime():HH:mm:ss} {line}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Rows Render()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]Mart[/] — dashboard at {Markup.Escape(dashboard.ToString())} — Ctrl+C stops everything")
            .AddColumns("Name", "Type", "State", "Health", "URL", "Restarts");
        foreach (var s in notifications.GetSnapshots())
        {
            table.AddRow(
                Markup.Escape(s.Name),
                Markup.Escape(s.Type),
                $"[{StateColor(s.State)}]{s.State}[/]",
                $"[{HealthColor(s.Health)}]{s.Health}[/]",
                Markup.Escape(string.Join(' ', s.Urls)),
                s.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var messages = console.Recent().Select(m => (Spectre.Console.Rendering.IRenderable)new Text(m, new Style(Color.Grey)));
        return new Rows([table, .. messages]);
    }

    private static string StateColor(string state) => state switch
    {
        ResourceStates.Running => "green",
        ResourceStates.Starting => "yellow",
        ResourceStates.Failed => "red",
        _ => "grey",
    };

    private static string HealthColor(string health) => health switch
    {
        HealthStates.Healthy => "green",
        HealthStates.Unhealthy => "red",
        _ => "grey",
    };
}
