namespace Mart.Hosting.Orchestration;

/// <summary>
/// The AppHost's own messages to the person running it (failures, a dying child's last lines). While the live
/// resource table owns the terminal, messages are kept and shown under it instead of being printed.
/// </summary>
internal sealed class AppHostConsole(TimeProvider timeProvider, ConsoleLogStore logs)
{
    /// <summary>The name under which the AppHost's own messages are kept with the resources' console logs.</summary>
    public const string ResourceName = "apphost";

    private readonly List<string> _recent = [];

    public bool Captured { get; set; }

    public void Write(string message)
    {
        var stamped = $"{timeProvider.GetLocalNow():HH:mm:ss} {message}";
        lock (_recent)
        {
            _recent.Add(stamped);
            if (_recent.Count > 12)
            {
                _recent.RemoveAt(0);
            }
        }

        logs.Append(ResourceName, message, isError: true);
        if (!Captured)
        {
            System.Console.Error.WriteLine(stamped);
        }

    }

    public IReadOnlyList<string> Recent()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }
}
