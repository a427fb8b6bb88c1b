using System.Globalization;

namespace Fanghu.Reports;

/// <summary>
/// A frozen report beside today's figures as an XLSX workbook (DESIGN §8: every table exports to XLSX): the report's
/// figures, the drill-down rows' figures when there are any, and 说明 with who froze it, when and why — through
/// <see cref="SpreadsheetExport"/>, so the title, the headers and formula protection are those of every export.
/// </summary>
public static class SnapshotXlsx
{
    private static readonly string[] Headers = ["项目", "冻结时", "今日按同一报告期计算", "是否更正"];

    /// <summary>Writes synchronously (see <see cref="SpreadsheetExport.WriteXlsx"/>).</summary>
    public static void Write(Stream stream, CompareSnapshot.Result result)
    {
        var s = result.Snapshot ?? throw new ArgumentException("没有可导出的冻结报表", nameof(result));
        var sheets = new List<ExportSheet> { new("冻结数与今日数", Headers, Rows(result.Lines)) };
        if (result.ChildLines.Count > 0) sheets.Add(new("下级区划", Headers, Rows(result.ChildLines)));
        sheets.Add(new("说明", ["项目", "内容"],
        [
            ["报表", ReportSnapshot.NameOf(s.Kind) + (s.Variant.Length > 0 ? $"（{s.Variant}）" : "")],
            ["区划", $"{result.DivisionName}（{s.DivisionCode}）"],
            ["报告期", s.Period.Label],
            ["版本", s.Version],
            ["更正原因", s.Reason ?? ""],
            ["冻结人", $"{s.FrozenByName}（{ReportSnapshot.RoleWord(s.FrozenByRole)}）"],
            ["冻结时间", Monitoring.ChinaTime.ToChinaTime(s.FrozenAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
            ["备注", s.Note ?? ""],
            ["对照结果", result.LiveMessage.Length > 0 ? "今日无法计算：" + result.LiveMessage
                : result.Summary.Length > 0 ? result.Summary : "今日按同一报告期计算的数字与冻结时一致。"],
        ]));
        SpreadsheetExport.WriteXlsx(stream, SpreadsheetExport.Title("冻结报表对照", result.DivisionName, s.DivisionCode, s.Period.Label), sheets);
    }

    /// <summary>A figure stays a number cell; anything else (a date, a code, a name) is text.</summary>
    private static List<object?[]> Rows(IEnumerable<CompareSnapshot.Line> lines) =>
        [.. lines.Select(l => new object?[] { l.Label, Value(l.Frozen), Value(l.Live), l.Changed ? "有更正" : "" })];

    private static object? Value(string? text) =>
        text is null ? "（无）"
        : decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n
        : text;
}
