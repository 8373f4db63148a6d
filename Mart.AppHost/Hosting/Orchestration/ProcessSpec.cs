namespace Mart.Hosting.Orchestration;

/// <summary>What to run for a resource.</summary>
/// <param name="RunAsUser">Drop to this OS user first (PostgreSQL refuses to run as root).</param>
/// <param name="ParentDeathSignal">Signal the child receives if the AppHost dies without stopping it.</param>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    string? RunAsUser = null,
    int ParentDeathSignal = NativeMethods.SIGTERM)
{
    public string DisplayCommand => string.Join(' ', [FileName, .. Arguments]);
}
