using System.CommandLine;
using Fanghu.Data;

namespace Fanghu.Cli;

/// <summary><c>fanghu backup --out FILE [--force]</c>: a consistent copy of the SQLite database, safe while the app runs.</summary>
internal static class BackupCommands
{
    public static Command Create(Option<string?> db)
    {
        var output = new Option<FileInfo>("--out", "--output") { Description = "备份文件路径", Required = true };
        var force = new Option<bool>("--force") { Description = "备份文件已存在时覆盖它" };
        var command = new Command("backup", "备份 SQLite 数据库（系统运行中也可执行，得到的是开始时已提交的数据），并检查备份文件") { output, force };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var settings = CliContext.Settings(result.GetValue(db));
            var r = await new SqliteBackup().HandleAsync(new SqliteBackup.Request(settings, result.GetValue(output)!.FullName, result.GetValue(force)), ct);
            switch (r.Outcome)
            {
                case SqliteBackup.Outcome.NotSqlite:
                    await Console.Error.WriteLineAsync("PostgreSQL 数据库不能用本命令备份，请用 pg_dump，例如：pg_dump -Fc -f fanghu.dump fanghu（用 pg_restore 恢复）；见 README「Backups」。");
                    return CliContext.RejectedInput;
                case SqliteBackup.Outcome.SourceMissing:
                    await Console.Error.WriteLineAsync($"数据库文件不存在：{settings.Describe()}");
                    return CliContext.RejectedInput;
                case SqliteBackup.Outcome.TargetExists:
                    await Console.Error.WriteLineAsync($"备份文件已存在：{r.Target}（用 --force 覆盖）");
                    return CliContext.RejectedInput;
                case SqliteBackup.Outcome.CopyDamaged:
                    await Console.Error.WriteLineAsync($"备份文件未通过完整性检查，已删除：{r.IntegrityCheck}");
                    return CliContext.Failure;
            }
            Console.WriteLine($"已备份到 {r.Target}（{r.Bytes / 1048576.0:F1} MB）");
            Console.WriteLine($"完整性检查（PRAGMA integrity_check）：{r.IntegrityCheck}");
            foreach (var (table, rows) in r.Counts)
                Console.WriteLine($"{table}: {rows}");
            return CliContext.Ok;
        }));
        return command;
    }
}
