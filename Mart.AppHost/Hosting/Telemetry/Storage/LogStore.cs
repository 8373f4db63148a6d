namespace Mart.Hosting.Telemetry.Storage;

/// <summary>What to look for among the structured logs.</summary>
/// <param name="MinSeverity">Lowest OTLP severity number shown (9 = Information, 13 = Warning, 17 = Error).</param>
/// <param name="After">Only records that arrived after this sequence number (for live tails).</param>
internal sealed record LogQuery(string? Service = null, int MinSeverity = 0, string? Search = null, string? TraceId = null, long After = 0, int Limit = 200);

/// <summary>The newest structured log records (bounded).</summary>
internal sealed class LogStore(int capacity)
{
    private readonly RingBuffer<LogEntry> _logs = new(capacity);

    public long Dropped => _logs.Dropped;

    public void Add(IEnumerable<LogEntry> logs) => _logs.AddRange(logs);

    public IEnumerable<string> Services() => _logs.Snapshot().Select(l => l.Item.Source.ServiceName).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Matching records, newest first, and the sequence number of the newest record looked at: the <c>After</c> of
    /// the next query, so a live page sees every record once.
    /// </summary>
    public (IReadOnlyList<Sequenced<LogEntry>> Logs, long LastSequence) Query(LogQuery query)
    {
        var matches = new List<Sequenced<LogEntry>>();
        var all = _logs.Snapshot(query.After);
        for (var i = all.Count - 1; i >= 0 && matches.Count < query.Limit; i--)
        {
            if (Matches(all[i].Item, query))
            {
                matches.Add(all[i]);
            }
        }

        return (matches, all.Count > 0 ? all[^1].Sequence : query.After);
    }

    private static bool Matches(LogEntry log, LogQuery query) =>
        (string.IsNullOrEmpty(query.Service) || string.Equals(log.Source.ServiceName, query.Service, StringComparison.OrdinalIgnoreCase))
        && log.SeverityNumber >= query.MinSeverity
        && (string.IsNullOrEmpty(query.TraceId) || string.Equals(log.TraceId, query.TraceId, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(query.Search)
            || log.Message.Contains(query.Search, StringComparison.OrdinalIgnoreCase)
            || log.Scope.Contains(query.Search, StringComparison.OrdinalIgnoreCase)
            || log.Attributes.Any(a => a.Value.Contains(query.Search, StringComparison.OrdinalIgnoreCase)));
}
