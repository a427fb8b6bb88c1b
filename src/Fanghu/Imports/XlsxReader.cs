using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Fanghu.Imports;

/// <summary>
/// Streams the first worksheet of an XLSX file with an XmlReader. Cells come back as Excel stored them:
/// a number as its invariant text (so an ID number Excel turned into 5.33401E+17 stays recognisable), a
/// date as its serial number, a formula as its cached value. Row numbers are the sheet's own.
/// </summary>
internal static class XlsxReader
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const long MaxRows = 1_048_576;
    private const int MaxColumns = 16_384;

    public static IEnumerable<SourceRow> ReadRows(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var sharedStrings = ReadSharedStrings(zip);
        var sheet = zip.GetEntry(FirstSheetPath(zip)) ?? throw new InvalidDataException("XLSX 文件中没有工作表");
        using var stream = sheet.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });
        long expected = 1;
        var cells = new List<string>();
        var text = new List<bool>();
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row" || xml.NamespaceURI != MainNs) continue;
            var number = long.TryParse(xml.GetAttribute("r"), out var r) ? r : expected;
            // A row number beyond Excel's last row would have the blank rows before it counted out one by one.
            if (number is < 1 or > MaxRows) throw new InvalidDataException($"XLSX 行号 {number} 超出范围");
            cells.Clear();
            text.Clear();
            if (!xml.IsEmptyElement)
                ReadCells(xml, sharedStrings, cells, text);
            for (; expected < number; expected++)
                yield return new SourceRow(expected, []);
            expected = number + 1;
            yield return new SourceRow(number, cells.ToArray(), text.ToArray());
        }
    }

    private static void ReadCells(XmlReader xml, List<string> sharedStrings, List<string> cells, List<bool> text)
    {
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c") continue;
            var reference = xml.GetAttribute("r");
            var type = xml.GetAttribute("t");
            var column = reference is null ? cells.Count : ColumnIndex(reference);
            string? value = null;
            if (!xml.IsEmptyElement)
            {
                var cellDepth = xml.Depth;
                while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == cellDepth))
                {
                    if (xml.NodeType != XmlNodeType.Element) continue;
                    if (xml.LocalName == "v") value = xml.ReadElementContentAsString();
                    else if (xml.LocalName == "is") value = ReadRichText(xml);
                    if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == cellDepth) break;
                }
            }
            var isText = type is "s" or "str" or "inlineStr";
            value = type switch
            {
                "s" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count => sharedStrings[i],
                "b" => value == "1" ? "TRUE" : "FALSE",
                null or "n" => Number(value),
                _ => value,
            };
            while (cells.Count < column) { cells.Add(""); text.Add(false); }
            if (cells.Count == column) { cells.Add(value ?? ""); text.Add(isText); }
            else { cells[column] = value ?? ""; text[column] = isText; }
        }
    }

    /// <summary>
    /// A number cell as a person reads it in Excel: whole numbers up to 15 digits as digits; anything else with
    /// Excel's 15 significant digits — so 12345.670000000002 (floating-point noise of a formula) reads 12345.67
    /// and an ID number stored as a number reads 5.33401197204151E+17, which the ID rules refuse with advice.
    /// </summary>
    private static string? Number(string? raw)
    {
        if (raw is null || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return raw;
        return Math.Abs(d) < 1e15 && d == Math.Floor(d)
            ? ((long)d).ToString(CultureInfo.InvariantCulture)
            : d.ToString("G15", CultureInfo.InvariantCulture);
    }

    private static string ReadRichText(XmlReader xml)
    {
        var depth = xml.Depth;
        var text = new System.Text.StringBuilder();
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
                text.Append(xml.ReadElementContentAsString());
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) break;
        }
        return text.ToString();
    }

    /// <summary>
    /// The column of an A1 reference. A reference without a column, or beyond Excel's last column (XFD), is a damaged
    /// file: read as an index it would fail, or pad the row with billions of cells.
    /// </summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
            if (index > MaxColumns) break;
        }
        if (index is < 1 or > MaxColumns) throw new InvalidDataException($"XLSX 单元格引用“{reference}”无效");
        return index - 1;
    }

    private static List<string> ReadSharedStrings(ZipArchive zip)
    {
        var list = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null) return list;
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
                list.Add(xml.IsEmptyElement ? "" : ReadRichTextOrPlain(xml));
        }
        return list;
    }

    private static string ReadRichTextOrPlain(XmlReader xml)
    {
        var depth = xml.Depth;
        var text = new System.Text.StringBuilder();
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            // Phonetic runs (rPh) hold furigana-like hints, not cell text.
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh") { xml.Skip(); if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) break; continue; }
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                text.Append(xml.ReadElementContentAsString());
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) break;
            }
        }
        return text.ToString();
    }

    private static string FirstSheetPath(ZipArchive zip)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || rels is null) return "xl/worksheets/sheet1.xml";
        string? relId = null;
        using (var s = workbook.Open())
        using (var xml = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                {
                    relId = xml.GetAttribute("id", RelNs);
                    break;
                }
            }
        }
        if (relId is null) return "xl/worksheets/sheet1.xml";
        using (var s = rels.Open())
        using (var xml = XmlReader.Create(s, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") == relId)
                {
                    var target = xml.GetAttribute("Target") ?? "worksheets/sheet1.xml";
                    return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                }
            }
        }
        return "xl/worksheets/sheet1.xml";
    }
}
