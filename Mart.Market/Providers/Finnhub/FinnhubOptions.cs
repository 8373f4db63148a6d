using System.ComponentModel.DataAnnotations;

namespace Mart.Market.Providers.Finnhub;

/// <summary>Finnhub settings; bound from the <c>Finnhub</c> configuration section.</summary>
public sealed class FinnhubOptions : IValidatableObject
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Finnhub";

    /// <summary>The API root; every endpoint path is relative to it.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://finnhub.io/api/v1";

    /// <summary>Sent as <c>X-Finnhub-Token</c>. Without one, Market serves simulated data instead of calling Finnhub.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Client-side call limits.</summary>
    public CallBudgetOptions RateLimit { get; set; } = new();

    /// <summary>Retries of 429 and 5xx answers and of failed connections.</summary>
    public FinnhubRetryOptions Retry { get; set; } = new();

    /// <summary>True when an API key is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary><see cref="BaseUrl"/> with a trailing slash, so relative paths append to it instead of replacing its last segment.</summary>
    public Uri BaseAddress => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);

    // Data annotations check only this object's own properties; the nested sections are checked here.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(RateLimit, new ValidationContext(RateLimit), results, validateAllProperties: true);
        Validator.TryValidateObject(Retry, new ValidationContext(Retry), results, validateAllProperties: true);
        return results;
    }
}
