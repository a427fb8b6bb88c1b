using System.CommandLine;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Divisions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.Cli;

internal static class UserCommands
{
    public static Command Create(Option<string?> db)
    {
        var username = new Option<string>("--username") { Description = "登录名", Required = true };
        var role = new Option<Role>("--role") { Description = "角色：Village, Township, County, Prefecture, Department, Auditor, Admin", Required = true };
        var divisions = new Option<string[]>("--division") { Description = "管辖区划代码（可多次给出）", AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--display-name") { Description = "显示名称" };
        var department = new Option<string?>("--department") { Description = "行业部门（部门账号）" };
        var add = new Command("add", "新增账号；密码从环境变量 FANGHU_PASSWORD 读取，未设置时在终端输入")
        {
            username, role, divisions, name, department,
        };
        add.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var codes = result.GetValue(divisions) ?? [];
            var r = result.GetValue(role);
            if (r != Role.Admin && codes.Length == 0)
            {
                await Console.Error.WriteLineAsync("除管理员外，账号须至少有一个 --division");
                return CliContext.RejectedInput;
            }
            var normalized = new List<string>();
            foreach (var c in codes)
            {
                if (!DivisionCode.TryParse(c, out var code, out var error))
                {
                    await Console.Error.WriteLineAsync(error);
                    return CliContext.RejectedInput;
                }
                if (code.Level == DivisionLevel.Province)
                {
                    await Console.Error.WriteLineAsync($"暂不支持省级管辖范围（{code}）：请给出州市、县、乡镇或村的代码");
                    return CliContext.RejectedInput;
                }
                if (LevelFor(r) is { } level && code.Level != level)
                {
                    await Console.Error.WriteLineAsync($"{r} 账号的管辖区划应为{LevelName(level)}代码，{code} 不是");
                    return CliContext.RejectedInput;
                }
                normalized.Add(code.Value);
            }

            var password = Environment.GetEnvironmentVariable("FANGHU_PASSWORD");
            if (string.IsNullOrEmpty(password) && !Console.IsInputRedirected)
            {
                Console.Write("密码：");
                password = ReadHidden();
            }
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("未提供密码：请设置环境变量 FANGHU_PASSWORD，或在终端中运行并输入密码");
                return CliContext.RejectedInput;
            }

            await using var provider = Accounts(result.GetValue(db));
            await using var scope = provider.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<FanghuDbContext>();
            var known = await context.Divisions.Where(d => normalized.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct);
            var unknown = normalized.Except(known).ToList();
            if (unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync($"区划不存在：{string.Join("、", unknown)}");
                return CliContext.RejectedInput;
            }
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
            var user = new FanghuUser
            {
                UserName = result.GetValue(username),
                DisplayName = result.GetValue(name) ?? result.GetValue(username)!,
                Role = r,
                DivisionCodes = normalized,
                Department = result.GetValue(department),
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                foreach (var e in created.Errors) await Console.Error.WriteLineAsync(e.Description);
                return CliContext.RejectedInput;
            }
            Console.WriteLine(normalized.Count == 0
                ? $"已新增账号 {user.UserName}（{r}）"
                : $"已新增账号 {user.UserName}（{r}，{string.Join("、", normalized)}）");
            return CliContext.Ok;
        }));

        var unlockName = new Option<string>("--username") { Description = "登录名", Required = true };
        var resetTwoFactor = new Option<bool>("--reset-two-factor") { Description = "同时清除身份验证器（手机丢失时）：下次登录须重新开启双因素认证" };
        var unlock = new Command("unlock", "解除账号锁定") { unlockName, resetTwoFactor };
        unlock.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            await using var provider = Accounts(result.GetValue(db));
            await using var scope = provider.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
            if (await users.FindByNameAsync(result.GetValue(unlockName)!) is not { } user)
            {
                await Console.Error.WriteLineAsync($"账号不存在：{result.GetValue(unlockName)}");
                return CliContext.RejectedInput;
            }
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            if (result.GetValue(resetTwoFactor))
            {
                // A new key and two-factor off: the old phone's codes no longer work, and the account enrols again.
                await users.SetTwoFactorEnabledAsync(user, false);
                await users.ResetAuthenticatorKeyAsync(user);
            }
            Console.WriteLine(result.GetValue(resetTwoFactor)
                ? $"已解除 {user.UserName} 的锁定，并清除其身份验证器"
                : $"已解除 {user.UserName} 的锁定");
            return CliContext.Ok;
        }));
        return new Command("users", "账号") { add, unlock };
    }

    /// <summary>Identity over the database with Fanghu's account rules, as the web app has it.</summary>
    private static ServiceProvider Accounts(string? db)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(DataScope.All).AddFanghuData(CliContext.Settings(db));
        services.AddIdentityCore<FanghuUser>(AccountRules.Configure).WithFanghuRules()
            .AddEntityFrameworkStores<FanghuDbContext>();
        return services.BuildServiceProvider();
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.WriteLine();
        return text.ToString();
    }

    /// <summary>The level a role's divisions must be at; null where any level is allowed.</summary>
    private static DivisionLevel? LevelFor(Role role) => role switch
    {
        Role.Village => DivisionLevel.Village,
        Role.Township => DivisionLevel.Township,
        Role.County => DivisionLevel.County,
        Role.Prefecture => DivisionLevel.Prefecture,
        _ => null,
    };

    private static string LevelName(DivisionLevel level) => level switch
    {
        DivisionLevel.Village => "村级（12 位）",
        DivisionLevel.Township => "乡镇级（9 位）",
        DivisionLevel.County => "县级（6 位）",
        DivisionLevel.Prefecture => "州市级（4 位）",
        _ => "省级（2 位）",
    };
}
