using Fanghu.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Fanghu.Demo;

/// <summary>
/// TEMPORARY stand-in written on the web branch so that it compiles; the real demo accounts replace this
/// file at merge. One account per role, all with the password <see cref="Password"/>.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Fanghu#2026";

    private static readonly (string UserName, string DisplayName, Role Role, string[] Codes)[] Accounts =
    [
        ("village1", "尼史村干部", Role.Village, ["533401100001"]),
        ("village2", "解放村干部", Role.Village, ["533401100002"]),
        ("township1", "建塘镇干部", Role.Township, ["533401100"]),
        ("county1", "香格里拉市乡村振兴局", Role.County, ["533401"]),
        ("prefecture1", "迪庆州乡村振兴局", Role.Prefecture, ["5334"]),
        ("admin", "系统管理员", Role.Admin, []),
    ];

    public static async Task<int> EnsureAsync(UserManager<FanghuUser> users, CancellationToken ct)
    {
        var created = 0;
        foreach (var (userName, displayName, role, codes) in Accounts)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new FanghuUser { UserName = userName, DisplayName = displayName, Role = role, DivisionCodes = [.. codes] };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            created++;
        }
        return created;
    }
}
