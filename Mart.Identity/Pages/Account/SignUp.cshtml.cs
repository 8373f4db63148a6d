using Mart.Identity.Accounts;
using Mart.Identity.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Mart.Identity.Pages.Account;

[EnableRateLimiting(PasswordLimits.Policy)]
public sealed class SignUpModel(CustomerAccounts accounts, SignInManager<IdentityUser> signIns) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<string> Messages { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, errors) = await accounts.CreateAsync(Email, Password);
        if (user is null)
        {
            Messages = [.. errors.Select(error => error.Description)];
            return Page();
        }

        await signIns.SignInAsync(user, isPersistent: false);
        return LocalRedirect(ReturnUrls.Local(Url, ReturnUrl));
    }
}
