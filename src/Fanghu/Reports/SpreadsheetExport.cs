using System.Globalization;
using Fanghu.Divisions;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Fanghu.Reports;

/// <summary>One table of an export: its sheet name, its Chinese column headers and its rows (one value per header).</summary>
public sealed record ExportSheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>
/// The one way Fanghu writes a table people open in Excel (DESIGN §8, ADR 0009). Every sheet starts with a title row
/// naming what it is, the division (name and code) and the date or period, then the Chinese headers, then the rows.
/// Text that a spreadsheet could take for a formula is written with a leading apostrophe; numbers stay number cells.
/// The 说明 sheet says who exported the workbook and when.
/// </summary>
public static class SpreadsheetExport
{
    /// <summary>"香格里拉市（533401）监测对象统计 截至2025年12月31日".</summary>
    public static string Title(string what, string divisionName, string divisionCode, string when) =>
        $"{divisionName}（{ShortCode(divisionCode)}）{what} {when}";

    public static string AsOf(DateOnly date) => "截至" + ChineseDate(date);

    public static string Period(DateOnly from, DateOnly to) => $"{ChineseDate(from)}至{ChineseDate(to)}";

    public static string ChineseDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>
    /// Text as it is safe to put in a cell: a value Excel, LibreOffice or WPS would read as a formula (or as a DDE
    /// command) when typed, pasted, re-entered or opened from CSV gets a leading apostrophe (OWASP "CSV injection").
    /// The triggers are = + - @, a leading tab or carriage return (which some readers drop before looking at the next
    /// character), and the full-width ＝ ＋ － ＠ that a Chinese input method produces and Excel also accepts.
    /// Our importers drop a leading apostrophe, so a protected value reads back as it was.
    /// </summary>
    public static string ProtectText(string text) => NeedsProtection(text) ? "'" + text : text;

    public static bool NeedsProtection(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠';

    /// <summary>
    /// A value as a cell: text is protected (<see cref="ProtectText"/>), numbers stay numbers (a negative amount is a
    /// number cell, not text starting with '-'), dates become text such as 2025-12-31, nothing stays empty.
    /// </summary>
    public static object? Cell(object? value) => value switch
    {
        null => null,
        string s => ProtectText(s),
        int or long or decimal or double or float or short => value,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => ProtectText(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => ProtectText(value.ToString() ?? ""),
    };

    /// <summary>
    /// Writes the sheets as one XLSX workbook, each with <paramref name="title"/> in its first row. Synchronous on
    /// purpose: MiniExcel 1.46's async writer puts the sheet's drawing reference inside sheetData, which the worksheet
    /// schema does not allow (ADR 0005). A caller that must not block writes to a MemoryStream first.
    /// </summary>
    public static void WriteXlsx(Stream stream, string title, IEnumerable<ExportSheet> sheets)
    {
        var workbook = new Dictionary<string, object>();
        foreach (var sheet in Stamped([.. sheets]))
        {
            if (sheet.Headers.Count == 0) throw new ArgumentException($"工作表“{sheet.Name}”没有列", nameof(sheets));
            // MiniExcel takes a dictionary row's keys as its columns; with printHeader off they are not written, so the
            // title and the Chinese headers are ordinary rows above the data.
            var keys = Enumerable.Range(0, sheet.Headers.Count).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var rows = new List<Dictionary<string, object?>>(sheet.Rows.Count + 2)
            {
                Row(keys, [ProtectText(title)]),
                Row(keys, [.. sheet.Headers.Select(ProtectText)]),
            };
            foreach (var row in sheet.Rows)
            {
                if (row.Length != keys.Length)
                    throw new ArgumentException($"工作表“{sheet.Name}”的一行有 {row.Length} 个值，表头有 {keys.Length} 列", nameof(sheets));
                rows.Add(Row(keys, [.. row.Select(Cell)]));
            }
            workbook[sheet.Name] = rows;
        }
        // The title and the headers stay in view while scrolling. MiniExcel can only put its filter buttons on the first
        // row, which is the title here, so there are none.
        stream.SaveAs(workbook, printHeader: false, configuration: new OpenXmlConfiguration { FreezeRowCount = 2, AutoFilter = false });
    }

    /// <summary>
    /// Every export carries who exported it and when (issue 8): rows 导出人 and 导出时间 (China time) in the workbook's
    /// 说明 sheet, which is added when the export has none. Who is the acting user of the request or command-line run.
    /// </summary>
    private static List<ExportSheet> Stamped(List<ExportSheet> sheets)
    {
        var (by, at) = ExportedByAndAt();
        object?[][] stamp = [["导出人", by], ["导出时间", at]];
        var notes = sheets.FindIndex(x => x.Name == Notes);
        if (notes < 0)
            sheets.Add(new ExportSheet(Notes, ["项目", "内容"], stamp));
        else if (sheets[notes].Headers.Count == 2 && !sheets[notes].Rows.Any(r => r.Length > 0 && r[0] is "导出人"))
            sheets[notes] = sheets[notes] with { Rows = [.. sheets[notes].Rows, .. stamp] };
        return sheets;
    }

    /// <summary>Who is exporting (the acting account and its role, or the OS account) and when, in China time.</summary>
    public static (string By, string At) ExportedByAndAt()
    {
        var actor = Audit.AuditActor.Current;
        var role = Enum.TryParse<Accounts.Role>(actor.Role, out var r) ? $"（{ReportSnapshot.RoleWord(r)}）" : "";
        var at = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return (actor.UserName + role, at + "（北京时间）");
    }

    /// <summary>The sheet of notes on an export: how it was counted, who exported it and when.</summary>
    public const string Notes = "说明";

    private static Dictionary<string, object?> Row(string[] keys, object?[] values)
    {
        var row = new Dictionary<string, object?>(keys.Length);
        for (var i = 0; i < keys.Length; i++) row[keys[i]] = i < values.Length ? values[i] : null;
        return row;
    }

    private static string ShortCode(string code) =>
        DivisionCode.TryParse(code, out var parsed, out _) ? parsed.Value : code;
}
