using Microsoft.AspNetCore.Identity;

namespace Fanghu.Accounts;

/// <summary>An account of one of the roles of DESIGN §1, limited to its divisions.</summary>
public sealed class FanghuUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; }

    /// <summary>The division codes this account works in (one or more villages, a township, a county…).</summary>
    public List<string> DivisionCodes { get; set; } = [];

    /// <summary>For department accounts: the department (医保, 教育…).</summary>
    public string? Department { get; set; }
}

public enum Role
{
    Village = 1,
    Township = 2,
    County = 3,
    Prefecture = 4,
    Department = 5,
    Auditor = 6,
    Admin = 7,
}

/// <summary>
/// What the current user may see: everything (the CLI, administrators) or the households under the given
/// division codes at any level. Applied as a query filter in the data layer, so no page can forget it.
/// </summary>
public sealed record DataScope(bool Unrestricted, IReadOnlyList<string> Codes)
{
    public static readonly DataScope All = new(true, []);
    public static readonly DataScope Nothing = new(false, []);

    public static DataScope For(Role role, IReadOnlyList<string> codes) =>
        role == Role.Admin ? All : new DataScope(false, codes);

    /// <summary>Whether a division code (any level) lies inside this scope.</summary>
    public bool Covers(string divisionCode) =>
        Unrestricted || Codes.Any(c => divisionCode.StartsWith(c, StringComparison.Ordinal));
}
