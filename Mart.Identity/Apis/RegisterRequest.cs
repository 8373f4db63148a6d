namespace Mart.Identity.Apis;

public sealed record RegisterRequest(string? Email, string? Password);

public sealed record RegisteredAccount(string Id, string Email);
