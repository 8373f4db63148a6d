namespace Mart.Hosting.Dashboard.Resources;

/// <summary>One variable of a resource's environment as the dashboard shows it; a masked value is never sent.</summary>
internal sealed record EnvironmentVariableView(string Name, string Value, bool Masked);
