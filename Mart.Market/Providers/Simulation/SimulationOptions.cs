using System.ComponentModel.DataAnnotations;

namespace Mart.Market.Providers.Simulation;

/// <summary>Settings of the simulated provider; bound from <c>Market:Simulation</c>.</summary>
public sealed class SimulationOptions : IValidatableObject
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Market:Simulation";

    /// <summary>Every simulated value derives from it: the same seed gives the same market, in every process.</summary>
    public long Seed { get; set; } = 20240601;

    /// <summary>How often simulated prices move; must divide a minute into whole steps (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan QuoteStep { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QuoteStep.Ticks % TimeSpan.TicksPerSecond != 0 || 60 % (long)QuoteStep.TotalSeconds != 0)
        {
            yield return new ValidationResult(
                "Market:Simulation:QuoteStep must be a whole number of seconds that divides a minute.", [nameof(QuoteStep)]);
        }
    }
}
