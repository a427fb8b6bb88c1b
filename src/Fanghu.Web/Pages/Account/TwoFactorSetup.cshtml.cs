using System.ComponentModel.DataAnnotations;
using Fanghu.Accounts;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Account;

/// <summary>
/// Enrolling an authenticator app: the key as text and as an otpauth:// address (no QR code: nothing to install),
/// then one code from the app proves it was typed right before two-factor sign-in is switched on.
/// </summary>
public sealed class TwoFactorSetupModel(UserManager<FanghuUser> users, SignInManager<FanghuUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "TwoFactor.Code")]
    public string Code { get; set; } = "";

    public string Key { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public bool Enrolled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (ModelState.IsValid)
        {
            var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                // A new security stamp came with it: the cookie is re-issued, now with the enrolled claim.
                await signIn.RefreshSignInAsync(user);
                return LocalRedirect("/");
            }
            ModelState.AddModelError(nameof(Code), l["TwoFactor.Wrong"]);
        }
        await ShowAsync(user);
        return Page();
    }

    private async Task ShowAsync(FanghuUser user)
    {
        Enrolled = user.TwoFactorEnabled;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp: re-issue the cookie, or the next request would be signed out.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        Key = TwoFactor.Grouped(key);
        Uri = TwoFactor.OtpAuthUri(user.UserName ?? "", key);
    }
}
