using System.Globalization;
using MiniExcelLibs;

namespace Fanghu.Reports;

/// <summary>
/// The monitoring report as an XLSX workbook (DESIGN §8: every table exports to XLSX): one sheet per table of the page
/// (汇总 first), with Chinese headers, numbers as numbers and codes as text, and a last sheet 说明 naming the division,
/// the date and the counting rules. Written with MiniExcel (ADR 0005).
/// </summary>
public static class MonitoringReportXlsx
{
    /// <summary>
    /// Writes synchronously: MiniExcel 1.46's async writer puts the sheet's drawing reference inside sheetData, which
    /// the worksheet schema does not allow; the synchronous one writes it where it belongs. A report is a few kilobytes, so a caller that
    /// must not block (a web response) writes to a MemoryStream first.
    /// </summary>
    public static void Write(Stream stream, MonitoringReport.Result result)
    {
        var r = result.Report ?? throw new ArgumentException("没有可导出的统计结果", nameof(result));
        var year = r.AsOf.Year.ToString(CultureInfo.InvariantCulture);
        static Dictionary<string, object> Line(string item, MonitoringReport.Figures f) =>
            new() { ["项目"] = item, ["户数"] = f.Households, ["人数"] = f.Persons };

        var sheets = new Dictionary<string, object>
        {
            ["汇总"] = new List<Dictionary<string, object>>
            {
                Line("累计纳入监测", r.Monitored),
                Line("已消除风险", r.Eliminated),
                Line("未消除风险", r.NotEliminated),
                Line($"{year}年新识别纳入", r.NewlyIdentified),
                Line($"{year}年新消除风险", r.NewlyEliminated),
            },
            ["按监测对象类别"] = Rows(r.ByCategory.Select(c => new Dictionary<string, object>
            {
                ["监测对象类别"] = c.Category,
                ["户数"] = c.Households,
                ["人数"] = c.Persons,
            }), "监测对象类别", "户数", "人数"),
            ["按风险类型"] = Rows(r.ByRiskType.Select(t => new Dictionary<string, object>
            {
                ["风险类型代码"] = t.Code,
                ["风险类型"] = t.Name,
                ["户数"] = t.Households,
                ["人数"] = t.Persons,
            }), "风险类型代码", "风险类型", "户数", "人数"),
        };
        if (result.Children.Count > 0)
        {
            sheets["下级区划"] = result.Children.Select(c => new Dictionary<string, object>
            {
                ["区划代码"] = c.Code,
                ["区划"] = c.Name,
                ["纳入监测户数"] = c.Figures.Monitored.Households,
                ["纳入监测人数"] = c.Figures.Monitored.Persons,
                ["已消除风险户数"] = c.Figures.Eliminated.Households,
                ["已消除风险人数"] = c.Figures.Eliminated.Persons,
                ["未消除风险户数"] = c.Figures.NotEliminated.Households,
                ["未消除风险人数"] = c.Figures.NotEliminated.Persons,
            }).ToList();
        }
        sheets["说明"] = new List<Dictionary<string, object>>
        {
            new() { ["项目"] = "区划", ["内容"] = result.DivisionName },
            new() { ["项目"] = "区划代码", ["内容"] = r.Division },
            new() { ["项目"] = "截至日期", ["内容"] = r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            new() { ["项目"] = "统计口径", ["内容"] = "累计纳入监测 = 已消除风险 + 未消除风险；每户只计一次，按截至日最近一次纳入监测的情况计；人数为截至日的家庭成员人数；新识别、新消除为截至日所在年度 1 月 1 日至截至日。" },
        };
        stream.SaveAs(sheets);
    }

    /// <summary>An empty table still gets its header and a row saying （无）, so the sheet says what would be there.</summary>
    private static List<Dictionary<string, object>> Rows(IEnumerable<Dictionary<string, object>> rows, params string[] header)
    {
        var list = rows.ToList();
        if (list.Count == 0) list.Add(header.Select((h, i) => (h, i == 0 ? "（无）" : "")).ToDictionary(x => x.h, x => (object)x.Item2));
        return list;
    }
}
