using Microsoft.AspNetCore.Identity;

namespace Mart.Identity.Accounts;

/// <summary>Which field an ASP.NET Core Identity error is about, so an answer can name it.</summary>
public static class AccountErrors
{
    public const string EmailField = "email";
    public const string PasswordField = "password";

    public static bool IsDuplicate(IdentityError error) =>
        error.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName);

    public static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? PasswordField : EmailField;
}
