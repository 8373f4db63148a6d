namespace Mart.Hosting.Telemetry.Storage;

/// <summary>
/// A fixed-capacity buffer that keeps the newest items: adding to a full buffer drops the oldest. Every item gets
/// a sequence number (1, 2, ...) so readers can ask for what arrived after the last one they saw.
/// </summary>
internal sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private readonly Lock _gate = new();
    private long _added;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    /// <summary>How many items were dropped to make room.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, _added - _items.Length);
            }
        }
    }

    public void AddRange(IEnumerable<T> items)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                _items[_added % _items.Length] = item;
                _added++;
            }
        }
    }

    /// <summary>The items still held whose sequence is above <paramref name="afterSequence"/>, oldest first.</summary>
    public List<Sequenced<T>> Snapshot(long afterSequence = 0)
    {
        lock (_gate)
        {
            var first = Math.Max(Math.Max(0, _added - _items.Length), afterSequence);
            var result = new List<Sequenced<T>>((int)Math.Max(0, _added - first));
            for (var sequence = first + 1; sequence <= _added; sequence++)
            {
                result.Add(new Sequenced<T>(sequence, _items[(sequence - 1) % _items.Length]));
            }

            return result;
        }
    }
}

/// <summary>An item of a <see cref="RingBuffer{T}"/> with its sequence number.</summary>
internal readonly record struct Sequenced<T>(long Sequence, T Item);
