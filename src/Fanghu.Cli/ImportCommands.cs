using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fanghu.Imports;

namespace Fanghu.Cli;

internal static class ImportCommands
{
    /// <summary>The JSON of the import and screening reports: camelCase, enums as words, Chinese as written.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create(Option<string?> db)
    {
        var import = new Command("import", "导入模板文件（CSV UTF-8/GBK 或 XLSX）");
        foreach (var (name, kind, description) in new[]
        {
            ("divisions", ImportKind.Divisions, "行政区划：代码, 名称, 上级代码"),
            ("persons", ImportKind.Persons, "人员：每人一行，按户编号成户"),
            ("income", ImportKind.Income, "收入：每户每年一行"),
            ("monitoring", ImportKind.Monitoring, "已有监测对象：每户一行"),
            ("applications", ImportKind.Applications, "救助申请历史（从省级平台迁移）：每件申请一行，按受理编号"),
        })
        {
            import.Subcommands.Add(Build(name, kind, description, db));
        }
        return import;
    }

    private static Command Build(string name, ImportKind kind, string description, Option<string?> db)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "要导入的文件" };
        var skip = new Option<bool>("--skip-invalid") { Description = "导入正确的行，把错误的行写入可修改后重新导入的文件" };
        var rejected = new Option<string?>("--rejected-file") { Description = "错误行文件的路径（默认与源文件同目录，名为 <源文件>.错误行.csv）" };
        var format = new Option<string>("--format") { Description = "输出格式：text 或 json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command(name, description) { file, skip, rejected, format };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var path = result.GetValue(file)!;
            var json = result.GetValue(format) == "json";
            if (!path.Exists)
            {
                var message = $"文件不存在：{path.FullName}";
                if (json) Console.WriteLine(JsonSerializer.Serialize(new { outcome = "failed", error = message }, Json));
                await Console.Error.WriteLineAsync(message);
                return CliContext.Failure;
            }
            await using var context = CliContext.Open(result.GetValue(db));
            var report = await new ImportRunner(context).RunAsync(kind, path.FullName,
                new ImportOptions(result.GetValue(skip), result.GetValue(rejected)), ct);
            if (json) Console.WriteLine(JsonSerializer.Serialize(report, Json));
            else Print(report);
            return report.Outcome == ImportOutcome.Rejected ? CliContext.RejectedInput : CliContext.Ok;
        }));
        return command;
    }

    private static void Print(ImportReport r)
    {
        var output = r.Outcome == ImportOutcome.Rejected ? Console.Error : Console.Out;
        output.WriteLine(r.Outcome == ImportOutcome.Rejected
            ? $"文件被拒绝，数据库未作任何改动。共 {r.TotalErrors} 个错误{(r.Rejected > 0 ? $"，涉及 {r.Rejected} 行" : "")}："
            : $"导入完成：新增 {r.Added}，变更 {r.Changed}，未变 {r.Unchanged}，拒绝 {r.Rejected}。");
        foreach (var e in r.Errors) output.WriteLine("  " + e);
        if (r.TotalErrors > r.Errors.Count) output.WriteLine($"  ……另有 {r.TotalErrors - r.Errors.Count} 个错误未列出");
        if (r.IgnoredColumns.Count > 0) Console.Out.WriteLine($"未使用的列：{string.Join("、", r.IgnoredColumns)}");
        foreach (var n in r.Notes) Console.Out.WriteLine(n);
        if (r.RejectedRowsFile is not null) Console.Out.WriteLine($"错误行已写入：{r.RejectedRowsFile}（修改后可重新导入）");
    }
}
