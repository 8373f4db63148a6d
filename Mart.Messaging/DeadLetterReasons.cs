namespace Mart.Messaging;

/// <summary>The one policy for giving an entry up: at once when no attempt can help (unreadable, or
/// <see cref="InvalidEventException"/>), after the attempts for other handler failures, never for an outage.</summary>
internal static class DeadLetterReasons
{
    public static string Malformed(string problem) => $"Malformed entry: {problem}.";

    public static string Undecodable(Exception failure) => $"Undecodable data: {failure.Message}";

    public static string Invalid(Exception failure) => $"Invalid event, not retried: {failure.Message}";

    public static string OutOfAttempts(int attempts, Exception failure) =>
        $"Failed {attempts} attempt(s); last: {failure.GetType().FullName}: {failure.Message}";

    public static string Deleted() =>
        "Deleted from the stream (trimmed or XDEL) before this group handled it: its data is lost; the producer's outbox row has it until the row is cleaned up.";

    public static string Undelivered(int deliveries, int maxAttempts) =>
        $"Delivered {deliveries} times without being handled; the limit is {maxAttempts}.";
}
