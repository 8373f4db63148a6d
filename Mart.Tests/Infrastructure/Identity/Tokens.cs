namespace Mart.Tests.Infrastructure.Identity;

/// <summary>A token endpoint's answer.</summary>
public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

/// <summary>An account a test registered, with the password it chose.</summary>
public sealed record TestAccount(string Id, string Email, string Password);
