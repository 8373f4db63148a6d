using System.ComponentModel.DataAnnotations;

namespace Mart.Identity.Domain;

/// <summary>Settings of the identity service, bound from the <c>Identity</c> configuration section.</summary>
public sealed class IdentitySettings
{
    public const string SectionName = "Identity";

    /// <summary>The URL tokens name as their issuer (the AppHost sets it to identity's own endpoint).</summary>
    [Required]
    public Uri? Issuer { get; set; }

    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    [Required]
    public AdminSettings Admin { get; set; } = new();

    [Required]
    public LockoutSettings Lockout { get; set; } = new();

    [Required]
    public LimitSettings Limits { get; set; } = new();

    /// <summary>The clients by client id, created or updated at start.</summary>
    public Dictionary<string, ClientSettings> Clients { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The seeded administrator; without a password no admin is seeded.</summary>
public sealed class AdminSettings
{
    [Required, EmailAddress]
    public string Email { get; set; } = "admin@mart.local";

    public string? Password { get; set; }
}

public sealed class LockoutSettings
{
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Limits on the pages and endpoints that check passwords (each check costs a deliberately slow hash).</summary>
public sealed class LimitSettings
{
    /// <summary>Password-checking requests per client IP per minute.</summary>
    [Range(1, 100_000)]
    public int PermitsPerMinute { get; set; } = 60;

    /// <summary>Password checks running at once in the whole process; more wait in a short queue, then 429.</summary>
    [Range(1, 1_000)]
    public int ConcurrentPasswordChecks { get; set; } = 4;
}

/// <summary>One OAuth client; without a secret it is a public client.</summary>
public sealed class ClientSettings
{
    public string? Secret { get; set; }

    public List<string> Scopes { get; set; } = [];

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}
