using System.Collections.Concurrent;
using System.Text;

namespace Mart.Tests.EndToEnd.Fuzz;

/// <summary>What the fuzzing found: answers per endpoint and status, and every request that went wrong.</summary>
public sealed class FuzzReport
{
    private const int KeptFailures = 25;
    private readonly ConcurrentDictionary<(string Endpoint, int Status), int> answers = new();
    private readonly ConcurrentQueue<string> failures = new();
    private int sent;
    private int failed;

    /// <summary>The status recorded for a request whose oversized request line the server refused unread, its connection reset.</summary>
    public const int RefusedUnread = -1;

    public int Sent => sent;

    public int Failed => failed;

    public IReadOnlyCollection<string> Failures => failures;

    public void Answered(FuzzRequest request, int status)
    {
        Interlocked.Increment(ref sent);
        answers.AddOrUpdate((request.Service + " " + request.Method + " " + request.Endpoint, status), 1, (_, count) => count + 1);
    }

    /// <summary>A 5xx, a dropped connection or a timeout.</summary>
    public void Failure(FuzzRequest request, string what)
    {
        Interlocked.Increment(ref failed);
        if (failures.Count < KeptFailures)
        {
            failures.Enqueue(what + " <- " + request.Describe());
        }
    }

    public string Summary()
    {
        var text = new StringBuilder();
        foreach (var endpoint in answers.GroupBy(a => a.Key.Endpoint).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(endpoint.Key).Append(": ")
                .AppendJoin(", ", endpoint.OrderBy(a => a.Key.Status).Select(a => $"{a.Key.Status switch { 0 => "dropped", RefusedUnread => "refused unread", var status => status.ToString(System.Globalization.CultureInfo.InvariantCulture) }}×{a.Value}"))
                .AppendLine();
        }

        return text.ToString();
    }
}
