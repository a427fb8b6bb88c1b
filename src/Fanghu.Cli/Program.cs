using System.CommandLine;
using Fanghu.Cli;

// The fanghu command (DESIGN §10). Exit codes: 0 success, 1 rejected input (with the report), 2 failure.
Console.OutputEncoding = System.Text.Encoding.UTF8;

var db = new Option<string?>("--db")
{
    Description = "数据库：SQLite 文件路径或连接字符串（默认读取配置 Database:Provider 与 ConnectionStrings:Fanghu）",
    Recursive = true,
};

var root = new RootCommand("Fanghu 防返贫动态监测和帮扶系统 命令行") { db };
root.Subcommands.Add(DbCommands.Create(db));
root.Subcommands.Add(ImportCommands.Create(db));
root.Subcommands.Add(UserCommands.Create(db));
root.Subcommands.Add(DemoCommands.Create(db));
root.Subcommands.Add(MonitoringCommands.Create(db));
root.Subcommands.Add(ReportCommands.Create(db));
root.Subcommands.Add(ScreenCommands.Create(db));
root.Subcommands.Add(BackupCommands.Create(db));
root.Subcommands.Add(AuditCommands.Create(db));

// What the command changes is audited as done from the command line by the operating-system account.
Fanghu.Audit.AuditActor.Set(new Fanghu.Audit.AuditActor("cli:" + Environment.UserName, $"{Environment.UserName}（命令行）", "Admin", null));

return await root.Parse(args).InvokeAsync();
