using System.Globalization;

namespace Fanghu.Reports;

/// <summary>
/// The dashboard as an XLSX workbook: one sheet per table of the page, each under a title naming the division and the
/// as-of date, Chinese headers, and a last sheet 说明 saying who exported it, when, and how the figures are counted.
/// Written through <see cref="SpreadsheetExport"/> (formula-looking text is kept as text).
/// </summary>
public static class DashboardXlsx
{
    public const string What = "数据看板";

    /// <summary>Writes synchronously (see <see cref="SpreadsheetExport.WriteXlsx"/>).</summary>
    public static void Write(Stream stream, Dashboard.Result result, string exportedBy, DateTimeOffset? exportedAt = null)
    {
        var b = result.Board ?? throw new ArgumentException("没有可导出的统计结果", nameof(result));
        var m = b.Monitoring;
        var year = b.AsOf.Year.ToString(CultureInfo.InvariantCulture);
        static object?[] Line(string item, MonitoringReport.Figures f) => [item, f.Households, f.Persons];
        var t = b.Identification;
        var a = b.ApplicationsYearToDate;
        var g = b.Guarantee;
        var sheets = new List<ExportSheet>
        {
            new("监测对象", ["项目", "户数", "人数"],
            [
                Line("累计纳入监测", m.Monitored),
                Line("已消除风险", m.Eliminated),
                Line("未消除风险", m.NotEliminated),
                Line($"{year}年新识别纳入", m.NewlyIdentified),
                Line($"{year}年新消除风险", m.NewlyEliminated),
                ["风险消除率（%）", m.EliminationRate, null],
            ]),
            new("按监测对象类别", ["监测对象类别", "户数", "人数"], OrNone(m.ByCategory.Select(c => new object?[] { c.Category, c.Households, c.Persons }), 3)),
            new("按风险类型", ["风险类型代码", "风险类型", "户数", "人数"], OrNone(m.ByRiskType.Select(r => new object?[] { r.Code, r.Name, r.Households, r.Persons }), 4)),
            new("识别时效", ["项目", "数值"],
            [
                [$"{year}年识别纳入（户次）", t.Identified],
                ["线索至县级审定天数中位数", t.MedianDays is { } d ? (t.MedianAboveMax ? $"{d}天以上" : d) : "—"],
                ["超过识别时限审定（户次）", t.IdentifiedLate],
                ["识别中（户次）", t.InIdentification],
                ["识别中且已超时限（户次）", t.InIdentificationOverdue],
            ]),
            new("救助申请", ["项目", "数值"],
            [
                [$"{year}年受理", a.Received],
                ["已办结", a.Completed],
                ["办结率（%）", a.CompletionRate],
                ["超期未办结", a.Overdue],
            ]),
            new("收入", ["户类型", "年度", "户数", "人数", "人均纯收入（元）", "上年人均纯收入（元）", "增减（元）", "增减（%）", "工资性占比（%）", "生产经营性占比（%）", "财产性占比（%）", "转移性占比（%）"],
                [.. b.Incomes.Select(i => new object?[] { i.HouseholdType, i.Year, i.Households, i.Persons, i.PerCapitaNetIncome, i.PreviousYear, i.Change, i.ChangePct,
                    i.Shares.Wages, i.Shares.Operating, i.Shares.Property, i.Shares.Transfer })]),
            new("保障", ["项目", "数值"],
            [
                ["未消除风险监测对象人数", g.MonitoredPersons],
                ["参加基本医疗保险人数", g.Insured],
                ["参保率（%）", g.InsuredRate],
                ["义务教育阶段失学辍学", g.Dropouts],
                ["住房C/D级户数", g.HousingCD],
                ["饮水不安全户数", g.WaterProblems],
            ]),
            new("帮扶措施", ["措施类型", "措施数", "户数"], [.. b.Measures.Select(x => new object?[] { x.Type, x.Measures, x.Households })]),
            new("风险无对应措施", ["户编号", "村", "村代码", "识别日期", "无对应措施的风险类型"],
                OrNone(b.RiskGapRows.Select(r => new object?[] { r.HouseholdNumber, r.VillageName, r.VillageCode, r.IdentifiedOn, string.Join("、", r.MissingRiskTypes) }), 5)),
        };
        if (b.Children.Count > 0)
            sheets.Add(new("下级区划", ["区划代码", "区划", "纳入监测户数", "纳入监测人数", "已消除风险户数", "风险消除率（%）", "识别超时限", "申请超期", "风险无对应措施户数"],
                [.. b.Children.Select(c => new object?[] { c.Code, c.Name, c.Monitored.Households, c.Monitored.Persons, c.Eliminated.Households, c.EliminationRate,
                    c.InIdentificationOverdue, c.ApplicationsOverdue, c.RiskGaps })]));
        var at = (exportedAt ?? DateTimeOffset.UtcNow).ToOffset(TimeSpan.FromHours(8));
        sheets.Add(new("说明", ["项目", "内容"],
        [
            ["区划", result.DivisionName],
            ["区划代码", b.Division],
            ["截至日期", b.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            ["导出人", exportedBy],
            ["导出时间", at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
            ["风险无对应措施", b.RiskGaps > b.RiskGapRows.Count ? $"共 {b.RiskGaps} 户，表中列出识别最早的 {b.RiskGapRows.Count} 户" : $"共 {b.RiskGaps} 户"],
            ["统计口径", "监测对象按截至日最近一次纳入监测的情况计，每户一次；识别时效、救助申请为截至日所在年度 1 月 1 日至截至日；收入为有收入记录的最近年度，人均纯收入 = 纯收入合计 ÷ 人数合计；保障、措施针对监测对象。"],
        ]));
        SpreadsheetExport.WriteXlsx(stream, SpreadsheetExport.Title(What, result.DivisionName, b.Division, SpreadsheetExport.AsOf(b.AsOf)), sheets);
    }

    private static List<object?[]> OrNone(IEnumerable<object?[]> rows, int columns)
    {
        var list = rows.ToList();
        if (list.Count == 0) list.Add([.. Enumerable.Range(0, columns).Select(i => i == 0 ? "（无）" : (object?)null)]);
        return list;
    }
}
