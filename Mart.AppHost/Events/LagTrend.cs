namespace Mart.AppHost.Events;

/// <summary>
/// Tells a group that keeps falling behind from one that is merely busy: its lag rose at every reading, never
/// fell, for at least the whole window. A burst that the consumers work off stops the trend at once.
/// </summary>
internal sealed class LagTrend(TimeSpan window)
{
    private readonly Dictionary<string, List<(DateTimeOffset At, long Lag)>> _samples = new(StringComparer.Ordinal);

    /// <summary>Records a reading; returns the groups whose lag is growing, with the lag at the window's start.</summary>
    public IReadOnlyDictionary<string, long> Record(DateTimeOffset now, IReadOnlyList<GroupReading> groups)
    {
        foreach (var gone in _samples.Keys.Except(groups.Select(g => g.Name)).ToList())
        {
            _samples.Remove(gone);
        }

        var growing = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!_samples.TryGetValue(group.Name, out var samples))
            {
                _samples[group.Name] = samples = [];
            }

            if (samples.Count > 0 && group.Lag <= samples[^1].Lag)
            {
                // Not rising (any more): the trend starts again from this reading.
                samples.Clear();
            }

            samples.Add((now, group.Lag));

            // Keep one reading at or before the window's start, so the span covered is known.
            while (samples.Count > 2 && now - samples[1].At >= window)
            {
                samples.RemoveAt(0);
            }

            if (samples.Count > 1 && now - samples[0].At >= window)
            {
                growing[group.Name] = samples[0].Lag;
            }
        }

        return growing;
    }
}
