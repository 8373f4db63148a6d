using Mart.Identity.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Mart.Identity.Pages.Account;

[EnableRateLimiting(PasswordLimits.Policy)]
public sealed class SignInModel(SignInManager<IdentityUser> signIns) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Message = "Enter your email and password.";
            return Page();
        }

        var result = await signIns.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrls.Local(Url, ReturnUrl));
        }

        Message = result.IsLockedOut
            ? "This account is locked after too many failed sign-ins. Try again later."
            : "The email or password is not right.";
        return Page();
    }
}
