namespace Mart.Identity.Pages.Account;

/// <summary>Where a page sends the user next: only a local URL (an open redirect would hand the session's next
/// step to anyone's site).</summary>
public static class ReturnUrls
{
    public const string Home = "/";

    public static string Local(Microsoft.AspNetCore.Mvc.IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : Home;
}
