using MiniExcelLibs;

namespace Fanghu.Applications;

/// <summary>
/// The applications report as an XLSX workbook (DESIGN §8: every table exports to XLSX), sheet for sheet like the
/// monitoring report's: 汇总, 按事项类别, 下级区划 (when there are divisions below) and 说明 with the period and the
/// counting rules. Written synchronously for the reason given on <see cref="Reports.MonitoringReportXlsx.Write"/>.
/// </summary>
public static class ApplicationsReportXlsx
{
    public static void Write(Stream stream, ApplicationsReport.Result result)
    {
        var r = result.Report ?? throw new ArgumentException("没有可导出的统计结果", nameof(result));

        var sheets = new Dictionary<string, object>
        {
            ["汇总"] = new List<Dictionary<string, object>>
            {
                new() { ["项目"] = "受理件数", ["数值"] = r.Received },
                new() { ["项目"] = "办结件数", ["数值"] = r.Completed },
                new() { ["项目"] = "办结率（%）", ["数值"] = r.CompletionRate },
                new() { ["项目"] = "超期未办结件数", ["数值"] = r.Overdue },
            },
            ["按事项类别"] = r.ByArea.Select(a => new Dictionary<string, object>
            {
                ["事项类别"] = a.Area,
                ["受理件数"] = a.Received,
                ["办结件数"] = a.Completed,
                ["办结率（%）"] = ApplicationsReport.Rate(a.Completed, a.Received),
            }).ToList(),
        };
        if (result.Children.Count > 0)
        {
            sheets["下级区划"] = result.Children.Select(c => new Dictionary<string, object>
            {
                ["区划代码"] = c.Code ?? "",
                ["区划"] = c.Code is null ? $"{result.DivisionName}本级受理" : c.Name ?? "",
                ["受理件数"] = c.Figures.Received,
                ["办结件数"] = c.Figures.Completed,
                ["办结率（%）"] = c.Figures.CompletionRate,
                ["超期未办结件数"] = c.Figures.Overdue,
            }).ToList();
        }
        sheets["说明"] = new List<Dictionary<string, object>>
        {
            new() { ["项目"] = "区划", ["内容"] = result.DivisionName },
            new() { ["项目"] = "区划代码", ["内容"] = r.Division },
            new() { ["项目"] = "统计期", ["内容"] = $"{r.From:yyyy-MM-dd} 至 {r.To:yyyy-MM-dd}" },
            new() { ["项目"] = "统计口径", ["内容"] = Definitions },
        };
        stream.SaveAs(sheets);
    }

    /// <summary>The counting rules in Chinese, as the CLI's text and the workbook state them.</summary>
    public const string Definitions =
        "受理 = 统计期内提交（申请日期在统计期内）的申请；办结 = 其中截至统计期末已办结的（办结后被申请人退回重办、期末仍未办结的不计）；" +
        "办结率 = 办结 ÷ 受理，百分比保留一位小数；超期 = 其中截至统计期末仍未办结且已过督办期限的（统计期末晚于今天时按今天计）。" +
        "含本区划及所有下级区划。";
}
