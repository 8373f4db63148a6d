using Mart.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mart.Identity.Apis;

/// <summary>What identity's own refusals say; the shape and status come from the shared <see cref="Problems"/>.</summary>
public static class IdentityProblems
{
    public static ProblemHttpResult EmailTaken(string email) => Problems.Conflict(
        "The email is already registered.",
        $"An account for {email} exists; sign in instead.");
}
