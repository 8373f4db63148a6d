using System.Net.Mail;
using Mart.Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Mart.Identity.Accounts;

/// <summary>Creating a customer's account, shared by the sign-up page and the register API.</summary>
public sealed class CustomerAccounts(UserManager<IdentityUser> users)
{
    /// <summary>The user, or the errors (an unusable email is reported here, before Identity's own rules).</summary>
    public async Task<(IdentityUser? User, IReadOnlyList<IdentityError> Errors)> CreateAsync(string? email, string? password)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !IsEmail(email))
        {
            return (null, [users.ErrorDescriber.InvalidEmail(email)]);
        }

        if (string.IsNullOrEmpty(password))
        {
            return (null, [new IdentityError { Code = "PasswordRequired", Description = "A password is required." }]);
        }

        var user = new IdentityUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, [.. created.Errors]);
        }

        var role = await users.AddToRoleAsync(user, Roles.Customer);
        return role.Succeeded ? (user, []) : (null, [.. role.Errors]);
    }

    private static bool IsEmail(string email) =>
        email.Length <= 256 && MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.');
}
