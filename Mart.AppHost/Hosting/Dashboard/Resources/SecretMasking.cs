using System.Text.RegularExpressions;

namespace Mart.Hosting.Dashboard.Resources;

/// <summary>
/// Hides secrets before anything reaches a browser: variables whose name says they hold one, the password part of
/// connection strings, and any value equal to a secret parameter of the model.
/// </summary>
internal static partial class SecretMasking
{
    public const string Mask = "****";

    private static readonly string[] SecretNameParts = ["PASSWORD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE_KEY", "CREDENTIAL"];

    public static EnvironmentVariableView Apply(string name, string? value, IReadOnlyCollection<string> secretValues)
    {
        value ??= "";
        if (value.Length == 0)
        {
            return new EnvironmentVariableView(name, value, false);
        }

        if (SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase))
            || secretValues.Any(secret => secret.Length > 0 && value.Contains(secret, StringComparison.Ordinal)))
        {
            return new EnvironmentVariableView(name, Mask, true);
        }

        var masked = PasswordInConnectionString().Replace(value, match => match.Groups["key"].Value + "=" + Mask);
        return new EnvironmentVariableView(name, masked, masked != value);
    }

    /// <summary><c>Password=..</c> / <c>pwd=..</c> (Npgsql) and <c>password=..</c> (Redis), up to the next separator.</summary>
    [GeneratedRegex(@"(?<key>\b(?:password|pwd))\s*=\s*[^;,]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordInConnectionString();
}
