using Fanghu.Reports;

namespace Fanghu.Applications;

/// <summary>
/// The applications report as an XLSX workbook (DESIGN §8: every table exports to XLSX), sheet for sheet like the
/// monitoring report's: 汇总, 按事项类别, 下级区划 (when there are divisions below) and 说明 with the counting rules,
/// each under a title naming the division and the period. Written through <see cref="SpreadsheetExport"/>.
/// </summary>
public static class ApplicationsReportXlsx
{
    public const string What = "救助申请统计";

    public static void Write(Stream stream, ApplicationsReport.Result result)
    {
        var r = result.Report ?? throw new ArgumentException("没有可导出的统计结果", nameof(result));

        var sheets = new List<ExportSheet>
        {
            new("汇总", ["项目", "数值"],
            [
                ["受理件数", r.Received],
                ["办结件数", r.Completed],
                ["办结率（%）", r.CompletionRate],
                ["超期未办结件数", r.Overdue],
            ]),
            new("按事项类别", ["事项类别", "受理件数", "办结件数", "办结率（%）"],
                [.. r.ByArea.Select(a => new object?[] { a.Area, a.Received, a.Completed, ApplicationsReport.Rate(a.Completed, a.Received) })]),
        };
        if (result.Children.Count > 0)
        {
            sheets.Add(new("下级区划", ["区划代码", "区划", "受理件数", "办结件数", "办结率（%）", "超期未办结件数"],
                [.. result.Children.Select(c => new object?[]
                {
                    c.Code ?? "",
                    c.Code is null ? $"{result.DivisionName}本级受理" : c.Name ?? "",
                    c.Figures.Received, c.Figures.Completed, c.Figures.CompletionRate, c.Figures.Overdue,
                })]));
        }
        sheets.Add(new("说明", ["项目", "内容"],
        [
            ["区划", result.DivisionName],
            ["区划代码", r.Division],
            ["统计期", $"{r.From:yyyy-MM-dd} 至 {r.To:yyyy-MM-dd}"],
            ["统计口径", Definitions],
        ]));
        SpreadsheetExport.WriteXlsx(stream,
            SpreadsheetExport.Title(What, result.DivisionName, r.Division, SpreadsheetExport.Period(r.From, r.To)), sheets);
    }

    /// <summary>The counting rules in Chinese, as the CLI's text and the workbook state them.</summary>
    public const string Definitions =
        "受理 = 统计期内提交（申请日期在统计期内）的申请；办结 = 其中截至统计期末已办结的（办结后被申请人退回重办、期末仍未办结的不计）；" +
        "办结率 = 办结 ÷ 受理，百分比保留一位小数；超期 = 其中截至统计期末仍未办结且已过督办期限的（统计期末晚于今天时按今天计）。" +
        "含本区划及所有下级区划。";
}
