using System.Threading.RateLimiting;
using Fanghu.Accounts;
using Fanghu.Web.Applications;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Fanghu.Web.Accounts;

/// <summary>
/// Sign-in limits and session lifetime, configured under <c>Accounts</c> (docs/adr/0015). Password rules are not
/// here: they are <see cref="AccountRules"/>, the same for the CLI.
/// </summary>
public sealed class AccountSecurityOptions
{
    public const string Section = "Accounts";

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int FailuresBeforeLockout { get; set; } = AccountRules.DefaultFailuresBeforeLockout;
    public int LockoutMinutes { get; set; } = (int)AccountRules.DefaultLockout.TotalMinutes;

    /// <summary>
    /// Sign-in attempts one address may POST in <see cref="LoginWindowMinutes"/>, whatever the user names: a
    /// township office signs in a dozen cadres from one address, a script tries thousands of names.
    /// </summary>
    public int LoginsPerAddress { get; set; } = 30;
    public int LoginWindowMinutes { get; set; } = 10;

    /// <summary>A session left alone this long ends (each request moves it on).</summary>
    public int SessionIdleMinutes { get; set; } = 120;

    /// <summary>However active, a session ends this long after its sign-in: a working day.</summary>
    public int SessionMaxHours { get; set; } = 8;

    /// <summary>
    /// Whether county, prefecture and administrator accounts must use an authenticator (TwoFactor). Unset: yes,
    /// except in Development and Testing, where the demo accounts and the tests sign in with a password.
    /// </summary>
    public bool? RequireTwoFactor { get; set; }
}

public static class AccountSecurity
{
    public const string LoginPolicy = "login";

    /// <summary>The moment of the sign-in, kept in the cookie's properties (the principal is rebuilt on every request).</summary>
    public const string SignedInAt = "fanghu.signed-in";

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AccountSecurityOptions>().Bind(configuration.GetSection(AccountSecurityOptions.Section))
            .PostConfigure(o => o.RequireTwoFactor ??= !(environment.IsDevelopment() || environment.IsEnvironment("Testing")))
            .Validate(o => o is { FailuresBeforeLockout: > 0, LockoutMinutes: > 0, LoginsPerAddress: > 0, LoginWindowMinutes: > 0, SessionIdleMinutes: > 0, SessionMaxHours: > 0 },
                "Accounts: every limit and time must be a positive number")
            .Validate(o => o.SessionIdleMinutes <= o.SessionMaxHours * 60, "Accounts: SessionIdleMinutes is longer than SessionMaxHours")
            .ValidateOnStart();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountSecurityOptions>>((o, s) =>
        {
            o.Lockout.MaxFailedAccessAttempts = s.Value.FailuresBeforeLockout;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(s.Value.LockoutMinutes);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountSecurityOptions>>((o, s) => ApiAwareCookie.Configure(o, s.Value));
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(LoginPolicy, context =>
        {
            // Only the POST counts: opening the page costs nothing.
            if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter(LoginPolicy + ":read");
            var s = context.RequestServices.GetRequiredService<IOptions<AccountSecurityOptions>>().Value;
            return RateLimitPartition.GetSlidingWindowLimiter(PublicApplications.PartitionOf(context.Connection.RemoteIpAddress), _ => new()
            {
                PermitLimit = s.LoginsPerAddress,
                Window = TimeSpan.FromMinutes(s.LoginWindowMinutes),
                SegmentsPerWindow = 10,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }));
        return services;
    }

    /// <summary>One step of the login limiter's sliding window: the soonest an attempt comes back.</summary>
    public static TimeSpan LoginRetry(IServiceProvider services) =>
        TimeSpan.FromMinutes(services.GetRequiredService<IOptions<AccountSecurityOptions>>().Value.LoginWindowMinutes) / 10;
}
