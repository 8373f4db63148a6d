namespace OrdersBench;

/// <param name="Orders">Orders placed (201) in the measured run.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Paced">Each order placed only after the previous one completed.</param>
/// <param name="Completed">Orders that reached completed.</param>
/// <param name="Failed">POSTs that did not answer 201.</param>
/// <param name="CompletedPerSecond">Completed orders over the time from the first placement to the last completion.</param>
/// <param name="PostP50">POST /orders latency as the client saw it, ms.</param>
/// <param name="PlacedToCompletedP50">Order history: pending at -> completed at, ms.</param>
/// <param name="PlacedToReservedP50">The stock leg: pending at -> awaiting_payment at (Orders -> Products -> Orders), ms.</param>
/// <param name="ReservedToCompletedP50">The payment leg: awaiting_payment at -> completed at (Orders -> Payments -> Orders), ms.</param>
internal sealed record ScenarioResult(
    int Orders,
    int Concurrency,
    bool Paced,
    int Completed,
    int Failed,
    double CompletedPerSecond,
    double PostP50,
    double PostP99,
    double PlacedToCompletedP50,
    double PlacedToCompletedP99,
    double PlacedToReservedP50,
    double ReservedToCompletedP50);
