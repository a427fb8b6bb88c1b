using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Fanghu.Web.Accounts;

/// <summary>
/// The sign-in cookie: people are sent to the login page, while API callers get 401/403 ProblemDetails
/// (a redirect to an HTML page is useless to a program).
/// </summary>
public static class ApiAwareCookie
{
    public static void Configure(CookieAuthenticationOptions o)
    {
        o.LoginPath = "/Account/Login";
        o.LogoutPath = "/Account/Logout";
        o.AccessDeniedPath = "/Account/AccessDenied";
        o.Cookie.Name = "fanghu.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
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
