using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fanghu.Monitoring;

namespace Fanghu.Cli;

/// <summary><c>fanghu monitoring …</c>: workflow jobs run by the system rather than by a person.</summary>
internal static class MonitoringCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(Option<string?> db)
    {
        var monitoring = new Command("monitoring", "监测帮扶流程");
        monitoring.Subcommands.Add(ScanIncome(db));
        return monitoring;
    }

    private static Command ScanIncome(Option<string?> db)
    {
        var year = new Option<int>("--year") { Description = "收入年度", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式：text 或 json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var line = new Option<decimal?>("--line") { Description = "模拟测算用的监测范围（元），与 --what-if 一起使用" };
        var whatIf = new Option<bool>("--what-if") { Description = "模拟测算：按 --line 给出的监测范围与在用的监测范围分别统计各县、乡镇的户数，不生成线索" };
        var command = new Command("scan-income", "收入监测：为该年度人均纯收入不高于监测范围的每一户生成线索（重复运行不会重复生成）") { year, format, line, whatIf };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var json = result.GetValue(format) == "json";
            await using var context = CliContext.Open(result.GetValue(db));
            if (result.GetValue(whatIf))
            {
                if (result.GetValue(line) is not { } proposed)
                {
                    await Console.Error.WriteLineAsync("模拟测算需要 --line（测算用的监测范围，元）");
                    return CliContext.RejectedInput;
                }
                try
                {
                    var w = await new Screening.IncomeLineWhatIf(new CaseWork(context, TimeProvider.System)).HandleAsync(result.GetValue(year), proposed, ct);
                    if (json) Console.WriteLine(JsonSerializer.Serialize(w, Json));
                    else ScreenCommands.Print(w);
                    return CliContext.Ok;
                }
                catch (WorkflowRuleException e)
                {
                    await Console.Error.WriteLineAsync($"未执行：{e.Message}");
                    return CliContext.RejectedInput;
                }
            }
            // The use cases are built by hand: the CLI has no container, and these three are all the scan needs.
            var work = new CaseWork(context, TimeProvider.System);
            var scan = new ScanIncomeBelowLine(work, new RecordLead(work));
            ScanIncomeBelowLine.Result r;
            try
            {
                r = await scan.HandleAsync(Actor.System, result.GetValue(year), ct);
            }
            catch (WorkflowRuleException e)
            {
                if (json) Console.WriteLine(JsonSerializer.Serialize(new { outcome = "rejected", error = e.Message }, Json));
                await Console.Error.WriteLineAsync($"未执行：{e.Message}");
                return CliContext.RejectedInput;
            }
            if (json) Console.WriteLine(JsonSerializer.Serialize(r, Json));
            else
                Console.WriteLine($"{r.Year} 年收入监测：有收入数据 {r.HouseholdsWithIncome} 户，不高于监测范围 {r.AtOrBelowLine} 户；" +
                    $"新增线索 {r.NewLeads} 条（新开案件 {r.OpenedCases} 件，其余并入已有案件），此前已生成 {r.AlreadyKnown} 条。");
            return CliContext.Ok;
        }));
        return command;
    }
}
