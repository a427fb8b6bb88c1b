using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fanghu.Monitoring;
using Fanghu.Screening;

namespace Fanghu.Cli;

/// <summary><c>fanghu screen DATASET-TYPE FILE</c>: department screening (§6) from the command line.</summary>
internal static class ScreenCommands
{
    private static JsonSerializerOptions Json => ImportCommands.Json;

    public static Command Create(Option<string?> db)
    {
        var type = new Argument<string>("DATASET-TYPE") { Description = $"数据类型：{DatasetTypes.Listing}" };
        var file = new Argument<FileInfo>("FILE") { Description = "部门数据文件（CSV UTF-8/GBK 或 XLSX）" };
        var asOf = new Option<string?>("--as-of") { Description = "筛查日期（“近 12 个月”的截止日、计算年龄的日期），默认今天" };
        var skip = new Option<bool>("--skip-invalid") { Description = "跳过有错误的行，筛查其余行（错误仍会列出）" };
        var whatIf = new Option<bool>("--what-if") { Description = "模拟测算：用草稿规则和在用规则各筛查一遍，按县、乡镇列出将被预警的户数，不写入任何数据" };
        var format = new Option<string>("--format") { Description = "输出格式：text 或 json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("screen", "部门数据筛查：按在用的规则生成预警，并转为监测线索（重复运行不会重复生成）") { type, file, asOf, skip, whatIf, format };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var json = result.GetValue(format) == "json";
            var path = result.GetValue(file)!;
            int Refuse(string message)
            {
                if (json) Console.WriteLine(JsonSerializer.Serialize(new { outcome = "rejected", error = message }, Json));
                Console.Error.WriteLine(message);
                return CliContext.RejectedInput;
            }
            if (DatasetTypes.Find(result.GetValue(type)!) is not { } dataset)
                return Refuse($"没有数据类型“{result.GetValue(type)}”，可选：{DatasetTypes.Listing}");
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"文件不存在：{path.FullName}");
                return CliContext.Failure;
            }
            DateOnly? date = null;
            if (result.GetValue(asOf) is { } text)
            {
                if (!Imports.CellParsers.TryDate(text, out date, out var error) || date is null) return Refuse(error.Length > 0 ? error : "请填写筛查日期");
            }

