using Mart.Identity.Extensions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Mart.Identity.Pages.Account;

[Authorize]
[EnableRateLimiting(PasswordLimits.Policy)]
public sealed class PasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIns) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public IReadOnlyList<string> Messages { get; private set; } = [];

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword ?? string.Empty, NewPassword ?? string.Empty);
        if (!result.Succeeded)
        {
            Messages = [.. result.Errors.Select(error => error.Description)];
            return Page();
        }

        // A new security stamp: the session's cookie is issued again so it stays valid.
        await signIns.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }
}
