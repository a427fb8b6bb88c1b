using System.CommandLine;
using Fanghu.Data;

namespace Fanghu.Cli;

internal static class DbCommands
{
    public static Command Create(Option<string?> db)
    {
        var migrate = new Command("migrate", "把数据库升级到当前结构（并写入默认政策参数）");
        migrate.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var settings = CliContext.Settings(result.GetValue(db));
            await using var context = DataServices.CreateContext(settings);
            await DatabaseMigrator.MigrateAsync(context, ct);
            Console.WriteLine($"数据库已创建或升级到最新结构：{settings.Describe()}");
            return CliContext.Ok;
        }));
        return new Command("db", "数据库") { migrate };
    }
}