            await using var context = CliContext.Open(result.GetValue(db));
            if (result.GetValue(whatIf))
            {
                var work = new CaseWork(context, TimeProvider.System);
                WhatIfResult w;
                try
                {
                    w = await new WhatIf(work).HandleAsync(dataset, path.FullName, new ScreeningOptions(Actor.System, AsOf: date, FileName: path.Name), ct);
                }
                catch (WorkflowRuleException e)
                {
                    return Refuse(e.Message);
                }
                if (json) Console.WriteLine(JsonSerializer.Serialize(w, Json));
                else Print(w);
                return w.ErrorCount > 0 && w.RowsRead == 0 ? CliContext.RejectedInput : CliContext.Ok;
            }
            // Progress goes to stderr, so that stdout stays the report (and valid JSON).
            var progress = new Progress(Console.Error);
            ScreeningSummary summary;
            try
            {
                summary = await ScreenFile.RunAsync(context, dataset.Key, path.FullName,
                    new ScreeningOptions(Actor.System, AsOf: date, SkipInvalid: result.GetValue(skip), FileName: path.Name), progress, ct);
            }
            catch (WorkflowRuleException e)
            {
                return Refuse(e.Message);
            }
            progress.Done();
            if (json) Console.WriteLine(JsonSerializer.Serialize(summary, Json));
            else Print(summary);
            return summary.Outcome switch
            {
                ScreeningOutcome.Rejected => CliContext.RejectedInput,
                ScreeningOutcome.Cancelled => CliContext.Failure,
                _ => CliContext.Ok,
            };
        }));
        return command;
    }

    private static void Print(ScreeningSummary s)
    {
        var n = CultureInfo.InvariantCulture;
        switch (s.Outcome)
        {
            case ScreeningOutcome.Completed:
                Console.WriteLine(string.Format(n, "{0}筛查完成：{1}，读取 {2:N0} 行，匹配登记人口 {3:N0} 行，未匹配 {4:N0} 行。", s.Dataset, s.File, s.RowsRead, s.RowsMatched, s.RowsUnmatched));
                Console.WriteLine(string.Format(n, "预警 {0:N0} 条：新增 {1:N0} 条（新增线索 {2:N0} 条，新开案件 {3:N0} 件），此前已有 {4:N0} 条。", s.Hits, s.NewWarnings, s.NewLeads, s.OpenedCases, s.AlreadyKnown));
                Console.WriteLine($"使用的规则：{string.Join("、", s.RuleVersions)}");
                break;
            case ScreeningOutcome.Rejected:
                Console.WriteLine($"{s.Dataset}文件有 {s.ErrorCount} 处错误，未筛查：{s.File}");
                break;
            default:
                Console.WriteLine("已取消，未写入任何预警。");
                break;
        }
        foreach (var e in s.Errors)
            Console.WriteLine(e.Row > 0 ? $"  第 {e.Row} 行{(e.Column is null ? "" : $"【{e.Column}】")}：{e.Message}" : $"  {e.Message}");
        if (s.ErrorCount > s.Errors.Count) Console.WriteLine($"  ……另有 {s.ErrorCount - s.Errors.Count} 处错误未列出");
        foreach (var note in s.Notes) Console.WriteLine(note);
    }

    internal static void Print(WhatIfResult w)
    {
        var n = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(n, "{0}模拟测算（不写入数据）：{1}，读取 {2:N0} 行，匹配 {3:N0} 行", w.Dataset, w.File, w.RowsRead, w.RowsMatched));
        Console.WriteLine($"在用规则：{string.Join("、", w.CurrentRules)}");
        Console.WriteLine($"草稿规则：{string.Join("、", w.ProposedRules)}");
        Console.WriteLine("区划	在用规则预警户数	草稿规则预警户数	新增	不再预警");
        foreach (var r in w.Divisions)
            Console.WriteLine(string.Format(n, "{0}{1}（{2}）	{3:N0}	{4:N0}	{5:N0}	{6:N0}", r.IsCounty ? "" : "  ", r.Name, r.Code, r.Current, r.Proposed, r.Newly, r.NoLonger));
        Console.WriteLine(string.Format(n, "合计	{0:N0}	{1:N0}	{2:N0}	{3:N0}", w.Current, w.Proposed, w.Newly, w.NoLonger));
        foreach (var e in w.Errors)
            Console.WriteLine(e.Row > 0 ? $"  第 {e.Row} 行{(e.Column is null ? "" : $"【{e.Column}】")}：{e.Message}（未计入）" : $"  {e.Message}");
    }

    /// <summary>Rows read so far, on one line of stderr that is rewritten, when stderr is a terminal.</summary>
    private sealed class Progress(TextWriter writer) : IProgress<ScreeningProgress>
    {
        private readonly bool _terminal = !Console.IsErrorRedirected;
        private bool _shown;

        public void Report(ScreeningProgress value)
        {
            // Rows are matched to the registry once the file is read: until then there is no count to show.
            var line = value.RowsMatched > 0
                ? string.Format(CultureInfo.InvariantCulture, "{0}：已读 {1:N0} 行，匹配 {2:N0} 行", value.Phase, value.RowsRead, value.RowsMatched)
                : string.Format(CultureInfo.InvariantCulture, "{0}：已读 {1:N0} 行", value.Phase, value.RowsRead);
            if (_terminal) writer.Write("\r" + line + "   ");
            else writer.WriteLine(line);
            _shown = true;
        }

        public void Done()
        {
            if (_terminal && _shown) writer.WriteLine();
        }
    }
}
