using Mart.Identity.Extensions;

namespace Mart.Identity.Apis;

/// <summary>The accounts API for clients without a browser (the pages under /account serve people).</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Accounts");

        account.MapPost("/register", Register.HandleAsync)
            .WithName("Register")
            .WithSummary("Register a customer")
            .WithDescription("Creates an account with the customer role; sign in through /connect/authorize to get tokens. " +
                "Rate-limited per client IP (429 with Retry-After).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(PasswordLimits.Policy)
            .DisableAntiforgery();

        return account;
    }
}
