using System.IO.Compression;
using System.Security;
using System.Text;
using Fanghu.Imports;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>One file a fuzz test feeds to a reader: a name that says how it was made (printed on failure), its bytes and extension.</summary>
public sealed record FuzzFile(string Name, byte[] Bytes, string Extension)
{
    public override string ToString() => $"{Name} ({Bytes.Length} bytes{Extension})";
}

/// <summary>
/// Bad versions of a valid template file (issue 8, “bad input”): random bytes, the file cut at random points (inside a
/// multi-byte UTF-8 or GBK character, inside the XLSX zip), bytes flipped, the wrong encoding, spreadsheets with merged
/// title rows, formulas, a 1 MB cell, 10,000 columns, an empty sheet or broken cell references, and script, SQL and
/// formula text in every field of an otherwise valid row. Every reader must answer each with a clean import or a clear
/// error.
/// </summary>
public static class FuzzFiles
{
    /// <summary>Script, SQL and formula text, and a NUL (valid UTF-8 that PostgreSQL refuses to store in text).</summary>
    public static readonly string[] Hostile = ["<script>alert(1)</script>", "'; DROP TABLE \"Persons\"; --", "=cmd|' /C calc'!A0", "扎西\0"];

    /// <summary>The rows of a valid sample (header first), as the importers read them.</summary>
    public static List<string[]> Rows(string path) =>
        [.. TabularFile.Open(path).ReadRows().Where(r => !r.IsBlank).Select(r => r.Cells)];

    public static IEnumerable<FuzzFile> All(List<string[]> rows, FuzzRandom random, bool everyField = true) =>
        RandomBytes(random).Concat(Text(rows, random)).Concat(Spreadsheets(rows, random)).Concat(HostileText(rows, random, everyField));

    public static IEnumerable<FuzzFile> RandomBytes(FuzzRandom random)
    {
        foreach (var size in new[] { 0, 1, 3, 4, 64, random.Next(100, 5000), random.Next(65_000, 140_000) })
            yield return new($"random-{size}", random.Bytes(size), ".csv");
        // Random bytes behind a signature: the zip (XLSX), a UTF-8 BOM, a UTF-16 BOM.
        yield return new("random-after-zip-signature", [0x50, 0x4B, 0x03, 0x04, .. random.Bytes(random.Next(10, 3000))], ".xlsx");
        yield return new("random-after-utf8-bom", [0xEF, 0xBB, 0xBF, .. random.Bytes(random.Next(10, 3000))], ".csv");
        yield return new("random-after-utf16-bom", [0xFF, 0xFE, .. random.Bytes(random.Next(10, 3000))], ".csv");
        // Printable noise with commas, quotes and line breaks: the CSV parser's own edge cases.
        var alphabet = "ab,\"\r\n'=中文\t ;".ToCharArray();
        var noise = new string([.. Enumerable.Range(0, random.Next(50, 3000)).Select(_ => random.Pick(alphabet))]);
        yield return new("random-csv-punctuation", Encoding.UTF8.GetBytes(noise), ".csv");
    }

