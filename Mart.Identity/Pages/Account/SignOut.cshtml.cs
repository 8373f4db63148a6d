using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mart.Identity.Pages.Account;

public sealed class SignOutModel(SignInManager<IdentityUser> signIns) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIns.SignOutAsync();
        return LocalRedirect("/account/signin");
    }
}
