using System.Diagnostics;

namespace Mart.Identity.Domain;

/// <summary>Identity's traces: one activity per token request that reaches issuing (never the token itself).</summary>
public static class IdentityTelemetry
{
    public const string SourceName = "Mart.Identity";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? TokenIssued(string? grantType, string? clientId)
    {
        var activity = Source.StartActivity("token issue");
        activity?.SetTag("oauth.grant_type", grantType);
        activity?.SetTag("oauth.client_id", clientId);
        return activity;
    }
}
