using Fanghu.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Account;

/// <summary>Signing out is a POST (with the antiforgery token), so a link or an image cannot sign someone out.</summary>
public sealed class LogoutModel(SignInManager<FanghuUser> signIn, UserManager<FanghuUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp makes every copy of the old cookie invalid (shared computers in village offices),
        // not just the one this browser deletes.
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return LocalRedirect("/Account/Login");
    }
}
