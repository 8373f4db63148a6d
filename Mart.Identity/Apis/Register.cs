using Mart.Identity.Accounts;
using Mart.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Identity.Apis;

public static class Register
{
    public static async Task<Results<Created<RegisteredAccount>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        JsonBody<RegisterRequest> body, CustomerAccounts accounts)
    {
        var request = body.Value;
        var (user, errors) = await accounts.CreateAsync(request.Email, request.Password);
        if (user is not null)
        {
            return TypedResults.Created((string?)null, new RegisteredAccount(user.Id, user.Email!));
        }

        if (errors.Any(AccountErrors.IsDuplicate))
        {
            return IdentityProblems.EmailTaken(request.Email!.Trim());
        }

        var fields = new FieldErrors();
        foreach (var error in errors)
        {
            fields.Add(AccountErrors.FieldOf(error), error.Description);
        }

        return fields.ToProblem();
    }
}
