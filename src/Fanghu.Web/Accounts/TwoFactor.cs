using System.Security.Claims;
using Fanghu.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Fanghu.Web.Accounts;

/// <summary>
/// 双因素认证 (TOTP, an authenticator app's six digits): required of the roles that approve cases or see a whole
/// county or more, when <see cref="AccountSecurityOptions.RequireTwoFactor"/> holds. Such an account signed in
/// with its password alone can open nothing but the enrolment page until it has enrolled (docs/adr/0015).
/// </summary>
public static class TwoFactor
{
    public static readonly Role[] RequiredRoles = [Role.County, Role.Prefecture, Role.Admin];

    /// <summary>In the sign-in cookie when the account has an authenticator enrolled.</summary>
    public const string EnrolledClaim = "fanghu:two-factor";

    public const string EnrolPage = "/Account/TwoFactorSetup";

    /// <summary>Whether this signed-in user must enrol before going on.</summary>
    public static bool MustEnrol(ClaimsPrincipal user, bool required) =>
        required && user.Identity?.IsAuthenticated == true && user.FindFirst(EnrolledClaim) is null
        && FanghuClaims.RoleOf(user) is { } role && RequiredRoles.Contains(role);

    /// <summary>The address an authenticator app reads (typed or pasted in: no QR code library).</summary>
    public static string OtpAuthUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("防返贫监测")}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString("防返贫监测")}&digits=6&period=30";

    /// <summary>The key in groups of four, easier to type into a phone.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));

    /// <summary>Sends an account that must enrol to the enrolment page (an API caller gets 403).</summary>
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var required = context.RequestServices.GetRequiredService<IOptions<AccountSecurityOptions>>().Value.RequireTwoFactor;
            var path = context.Request.Path;
            if (!MustEnrol(context.User, required ?? false) || path.StartsWithSegments(EnrolPage)
                || path.StartsWithSegments("/Account/Logout") || path.StartsWithSegments("/Error") || path.StartsWithSegments("/culture"))
            {
                await next(context);
                return;
            }
            if (path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            context.Response.Redirect(EnrolPage);
        });

    /// <summary>The authenticator token provider, the only second factor Fanghu offers.</summary>
    public static IdentityBuilder WithAuthenticator(this IdentityBuilder identity) =>
        identity.AddTokenProvider<AuthenticatorTokenProvider<FanghuUser>>(TokenOptions.DefaultAuthenticatorProvider);
}
