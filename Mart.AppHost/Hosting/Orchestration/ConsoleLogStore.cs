using System.Collections.Concurrent;

namespace Mart.Hosting;

/// <summary>One line a resource wrote, stamped when the AppHost read it.</summary>
public sealed record ConsoleLogLine(string Resource, DateTimeOffset Timestamp, string Text, bool IsError);

/// <summary>
/// The console output of every resource: the newest lines in memory (bounded per resource) and, when a folder is
/// given, every line appended to <c>{folder}/{resource}.log</c> so it can be read after the fact.
/// </summary>
public sealed class ConsoleLogStore(TimeProvider timeProvider, string? folder, int linesPerResource = 5000) : IDisposable
{
    private readonly ConcurrentDictionary<string, ResourceLog> _logs = new(StringComparer.OrdinalIgnoreCase);

    public event Action<ConsoleLogLine>? LineAdded;

    public void Append(string resource, string text, bool isError)
    {
        var line = new ConsoleLogLine(resource, timeProvider.GetUtcNow(), text, isError);
        _logs.GetOrAdd(resource, name => new ResourceLog(folder is null ? null : Path.Combine(folder, name + ".log"))).Add(line, linesPerResource);
        LineAdded?.Invoke(line);
    }

    /// <summary>The newest lines of a resource, oldest first.</summary>
    public IReadOnlyList<ConsoleLogLine> GetLines(string resource, int? last = null)
    {
        if (!_logs.TryGetValue(resource, out var log))
        {
            return [];
        }

        var lines = log.Snapshot();
        return last is { } n && lines.Count > n ? lines.Skip(lines.Count - n).ToList() : lines;
    }

    public void Dispose()
    {
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
    }

    private sealed class ResourceLog(string? path) : IDisposable
    {
        private readonly Queue<ConsoleLogLine> _lines = new();
        private StreamWriter? _file;
        private bool _disposed;

        public void Add(ConsoleLogLine line, int cap)
        {
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > cap)
                {
                    _lines.Dequeue();
                }

                if (path is not null && !_disposed)
                {
                    _file ??= OpenFile(path);
                    _file.WriteLine($"{line.Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {(line.IsError ? "ERR" : "OUT")} {line.Text}");
                }
            }
        }

        public List<ConsoleLogLine> Snapshot()
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }

        public void Dispose()
        {
            lock (_lines)
            {
                _disposed = true;
                _file?.Dispose();
            }
        }

        private static StreamWriter OpenFile(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }
    }
}
