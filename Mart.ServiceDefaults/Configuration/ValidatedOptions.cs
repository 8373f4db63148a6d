using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mart.ServiceDefaults.Configuration;

/// <summary>The one way a service binds its settings: from a section, checked by their data annotations at start.</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and refuses to start when a value breaks its
    /// <c>[Range]</c>, <c>[Required]</c> or other annotation (an <see cref="IValidatableObject"/> checks rules across fields).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
