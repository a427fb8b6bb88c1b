using Fanghu.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Fanghu.Demo;

/// <summary>One demo account: what the README and the sign-in page list.</summary>
public sealed record DemoAccount(string UserName, Role Role, IReadOnlyList<string> DivisionCodes, string DisplayName, string? Department = null);

/// <summary>
/// One account per role over the demo prefecture (<see cref="DemoPrefecture"/>), all with the same
/// well-known password. For demonstrations only: never create these on a production system.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Fanghu-demo-2026";

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("village", Role.Village, [DemoPrefecture.FirstVillageCode, DemoPrefecture.SecondVillageCode], "扎西次仁（建塘镇红坡村、尼史村驻村工作队）"),
        new("township", Role.Township, [DemoPrefecture.FirstTownshipCode], "和丽梅（建塘镇乡村振兴工作站）"),
        new("county", Role.County, [DemoPrefecture.ShangriLaCode], "李建国（香格里拉市农业农村局）"),
        new("prefecture", Role.Prefecture, [DemoPrefecture.PrefectureCode], "杨文华（迪庆州农业农村局）"),
        new("department", Role.Department, [DemoPrefecture.PrefectureCode], "此里卓玛（迪庆州医疗保障局）", "医保"),
        new("auditor", Role.Auditor, [DemoPrefecture.PrefectureCode], "赵志明（迪庆州审计局）"),
        new("admin", Role.Admin, [], "系统管理员"),
    ];

    /// <summary>Creates the accounts that do not exist yet; existing ones are left as they are.</summary>
    public static async Task EnsureAsync(UserManager<FanghuUser> users, CancellationToken ct = default)
    {
        foreach (var account in All)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(account.UserName) is not null) continue;
            var user = new FanghuUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                Role = account.Role,
                DivisionCodes = [.. account.DivisionCodes],
                Department = account.Department,
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"无法创建演示账号 {account.UserName}：{string.Join("；", result.Errors.Select(e => e.Description))}");
        }
    }
}
