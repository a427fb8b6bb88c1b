using System.ComponentModel.DataAnnotations;
using Fanghu.Accounts;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Account;

/// <summary>The second step of a sign-in: the six digits of the authenticator app (Identity's TOTP provider).</summary>
[EnableRateLimiting(AccountSecurity.LoginPolicy)]
public sealed class TwoFactorModel(SignInManager<FanghuUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/Login");
        if (!ModelState.IsValid) return Page();

        // Wrong codes count towards the lockout like wrong passwords (Identity's own rule).
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal),
            RememberMe, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError(string.Empty, l[result.IsLockedOut ? "TwoFactor.LockedOut" : "TwoFactor.Wrong"]);
        return Page();
    }
}
