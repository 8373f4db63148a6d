using System.ComponentModel.DataAnnotations;

namespace Mart.ServiceDefaults.Authentication;

/// <summary>Where Mart's identity service is and how its tokens are checked (section <c>Identity</c>).</summary>
public sealed class IdentityProviderOptions
{
    public const string SectionName = "Identity";

    /// <summary>The identity service's base address, where the discovery document and signing keys are read
    /// (the AppHost sets <c>Identity__Url</c>).</summary>
    [Required, Url]
    public string? Url { get; set; }

    /// <summary>The <c>iss</c> every token must carry; the identity service's address when not set.</summary>
    [Url]
    public string? Issuer { get; set; }

    /// <summary>How far clocks may disagree when a token's lifetime is checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This service's own client, for the tokens it sends to other services (client credentials).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string ExpectedIssuer => Issuer ?? Url!;
}
