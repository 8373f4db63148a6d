namespace Mart.ServiceDefaults.Caching;

/// <summary>Settings of <see cref="IMartCache"/>; bound from the <c>Mart:Cache</c> configuration section.</summary>
public sealed class MartCacheOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Mart:Cache";

    /// <summary>Prepended to every key so services sharing one Redis never collide, e.g. <c>market:</c>.</summary>
    public string KeyPrefix { get; set; } = string.Empty;
}
