using Fanghu.Reports;

namespace Fanghu.Screening;

/// <summary>
/// A screening run's warnings and a what-if's answer as XLSX workbooks (DESIGN §8: every table exports to XLSX),
/// through <see cref="SpreadsheetExport"/>: a title naming the divisions and the date, Chinese headers, text that
/// looks like a formula (an explanation, a source row) written as text. ID numbers stay masked, as on the page.
/// </summary>
public static class ScreeningXlsx
{
    /// <summary>"迪庆藏族自治州（5334）医保结算筛查预警 截至2025年12月31日".</summary>
    public static void WriteWarnings(Stream stream, string title, ScreeningRun run, string dataset, IReadOnlyList<GetRun.Warning> warnings)
    {
        var rows = warnings.Select(w => new object?[]
        {
            w.HouseholdNumber, w.PersonName ?? "", w.IdNumberMasked ?? "", w.RuleKey, w.RuleVersion, w.Period, w.Value, w.Threshold,
            w.RowCount, w.SourceRows.Replace(";", "、", StringComparison.Ordinal), w.Explanation, w.CaseId is null ? "否" : "是",
        }).ToList();
        if (rows.Count == 0) rows.Add(["（无）", null, null, null, null, null, null, null, null, null, null, null]);
        SpreadsheetExport.WriteXlsx(stream, title,
        [
            new("预警", ["户编号", "姓名", "证件号码", "规则", "规则版本", "期间", "计算值", "阈值", "来源行数", "来源行号", "说明", "已转监测"], rows),
            new("说明", ["项目", "内容"],
            [
                ["数据集", dataset],
                ["文件", run.FileName],
                ["筛查日期", run.AsOf],
                ["发起人", run.StartedByName],
                ["读取行数", run.RowsRead],
                ["匹配行数", run.RowsMatched],
                ["新增预警", run.NewWarnings],
                ["口径", "本次筛查新增的预警，仅含您管辖范围内的户；证件号码已脱敏。"],
            ]),
        ]);
    }

    /// <summary>The what-if's counts per county and township, then what was compared.</summary>
    public static void WriteWhatIf(Stream stream, string title, WhatIfResult r)
    {
        var rows = r.Divisions.Select(d => new object?[] { d.Code, d.Name, d.IsCounty ? "县（市）" : "乡（镇）", d.Current, d.Proposed, d.Newly, d.NoLonger })
            .Prepend(["", "合计", "", r.Current, r.Proposed, r.Newly, r.NoLonger])
            .ToList();
        var sheets = new List<ExportSheet>
        {
            new("按区划", ["区划代码", "区划", "层级", "现行口径命中户数", "测算口径命中户数", "新增户数", "不再命中户数"], rows),
            new("说明", ["项目", "内容"],
            [
                ["数据", r.Dataset],
                ["文件", r.File],
                ["现行口径", r.CurrentRules.Count == 0 ? "—" : string.Join("、", r.CurrentRules)],
                ["测算口径", r.ProposedRules.Count == 0 ? "—" : string.Join("、", r.ProposedRules)],
                ["读取行数", r.RowsRead],
                ["匹配行数", r.RowsMatched],
                ["有误行数", r.ErrorCount],
                ["口径", "模拟测算不写入任何预警、线索或监测对象；户数为按各口径命中的户，每户只计一次。"],
            ]),
        };
        if (r.Errors.Count > 0)
            sheets.Add(new("有误的行", ["行号", "列", "问题"], [.. r.Errors.Select(e => new object?[] { e.Row, e.Column ?? "", e.Message })]));
        SpreadsheetExport.WriteXlsx(stream, title, sheets);
    }
}
