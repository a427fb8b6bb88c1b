using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fanghu.Applications;
using Fanghu.Reports;

namespace Fanghu.Cli;

internal static class ReportCommands
{
    public static Command Create(Option<string?> db)
    {
        var division = new Option<string>("--division") { Description = "区划代码（短码如 5334，或 12 位 533400000000），统计该区划及其下级", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "截至日期（含当天），如 2022-01-31 或 2022年1月31日；默认今天" };
        var format = new Option<string>("--format") { Description = "输出格式：text（中文表格）、json 或 xlsx（须给 --output）", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "xlsx");
        var output = new Option<FileInfo?>("--output") { Description = "写入文件而不是屏幕（xlsx 格式时必填）" };

        var monitoring = new Command("monitoring", "监测对象统计：累计纳入、已消除/未消除风险、按类别、按风险类型、本年新识别与新消除（户数、人数）")
        {
            division, asOf, format, output,
        };
        monitoring.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var kind = result.GetValue(format);
            var file = result.GetValue(output);
            if (kind == "xlsx" && file is null)
            {
                await Console.Error.WriteLineAsync("xlsx 格式须用 --output 指定输出文件，如 --output 监测对象统计.xlsx");
                return CliContext.RejectedInput;
            }
            await using var context = CliContext.Open(result.GetValue(db));
            var report = await new MonitoringReport(context, TimeProvider.System)
                .HandleAsync(new MonitoringReport.Request(result.GetValue(division), result.GetValue(asOf)), ct);
            if (!report.Ok)
            {
                await Console.Error.WriteLineAsync(report.Message);
                return CliContext.RejectedInput;
            }
            if (kind == "xlsx")
            {
                // Written beside the target first, so a failure never leaves half a workbook under the asked-for name.
                var partial = file!.FullName + ".part";
                using (var stream = File.Create(partial))
                    MonitoringReportXlsx.Write(stream, report);
                File.Move(partial, file.FullName, overwrite: true);
                Console.WriteLine($"已导出：{file.FullName}");
            }
            else
            {
                var content = kind == "json" ? JsonSerializer.Serialize(report.Report, MonitoringReport.Json) : Text(report);
                if (file is null) Console.WriteLine(content);
                else
                {
                    await File.WriteAllTextAsync(file.FullName, content + "\n", ct);
                    Console.WriteLine($"已导出：{file.FullName}");
                }
            }
            return CliContext.Ok;
        }));
        return new Command("report", "统计报表") { monitoring, Applications(db), Income(db), Annual(db), Freeze(db) };
    }

    /// <summary>
    /// fanghu report freeze: 报表冻结 — stores a report of a division for an ended month or year as it is computed now
    /// (<see cref="FreezeReport"/>), acting as an administrator named after the operating-system account. Refused (exit 1)
    /// when already frozen — then only a 更正 with --correction adds a version — or when the period has not ended.
    /// </summary>
    private static Command Freeze(Option<string?> db)
    {
        var kind = new Argument<string>("report") { Description = "报表：monitoring（监测对象统计）、applications（救助申请统计）或 income（收入统计）" };
        kind.AcceptOnlyFromAmong("monitoring", "applications", "income");
        var division = new Option<string>("--division") { Description = "区划代码（短码如 533401，或 12 位 533401000000）", Required = true };
        // Checked by the use case rather than by the parser, so a bad period gets a Chinese message.
        var period = new Option<string?>("--period") { Description = "报告期：2025-12（月报，截至月末）或 2025（年报，截至年末）；须已结束" };
        var type = new Option<string?>("--household-type") { Description = "收入统计的户类型：脱贫户（默认）、一般农户 或 监测户" };
        var note = new Option<string?>("--note") { Description = "备注" };
        var correction = new Option<string?>("--correction") { Description = "更正原因：已冻结的报表另存为更正版本（原版本保留）" };

        var command = new Command("freeze", "报表冻结：把已结束的月份或年度的报表按现在的数据冻结保存，以后更正数据也不改变已上报的数字")
        {
            kind, division, period, type, note, correction,
        };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            await using var context = CliContext.Open(result.GetValue(db));
            var who = Environment.UserName;
            var actor = new Monitoring.Actor("cli:" + who, $"{who}（命令行）", Accounts.Role.Admin);
            var frozen = await new FreezeReport(context, TimeProvider.System).HandleAsync(actor, new FreezeReport.Request(result.GetValue(kind),
                result.GetValue(division), result.GetValue(period), result.GetValue(type), result.GetValue(note), result.GetValue(correction)), ct);
            if (!frozen.Ok)
            {
                await Console.Error.WriteLineAsync(frozen.Message);
                return CliContext.RejectedInput;
            }
            var s = frozen.Snapshot;
            Console.WriteLine($"已冻结：{ReportSnapshot.NameOf(s.Kind)}{(s.Variant.Length > 0 ? "（" + s.Variant + "）" : "")} {s.DivisionCode} " +
                $"{s.Period.Label} 第 {s.Version} 版，编号 {s.Id}");
            Console.WriteLine(s.ReportJson);
            return CliContext.Ok;
        }));
        return command;
    }

    /// <summary>
    /// fanghu report applications: the applications' KPIs of a division and a period, with the monitoring report's
    /// options, outputs and exit codes (a refused request is 1, with its reason on stderr).
    /// </summary>
    private static Command Applications(Option<string?> db)
    {
        var division = new Option<string>("--division") { Description = "区划代码（短码如 533401，或 12 位 533401000000），统计该区划及其下级", Required = true };
        // Checked by the use case rather than by the parser, so a missing date gets a Chinese message.
        var from = new Option<string?>("--from") { Description = "统计期开始日期（含），如 2025-01-01 或 2025年1月1日" };
        var to = new Option<string?>("--to") { Description = "统计期结束日期（含），如 2025-06-30" };
        var format = new Option<string>("--format") { Description = "输出格式：text（中文表格）、json 或 xlsx（须给 --output）", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "xlsx");
        var output = new Option<FileInfo?>("--output") { Description = "写入文件而不是屏幕（xlsx 格式时必填）" };

        var command = new Command("applications", "救助申请统计：统计期内受理、其中截至期末办结、办结率（%，一位小数）、超期未办结，按事项类别")
        {
            division, from, to, format, output,
        };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var kind = result.GetValue(format);
            var file = result.GetValue(output);
            if (kind == "xlsx" && file is null)
            {
                await Console.Error.WriteLineAsync("xlsx 格式须用 --output 指定输出文件，如 --output 救助申请统计.xlsx");
                return CliContext.RejectedInput;
            }
            await using var context = CliContext.Open(result.GetValue(db));
            var report = await new ApplicationsReport(context, TimeProvider.System)
                .HandleAsync(new ApplicationsReport.Request(result.GetValue(division), result.GetValue(from), result.GetValue(to)), ct);
            if (!report.Ok)
            {
                await Console.Error.WriteLineAsync(report.Message);
                return CliContext.RejectedInput;
            }
            if (kind == "xlsx")
            {
                var partial = file!.FullName + ".part";
                using (var stream = File.Create(partial))
                    ApplicationsReportXlsx.Write(stream, report);
                File.Move(partial, file.FullName, overwrite: true);
                Console.WriteLine($"已导出：{file.FullName}");
            }
            else
            {
                var content = kind == "json" ? JsonSerializer.Serialize(report.Report, ApplicationsReport.Json) : Text(report);
                if (file is null) Console.WriteLine(content);
                else
                {
                    await File.WriteAllTextAsync(file.FullName, content + "\n", ct);
                    Console.WriteLine($"已导出：{file.FullName}");
                }
            }
            return CliContext.Ok;
        }));
        return command;
    }

    /// <summary>
    /// fanghu report income: the per-capita net income of 脱贫户, 一般农户 or 监测户 in a division for a year, its change on
    /// the year before and the shares of the four income kinds (definitions in <see cref="IncomeReport"/>). A refused
    /// request is 1, with its reason on stderr.
    /// </summary>
    private static Command Income(Option<string?> db)
    {
        var division = new Option<string>("--division") { Description = "区划代码（短码如 533401，或 12 位 533401000000），统计该区划及其下级", Required = true };
        // Checked by the use case rather than by the parser, so a bad year or type gets a Chinese message.
        var year = new Option<string?>("--year") { Description = "年度，如 2021" };
        var type = new Option<string?>("--household-type") { Description = "户类型：脱贫户（默认）、一般农户 或 监测户" };
        var format = new Option<string>("--format") { Description = "输出格式：text（中文表格）或 json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("income", "收入统计：人均纯收入（元）、较上年增减（元、%）、四类收入占比（%，两位小数）")
        {
            division, year, type, format,
        };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            await using var context = CliContext.Open(result.GetValue(db));
            var report = await new IncomeReport(context, TimeProvider.System)
                .HandleAsync(new IncomeReport.Request(result.GetValue(division), result.GetValue(year), result.GetValue(type)), ct);
            if (!report.Ok)
            {
                await Console.Error.WriteLineAsync(report.Message);
                return CliContext.RejectedInput;
            }
            Console.WriteLine(result.GetValue(format) == "json" ? JsonSerializer.Serialize(report.Report, IncomeReport.Json) : Text(report));
            return CliContext.Ok;
        }));
        return command;
    }

    /// <summary>
    /// fanghu report annual: the year's summary of a division in Chinese prose (<see cref="AnnualSummary"/>), as text or
    /// as a Word document. A refused request is 1, with its reason on stderr, as for the other reports.
    /// </summary>
    private static Command Annual(Option<string?> db)
    {
        var division = new Option<string>("--division") { Description = "区划代码（短码如 533401，或 12 位 533401000000），总结该区划及其下级", Required = true };
        // Checked by the use case rather than by the parser, so a bad year gets a Chinese message.
        var year = new Option<string?>("--year") { Description = "年度，如 2021；往年数据截至12月31日，本年截至今天" };
        var format = new Option<string>("--format") { Description = "输出格式：text（中文文字）或 docx（Word 文档，须给 --output）", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "docx");
        var output = new Option<FileInfo?>("--output", "--out") { Description = "写入文件而不是屏幕（docx 格式时必填）" };

        var command = new Command("annual", "年度工作总结：监测对象、救助申请、脱贫户和监测户收入，数字取自实时统计")
        {
            division, year, format, output,
        };
        command.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            var kind = result.GetValue(format);
            var file = result.GetValue(output);
            if (kind == "docx" && file is null)
            {
                await Console.Error.WriteLineAsync("docx 格式须用 --output 指定输出文件，如 --output 年度工作总结.docx");
                return CliContext.RejectedInput;
            }
            await using var context = CliContext.Open(result.GetValue(db));
            var clock = TimeProvider.System;
            var summary = new AnnualSummary(new MonitoringReport(context, clock), new ApplicationsReport(context, clock), new IncomeReport(context, clock), clock);
            // The command line has no account: the summary names the operating-system user who ran it.
            var report = await summary.HandleAsync(new AnnualSummary.Request(result.GetValue(division), result.GetValue(year),
                $"命令行用户 {Environment.UserName}"), ct);
            if (!report.Ok)
            {
                await Console.Error.WriteLineAsync(report.Message);
                return CliContext.RejectedInput;
            }
            if (kind == "docx")
            {
                // Written beside the target first, so a failure never leaves half a document under the asked-for name.
                var partial = file!.FullName + ".part";
                using (var stream = File.Create(partial))
                    AnnualSummaryDocx.Write(stream, report.Summary);
                File.Move(partial, file.FullName, overwrite: true);
                Console.WriteLine($"已导出：{file.FullName}");
            }
            else if (file is null) Console.WriteLine(report.Summary.ToText());
            else
            {
                await File.WriteAllTextAsync(file.FullName, report.Summary.ToText() + "\n", ct);
                Console.WriteLine($"已导出：{file.FullName}");
            }
            return CliContext.Ok;
        }));
        return command;
    }

    private static string Text(IncomeReport.Result result)
    {
        var r = result.Report!;
        var (now, before) = (result.Current!, result.Previous!);
        var text = new StringBuilder();
        text.AppendLine($"收入统计　{result.DivisionName}（{r.Division}）　{r.Year}年　{r.HouseholdType}");
        text.AppendLine();
        Table(text, ["项目", $"{r.Year}年", $"{r.Year - 1}年"],
        [
            ["户数", N(now.Households), N(before.Households)],
            ["人数", N(now.Persons), N(before.Persons)],
            ["家庭纯收入合计（元）", Yuan(now.NetIncome), Yuan(before.NetIncome)],
            ["人均纯收入（元）", N(now.PerCapita), N(before.PerCapita)],
        ]);
        text.AppendLine($"  较上年增减：{r.Change.ToString("+#,##0;-#,##0;0", CultureInfo.InvariantCulture)} 元（{Signed(r.ChangePct)}%）");
        text.AppendLine();
        text.AppendLine($"{r.Year}年收入结构");
        Table(text, ["收入类别", "金额（元）", "占比"],
        [
            ["工资性收入", Yuan(now.Wages), Share(r.Shares.Wages)],
            ["生产经营性净收入", Yuan(now.NetOperating), Share(r.Shares.Operating)],
            ["财产性收入", Yuan(now.Property), Share(r.Shares.Property)],
            ["转移性收入", Yuan(now.Transfer), Share(r.Shares.Transfer)],
        ]);
        text.AppendLine();
        text.AppendLine("口径：户数为有该年度收入记录、12月31日有家庭成员的户（无成员的户不计）；人数为其12月31日的家庭人口；"
            + "人均纯收入 = 家庭纯收入合计 ÷ 人数，四舍五入到元；上年按同一口径计算；生产经营性按收入减支出计；占比分别四舍五入，合计可能不等于100.00%。"
            + (result.Population == IncomeReport.Population.Monitored ? "监测户：该年12月31日前已识别、且未在该年1月1日前消除风险的监测对象，含脱贫户和一般农户。" : ""));
        return text.ToString().TrimEnd();
    }

    private static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string N(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Share(decimal percent) => percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Signed(decimal percent) => percent.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static string Text(ApplicationsReport.Result result)
    {
        var r = result.Report!;
        var text = new StringBuilder();
        text.AppendLine($"救助申请统计　{result.DivisionName}（{r.Division}）　{r.From:yyyy年M月d日}至{r.To:yyyy年M月d日}");
        text.AppendLine();
        Table(text, ["项目", "数值"],
        [
            ["受理件数", N(r.Received)],
            ["办结件数", N(r.Completed)],
            ["办结率", Percent(r.CompletionRate)],
            ["超期未办结件数", N(r.Overdue)],
        ]);
        text.AppendLine();
        text.AppendLine("按事项类别");
        Table(text, ["事项类别", "受理", "办结", "办结率"],
            [.. r.ByArea.Select(a => new[] { a.Area, N(a.Received), N(a.Completed), Percent(ApplicationsReport.Rate(a.Completed, a.Received)) })]);
        if (result.Children.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("下级区划");
            Table(text, ["区划", "代码", "受理", "办结", "办结率", "超期"],
                [.. result.Children.Select(c => new[]
                {
                    c.Code is null ? $"{result.DivisionName}本级受理" : c.Name ?? "", c.Code ?? "",
                    N(c.Figures.Received), N(c.Figures.Completed), Percent(c.Figures.CompletionRate), N(c.Figures.Overdue),
                })], textColumns: 2);
        }
        text.AppendLine();
        text.AppendLine(ApplicationsReportXlsx.Definitions);
        return text.ToString().TrimEnd();
    }

    private static string Percent(decimal rate) => rate.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The report as plain Chinese tables for a terminal.</summary>
    private static string Text(MonitoringReport.Result result)
    {
        var r = result.Report!;
        var year = r.AsOf.Year.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine($"监测对象统计　{result.DivisionName}（{r.Division}）　截至 {r.AsOf:yyyy年M月d日}");
        text.AppendLine();
        Table(text, ["项目", "户数", "人数"],
        [
            ["累计纳入监测", N(r.Monitored.Households), N(r.Monitored.Persons)],
            ["　已消除风险", N(r.Eliminated.Households), N(r.Eliminated.Persons)],
            ["　未消除风险", N(r.NotEliminated.Households), N(r.NotEliminated.Persons)],
            [$"{year}年新识别", N(r.NewlyIdentified.Households), N(r.NewlyIdentified.Persons)],
            [$"{year}年新消除风险", N(r.NewlyEliminated.Households), N(r.NewlyEliminated.Persons)],
        ]);
        text.AppendLine();
        text.AppendLine("按监测对象类别（以截至日最近一次纳入为准）");
        Table(text, ["类别", "户数", "人数"], [.. r.ByCategory.Select(c => new[] { c.Category, N(c.Households), N(c.Persons) })]);
        text.AppendLine();
        text.AppendLine("按风险类型（一户多种风险在每种下各计一次）");
        Table(text, ["风险类型", "户数", "人数"], [.. r.ByRiskType.Select(t => new[] { $"{t.Code} {t.Name}", N(t.Households), N(t.Persons) })]);
        if (result.Children.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("下级区划");
            Table(text, ["区划", "代码", "纳入户数", "纳入人数", "已消除户数", "未消除户数"],
                [.. result.Children.Select(c => new[]
                {
                    c.Name, c.Code, N(c.Figures.Monitored.Households), N(c.Figures.Monitored.Persons),
                    N(c.Figures.Eliminated.Households), N(c.Figures.NotEliminated.Households),
                })], textColumns: 2);
        }
        return text.ToString().TrimEnd();
    }

    private static string N(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Text columns left-aligned, then numbers right-aligned, padded by display width (a Chinese character takes two columns).
    /// </summary>
    private static void Table(StringBuilder text, string[] header, IReadOnlyList<string[]> rows, int textColumns = 1)
    {
        if (rows.Count == 0)
        {
            text.AppendLine("  （无）");
            return;
        }
        var widths = header.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        void Line(string[] cells)
        {
            text.Append("  ");
            for (var i = 0; i < cells.Length; i++)
            {
                var pad = new string(' ', widths[i] - Width(cells[i]));
                text.Append(i < textColumns ? cells[i] + pad : pad + cells[i]);
                if (i < cells.Length - 1) text.Append("  ");
            }
            text.AppendLine();
        }
        Line(header);
        foreach (var row in rows) Line(row);
    }

    private static int Width(string s) => s.Sum(c => c >= '\u1100' ? 2 : 1);
}
