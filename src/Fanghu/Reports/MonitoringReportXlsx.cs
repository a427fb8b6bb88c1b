using System.Globalization;

namespace Fanghu.Reports;

/// <summary>
/// The monitoring report as an XLSX workbook (DESIGN §8: every table exports to XLSX): one sheet per table of the page
/// (汇总 first), each under a title naming the division and the as-of date, with Chinese headers, numbers as numbers
/// and codes as text, and a last sheet 说明 with the counting rules. Written through <see cref="SpreadsheetExport"/>.
/// </summary>
public static class MonitoringReportXlsx
{
    public const string What = "监测对象统计";

    /// <summary>Writes synchronously (see <see cref="SpreadsheetExport.WriteXlsx"/>).</summary>
    public static void Write(Stream stream, MonitoringReport.Result result)
    {
        var r = result.Report ?? throw new ArgumentException("没有可导出的统计结果", nameof(result));
        var year = r.AsOf.Year.ToString(CultureInfo.InvariantCulture);
        static object?[] Line(string item, MonitoringReport.Figures f) => [item, f.Households, f.Persons];

        var sheets = new List<ExportSheet>
        {
            new("汇总", ["项目", "户数", "人数"],
            [
                Line("累计纳入监测", r.Monitored),
                Line("已消除风险", r.Eliminated),
                Line("未消除风险", r.NotEliminated),
                Line($"{year}年新识别纳入", r.NewlyIdentified),
                Line($"{year}年新消除风险", r.NewlyEliminated),
            ]),
            new("按监测对象类别", ["监测对象类别", "户数", "人数"],
                OrNone(r.ByCategory.Select(c => new object?[] { c.Category, c.Households, c.Persons }), 3)),
            new("按风险类型", ["风险类型代码", "风险类型", "户数", "人数"],
                OrNone(r.ByRiskType.Select(t => new object?[] { t.Code, t.Name, t.Households, t.Persons }), 4)),
        };
        if (result.Children.Count > 0)
        {
            sheets.Add(new("下级区划", ["区划代码", "区划", "纳入监测户数", "纳入监测人数", "已消除风险户数", "已消除风险人数", "未消除风险户数", "未消除风险人数"],
                [.. result.Children.Select(c => new object?[]
                {
                    c.Code, c.Name,
                    c.Figures.Monitored.Households, c.Figures.Monitored.Persons,
                    c.Figures.Eliminated.Households, c.Figures.Eliminated.Persons,
                    c.Figures.NotEliminated.Households, c.Figures.NotEliminated.Persons,
                })]));
        }
        sheets.Add(new("说明", ["项目", "内容"],
        [
            ["区划", result.DivisionName],
            ["区划代码", r.Division],
            ["截至日期", r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            ["统计口径", "累计纳入监测 = 已消除风险 + 未消除风险；每户只计一次，按截至日最近一次纳入监测的情况计；人数为截至日的家庭成员人数；新识别、新消除为截至日所在年度 1 月 1 日至截至日。"],
        ]));
        SpreadsheetExport.WriteXlsx(stream, SpreadsheetExport.Title(What, result.DivisionName, r.Division, SpreadsheetExport.AsOf(r.AsOf)), sheets);
    }

    /// <summary>An empty table still gets its header and a row saying （无）, so the sheet says what would be there.</summary>
    private static List<object?[]> OrNone(IEnumerable<object?[]> rows, int columns)
    {
        var list = rows.ToList();
        if (list.Count == 0) list.Add([.. Enumerable.Range(0, columns).Select(i => i == 0 ? "（无）" : (object?)null)]);
        return list;
    }
}
