using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Accounts;

/// <summary>
/// The sign-in cookie: people are sent to the login page, while API callers get 401/403 ProblemDetails
/// (a redirect to an HTML page is useless to a program). A session slides on while it is used and ends after
/// <see cref="AccountSecurityOptions.SessionIdleMinutes"/> without a request, and in any case
/// <see cref="AccountSecurityOptions.SessionMaxHours"/> after its sign-in: sliding alone would let a stolen cookie
/// live for ever.
/// </summary>
public static class ApiAwareCookie
{
    public static void Configure(CookieAuthenticationOptions o, AccountSecurityOptions settings)
    {
        o.LoginPath = "/Account/Login";
        o.LogoutPath = "/Account/Logout";
        o.AccessDeniedPath = "/Account/AccessDenied";
        o.Cookie.Name = "fanghu.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromMinutes(settings.SessionIdleMinutes);
        o.SlidingExpiration = true;
        var maximum = TimeSpan.FromHours(settings.SessionMaxHours);
        o.Events.OnSigningIn = c =>
        {
            // Kept when Identity re-issues the cookie (RefreshSignInAsync after enrolling a second factor): the
            // maximum counts from the password, not from the last change to the account.
            c.Properties.Items.TryAdd(AccountSecurity.SignedInAt, c.Options.TimeProvider!.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        };
        // Identity's security stamp check is already the handler here (AddIdentityCookies): it runs after ours.
        var stampCheck = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = async c =>
        {
            var now = c.Options.TimeProvider!.GetUtcNow();
            // A cookie without the moment predates this rule: its sign-in is taken as the cookie's issue.
            var signedIn = c.Properties.Items.TryGetValue(AccountSecurity.SignedInAt, out var at)
                && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed : c.Properties.IssuedUtc ?? now;
            if (now - signedIn >= maximum)
            {
                c.RejectPrincipal();
                await c.HttpContext.SignOutAsync(c.Scheme.Name);
                return;
            }
            await stampCheck(c);
        };
        o.Events.OnRedirectToLogin = c => Respond(c, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = c => Respond(c, StatusCodes.Status403Forbidden);
    }

    private static async Task Respond(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> c, int status)
    {
        if (!c.Request.Path.StartsWithSegments("/api"))
        {
            c.Response.Redirect(c.RedirectUri);
            return;
        }
        c.Response.StatusCode = status;
        var problems = c.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = c.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "需要登录" : "无权访问",
            },
        });
    }
}