    public static IEnumerable<FuzzFile> Text(List<string[]> rows, FuzzRandom random)
    {
        var csv = Csv(rows);
        var utf8 = Encoding.UTF8.GetBytes(csv);
        var gbk = TabularFile.Gbk.GetBytes(csv);

        yield return new("utf8", utf8, ".csv");
        yield return new("utf8-bom", [0xEF, 0xBB, 0xBF, .. utf8], ".csv");
        yield return new("gbk", gbk, ".csv");
        for (var i = 0; i < 4; i++)
        {
            var cut = random.Next(utf8.Length);
            yield return new($"utf8-cut-at-{cut}", utf8[..cut], ".csv");
            cut = random.Next(gbk.Length);
            yield return new($"gbk-cut-at-{cut}", gbk[..cut], ".csv");
        }
        // Cut inside a character: after the first byte of a three-byte UTF-8 character, of a two-byte GBK one.
        var lead = LastIndex(utf8, b => b >= 0xE0);
        if (lead >= 0) yield return new($"utf8-cut-inside-a-character-at-{lead + 1}", utf8[..(lead + 1)], ".csv");
        lead = LastIndex(gbk, b => b >= 0x81);
        if (lead >= 0) yield return new($"gbk-cut-inside-a-character-at-{lead + 1}", gbk[..(lead + 1)], ".csv");

        for (var i = 0; i < 6; i++)
        {
            var (name, bytes) = Mutate(utf8, random);
            yield return new($"utf8-{name}", bytes, ".csv");
        }

        // Wrong encodings. UTF-16 with a BOM (Excel's “Unicode text”); a file that is UTF-8 for its first 64 KB (the part
        // the encoding is guessed from) and GBK after; a GBK header above UTF-8 rows; UTF-8 with a stray Latin-1 byte.
        yield return new("utf16le-bom", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)], ".csv");
        yield return new("utf16be-bom", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(csv)], ".csv");
        var header = Csv(rows.Take(1));
        var body = Csv(rows.Skip(1));
        var blank = string.Concat(Enumerable.Repeat(new string(',', rows[0].Length - 1) + "\n", 70_000 / rows[0].Length));
        yield return new("utf8-then-gbk-after-64kb", [.. Encoding.UTF8.GetBytes(header + blank), .. TabularFile.Gbk.GetBytes(body)], ".csv");
        yield return new("gbk-header-utf8-rows", [.. TabularFile.Gbk.GetBytes(header), .. Encoding.UTF8.GetBytes(body)], ".csv");
        yield return new("utf8-with-a-latin1-byte", [.. Encoding.UTF8.GetBytes(header), 0xE9, .. Encoding.UTF8.GetBytes(body)], ".csv");

        // A 1 MB cell in a random field of the first data row, and 10,000 columns.
        if (rows.Count > 1)
        {
            var column = random.Next(rows[0].Length);
            yield return new($"csv-1mb-cell-in-{rows[0][column]}", Encoding.UTF8.GetBytes(Csv(Replace(rows, 1, column, Huge(random)))), ".csv");
        }
        yield return new("csv-10000-columns", Encoding.UTF8.GetBytes(Csv(Wide(rows, 10_000))), ".csv");
    }

    public static IEnumerable<FuzzFile> Spreadsheets(List<string[]> rows, FuzzRandom random)
    {
        var valid = Xlsx(Sheet(rows));
        yield return new("xlsx", valid, ".xlsx");
        for (var i = 0; i < 4; i++)
        {
            var cut = random.Next(valid.Length);
            yield return new($"xlsx-cut-at-{cut}", valid[..cut], ".xlsx");
        }
        for (var i = 0; i < 4; i++)
        {
            var (name, bytes) = Mutate(valid, random);
            yield return new($"xlsx-{name}", bytes, ".xlsx");
        }

        // Two title rows above the header, merged across it, as the national templates have them.
        var width = rows[0].Length;
        var titled = new StringBuilder(SheetStart);
        titled.Append(Row(1, ["香格里拉市防止返贫监测信息采集表"])).Append(Row(2, ["填报单位：建塘镇", "", "", "填报日期：2026年5月"]));
        for (var r = 0; r < rows.Count; r++) titled.Append(Row(r + 3, rows[r]));
        titled.Append($"</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:{Column(width - 1)}1\"/><mergeCell ref=\"A2:C2\"/></mergeCells></worksheet>");
        yield return new("xlsx-merged-title-rows", Xlsx(titled.ToString()), ".xlsx");

        // Formulas: a string formula with its cached value (as Excel saves it), a number formula, one never calculated.
        yield return new("xlsx-formulas-with-cached-values", Xlsx(Sheet(rows, (r, c, v) => r == 0 ? null
            : $"<c r=\"{Column(c)}{r + 1}\" t=\"str\"><f>TRIM(\"{SecurityElement.Escape(v)}\")</f><v>{SecurityElement.Escape(v)}</v></c>")), ".xlsx");
        yield return new("xlsx-formulas-without-values", Xlsx(Sheet(rows, (r, c, v) => r == 0 || c % 2 == 0 ? null
            : $"<c r=\"{Column(c)}{r + 1}\"><f>SUM(A1:A{r})+1</f></c>")), ".xlsx");
        yield return new("xlsx-error-values", Xlsx(Sheet(rows, (r, c, v) => r == 0 || c != random.Next(width) ? null
            : $"<c r=\"{Column(c)}{r + 1}\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>")), ".xlsx");

        if (rows.Count > 1)
        {
            var column = random.Next(width);
            yield return new($"xlsx-1mb-cell-in-{rows[0][column]}", Xlsx(Sheet(Replace(rows, 1, column, Huge(random)))), ".xlsx");
        }
        yield return new("xlsx-10000-columns", Xlsx(Sheet(Wide(rows, 10_000))), ".xlsx");
        yield return new("xlsx-empty-sheet", Xlsx(SheetStart + "</sheetData></worksheet>"), ".xlsx");
        yield return new("xlsx-no-sheet-data", Xlsx("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"), ".xlsx");
        yield return new("xlsx-no-worksheet-part", Xlsx(null), ".xlsx");
        yield return new("xlsx-sheet-not-xml", Xlsx("这不是 XML <<<"), ".xlsx");
        yield return new("xlsx-with-dtd", Xlsx("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
            + SheetStart + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>"), ".xlsx");
        yield return new("xlsx-shared-string-out-of-range", Xlsx(Sheet(rows, (r, c, v) => r == 0 || c != 0 ? null
            : $"<c r=\"A{r + 1}\" t=\"s\"><v>{random.Next(1000, int.MaxValue)}</v></c>"), sharedStrings: "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>x</t></si></sst>"), ".xlsx");

        // Cell and row references as no spreadsheet program writes them but a hand-made or broken file may hold.
        string[] cellRefs = ["", "1", "a1", "$A$1", "ZZZZZZZZ1", "XFE1", "A-1", "中1"];
        foreach (var reference in cellRefs)
            yield return new($"xlsx-cell-ref-{reference}", Xlsx(Sheet(rows, (r, c, v) => r != 1 || c != 0 ? null
                : $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v)}</t></is></c>")), ".xlsx");
        string[] rowRefs = ["0", "-5", "abc", "1048577", "99999999999", "1"];
        foreach (var reference in rowRefs)
        {
            var sheet = Sheet(rows);
            var last = sheet.LastIndexOf("<row r=\"", StringComparison.Ordinal) + "<row r=\"".Length;
            var end = sheet.IndexOf('"', last);
            yield return new($"xlsx-row-ref-{reference}", Xlsx(sheet[..last] + reference + sheet[end..]), ".xlsx");
        }
    }

    /// <summary>Each hostile string in each field of the first data row (or, with <paramref name="everyField"/> false, in a random one).</summary>
    public static IEnumerable<FuzzFile> HostileText(List<string[]> rows, FuzzRandom random, bool everyField = true)
    {
        if (rows.Count < 2) yield break;
        var columns = everyField ? Enumerable.Range(0, rows[0].Length) : [random.Next(rows[0].Length)];
        foreach (var column in columns)
            for (var h = 0; h < Hostile.Length; h++)
                yield return new($"hostile-{h}-in-{rows[0][column]}", Encoding.UTF8.GetBytes(Csv(Replace(rows, 1, column, Hostile[h]))), ".csv");
        // All of them at once in every field of a row, in a spreadsheet.
        var all = rows.Select(r => (string[])r.Clone()).ToList();
        for (var c = 0; c < all[1].Length; c++) all[1][c] = random.Pick(Hostile);
        yield return new("hostile-in-every-field-xlsx", Xlsx(Sheet(all)), ".xlsx");
    }

    private static (string Name, byte[] Bytes) Mutate(byte[] source, FuzzRandom random)
    {
        var bytes = source.ToList();
        var edits = random.Next(1, 8);
        var name = new StringBuilder("mutated");
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = (byte)random.Next(256); name.Append($"-flip@{at}"); break;
                case 1: bytes.InsertRange(at, random.Bytes(random.Next(1, 16))); name.Append($"-insert@{at}"); break;
                default: bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at)); name.Append($"-delete@{at}"); break;
            }
        }
        return (name.ToString(), [.. bytes]);
    }

    private static int LastIndex(byte[] bytes, Func<byte, bool> match)
    {
        for (var i = bytes.Length - 2; i >= 0; i--)
            if (match(bytes[i])) return i;
        return -1;
    }

    private static string Huge(FuzzRandom random) =>
        string.Concat(Enumerable.Repeat("扎西<b>'\";", 1_000_000 / 10)) + random.Next(1000);

    private static List<string[]> Replace(List<string[]> rows, int row, int column, string value)
    {
        var copy = rows.Select(r => (string[])r.Clone()).ToList();
        var cells = copy[row];
        if (column >= cells.Length) Array.Resize(ref cells, column + 1);
        cells[column] = value;
        copy[row] = cells;
        return copy;
    }

    private static List<string[]> Wide(List<string[]> rows, int columns) =>
        [.. rows.Select((r, i) => r.Concat(Enumerable.Range(r.Length, columns - r.Length).Select(c => i == 0 ? $"附加列{c}" : $"{c}")).ToArray())];

    public static string Csv(IEnumerable<string[]> rows) =>
        string.Concat(rows.Select(r => string.Join(',', r.Select(Quote)) + "\n"));

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    private const string SheetStart = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

    /// <summary>A sheet of text cells; <paramref name="cell"/> may write a cell its own way (null: the usual way).</summary>
    private static string Sheet(List<string[]> rows, Func<int, int, string, string?>? cell = null)
    {
        var sheet = new StringBuilder(SheetStart);
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var v = rows[r][c] ?? "";
                sheet.Append(cell?.Invoke(r, c, v) ?? $"<c r=\"{Column(c)}{r + 1}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v)}</t></is></c>");
            }
            sheet.Append("</row>");
        }
        return sheet.Append("</sheetData></worksheet>").ToString();
    }

    private static string Row(int number, string[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select((v, c) => $"<c r=\"{Column(c)}{number}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v)}</t></is></c>")) + "</row>";

    public static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    /// <summary>A workbook around one sheet's XML (null: a workbook that names a sheet it does not hold).</summary>
    private static byte[] Xlsx(string? sheet, string? sharedStrings = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
            Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>""");
            Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            if (sheet is not null) Entry("xl/worksheets/sheet1.xml", sheet);
            if (sharedStrings is not null) Entry("xl/sharedStrings.xml", sharedStrings);
        }
        return buffer.ToArray();
    }
}
