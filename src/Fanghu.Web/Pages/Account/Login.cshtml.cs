using System.ComponentModel.DataAnnotations;
using Fanghu.Accounts;
using Fanghu.Web;
using Fanghu.Web.Accounts;
using Fanghu.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Account;

[EnableRateLimiting(AccountSecurity.LoginPolicy)]
public sealed class LoginModel(SignInManager<FanghuUser> signIn, IStringLocalizer<SharedResource> l, Display display) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.Password")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/TwoFactor", new { ReturnUrl = SafeReturnUrl, Input.RememberMe });

        // An unknown name and a wrong password get the same message: a sign-in page must not tell a stranger which
        // user names exist. Identity reports a lockout only for an existing account (after the limit of wrong
        // passwords), and says it even when the password given is right, so a guesser learns nothing more by going on.
        if (result.IsLockedOut && await signIn.UserManager.FindByNameAsync(Input.UserName.Trim()) is { } user
            && await signIn.UserManager.GetLockoutEndDateAsync(user) is { } until)
            ModelState.AddModelError(string.Empty, l["Login.LockedOut", display.Moment(until)]);
        else
            ModelState.AddModelError(string.Empty, l["Login.Failed", signIn.Options.Lockout.MaxFailedAccessAttempts,
                (int)signIn.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes]);
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
