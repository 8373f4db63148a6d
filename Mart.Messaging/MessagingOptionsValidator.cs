using Microsoft.Extensions.Options;

namespace Mart.Messaging;

/// <summary>Rejects settings that would make the relay or a consumer spin, stall or never give up, at start-up.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("ServiceName is required.");
        }

        Positive(options.Relay.BatchSize, "Relay.BatchSize");
        Positive(options.Relay.PollInterval, "Relay.PollInterval");
        Positive(options.Relay.RetryMinDelay, "Relay.RetryMinDelay");
        Ordered(options.Relay.RetryMinDelay, options.Relay.RetryMaxDelay, "Relay.RetryMinDelay", "Relay.RetryMaxDelay");
        if (options.Relay.StreamMaxLength is <= 0)
        {
            failures.Add("Relay.StreamMaxLength must be positive or unset.");
        }

        Positive(options.Relay.TrimInterval, "Relay.TrimInterval");
        Positive(options.StallAfter, "StallAfter");
        Positive(options.Consumer.HandlerTimeout, "Consumer.HandlerTimeout");
        Positive(options.Consumer.BatchSize, "Consumer.BatchSize");
        Positive(options.Consumer.MaxAttempts, "Consumer.MaxAttempts");
        Positive(options.Consumer.TransactionBatchSize, "Consumer.TransactionBatchSize");
        Positive(options.Consumer.BlockTime, "Consumer.BlockTime");
        Positive(options.Consumer.ClaimIdleTime, "Consumer.ClaimIdleTime");
        Positive(options.Consumer.ClaimInterval, "Consumer.ClaimInterval");
        Positive(options.Consumer.LagSampleInterval, "Consumer.LagSampleInterval");
        Ordered(options.Consumer.RetryBaseDelay, options.Consumer.RetryMaxDelay, "Consumer.RetryBaseDelay", "Consumer.RetryMaxDelay");
        Ordered(options.Consumer.ReconnectMinDelay, options.Consumer.ReconnectMaxDelay, "Consumer.ReconnectMinDelay", "Consumer.ReconnectMaxDelay");
        if (options.Consumer.GroupStartId is not ("0" or "$"))
        {
            failures.Add("Consumer.GroupStartId must be \"0\" or \"$\".");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive<T>(T value, string setting)
            where T : IComparable<T>
        {
            if (value.CompareTo(default!) <= 0)
            {
                failures.Add($"{setting} must be positive.");
            }
        }

        void Ordered(TimeSpan low, TimeSpan high, string lowName, string highName)
        {
            if (low < TimeSpan.Zero || high < low)
            {
                failures.Add($"{lowName} must not be negative and not exceed {highName}.");
            }
        }
    }
}
