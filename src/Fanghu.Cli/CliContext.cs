using Fanghu.Accounts;
using Fanghu.Data;
using Microsoft.Extensions.Configuration;

namespace Fanghu.Cli;

/// <summary>What every command needs: the database settings, from --db or the same configuration keys as the web app.</summary>
internal static class CliContext
{
    public const int Ok = 0, RejectedInput = 1, Failure = 2;

    public static DatabaseSettings Settings(string? dbOption)
    {
        if (!string.IsNullOrWhiteSpace(dbOption)) return DatabaseSettings.FromOption(dbOption);
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return DatabaseSettings.From(config);
    }

    public static FanghuDbContext Open(string? dbOption) => DataServices.CreateContext(Settings(dbOption), DataScope.All);

    /// <summary>Runs a command body, turning surprises into exit code 2 with a message (no stack trace).</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("已取消。");
            return Failure;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"失败：{e.GetBaseException().Message}");
            return Failure;
        }
    }
}
