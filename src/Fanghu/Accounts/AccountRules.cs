using Microsoft.AspNetCore.Identity;

namespace Fanghu.Accounts;

/// <summary>Password and lockout rules shared by the web app and the CLI (docs/adr/0015).</summary>
public static class AccountRules
{
    public const int MinimumLength = 10;

    /// <summary>Of lower case, upper case, digits and symbols, a password uses at least this many (等保 二级 asks for three).</summary>
    public const int MinimumClasses = 3;

    public static readonly TimeSpan DefaultLockout = TimeSpan.FromMinutes(15);
    public const int DefaultFailuresBeforeLockout = 5;

    public static void Configure(IdentityOptions o)
    {
        o.Password.RequiredLength = MinimumLength;
        // The classes are counted by MixedClassesPasswordValidator: "three of four" lets each person choose which.
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 5;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = DefaultFailuresBeforeLockout;
        o.Lockout.DefaultLockoutTimeSpan = DefaultLockout;
        o.User.RequireUniqueEmail = false;
    }

    /// <summary>Identity with Fanghu's rules: the options above and the password classes.</summary>
    public static IdentityBuilder WithFanghuRules(this IdentityBuilder identity) =>
        identity.AddErrorDescriber<ChineseIdentityErrors>().AddPasswordValidator<MixedClassesPasswordValidator>();
}

/// <summary>Refuses a password that uses fewer than <see cref="AccountRules.MinimumClasses"/> kinds of character.</summary>
public sealed class MixedClassesPasswordValidator : IPasswordValidator<FanghuUser>
{
    public static int ClassesIn(string password)
    {
        bool lower = false, upper = false, digit = false, other = false;
        foreach (var c in password)
        {
            if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else if (!char.IsWhiteSpace(c)) other = true;
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    public Task<IdentityResult> ValidateAsync(UserManager<FanghuUser> manager, FanghuUser user, string? password) =>
        Task.FromResult(ClassesIn(password ?? "") >= AccountRules.MinimumClasses
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordRequiresClasses",
                Description = $"密码须包含小写字母、大写字母、数字、符号中的至少 {AccountRules.MinimumClasses} 种",
            }));
}
