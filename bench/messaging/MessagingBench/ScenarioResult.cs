namespace MessagingBench;

/// <summary>One row of the result table.</summary>
internal sealed record ScenarioResult(string Scenario, int Events, double EventsPerSecond, double P50Ms, double P99Ms, double MaxMs);
