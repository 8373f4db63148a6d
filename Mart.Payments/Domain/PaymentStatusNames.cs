namespace Mart.Payments.Domain;

/// <summary>The names statuses carry in JSON and in the database.</summary>
public static class PaymentStatusNames
{
    public static string ToName(this PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => "pending",
        PaymentStatus.Succeeded => "succeeded",
        PaymentStatus.Failed => "failed",
        PaymentStatus.Refunded => "refunded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static PaymentStatus Parse(string name) => name switch
    {
        "pending" => PaymentStatus.Pending,
        "succeeded" => PaymentStatus.Succeeded,
        "failed" => PaymentStatus.Failed,
        "refunded" => PaymentStatus.Refunded,
        _ => throw new FormatException($"Unknown payment status '{name}'."),
    };
}
