using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Fanghu.Reports;

/// <summary>
/// The annual summary as a Word document (.docx), written as the smallest WordprocessingML package Word, WPS and
/// LibreOffice open — [Content_Types].xml, _rels/.rels and word/document.xml — with System.IO.Compression and
/// XmlWriter rather than a document library: the summary is a title, headings and paragraphs, which does not justify
/// a package. Laid out as Chinese official documents are: title centred in 宋体 二号 bold, headings in 黑体 三号 (with an
/// outline level, so they show in the navigation pane), body in 仿宋 三号 with a two-character first-line indent.
/// </summary>
public static class AnnualSummaryDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>Half-points: 二号 22pt, 三号 16pt.</summary>
    private const int TitleSize = 44, BodySize = 32, StampSize = 21;

    /// <summary>Who exported the document and when, under the closing, in 五号 (issue 8: exports carry both).</summary>
    public static string Stamp()
    {
        var (by, at) = SpreadsheetExport.ExportedByAndAt();
        return $"（导出人：{by}；导出时间：{at}）";
    }

    public static void Write(Stream stream, AnnualSummary.Summary summary)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """);
        Part(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """);

        var entry = zip.CreateEntry("word/document.xml", CompressionLevel.Optimal);
        using var part = entry.Open();
        using var xml = XmlWriter.Create(part, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("w", "document", W);
        xml.WriteStartElement("w", "body", W);
        Paragraph(xml, summary.Title, "宋体", TitleSize, bold: true, centred: true);
        Paragraph(xml, summary.Opening, "仿宋", BodySize, indent: true);
        foreach (var section in summary.Sections)
        {
            Paragraph(xml, section.Heading, "黑体", BodySize, outline: true);
            foreach (var text in section.Paragraphs) Paragraph(xml, text, "仿宋", BodySize, indent: true);
        }
        Paragraph(xml, summary.Closing, "仿宋", BodySize, right: true);
        Paragraph(xml, Stamp(), "仿宋", StampSize, right: true);
        // A4, with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twentieths of a point.
        xml.WriteStartElement("w", "sectPr", W);
        Element(xml, "pgSz", ("w", "11906"), ("h", "16838"));
        Element(xml, "pgMar", ("top", "2098"), ("right", "1474"), ("bottom", "1984"), ("left", "1588"), ("header", "851"), ("footer", "992"), ("gutter", "0"));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Paragraph(XmlWriter xml, string text, string font, int size, bool bold = false, bool centred = false,
        bool indent = false, bool outline = false, bool right = false)
    {
        xml.WriteStartElement("w", "p", W);
        xml.WriteStartElement("w", "pPr", W);
        // WordprocessingML wants the paragraph properties in the schema's order: keepNext, spacing, ind, jc, outlineLvl.
        if (outline) Element(xml, "keepNext");
        // 28-point lines, as official documents are set.
        Element(xml, "spacing", ("line", "560"), ("lineRule", "exact"));
        if (indent) Element(xml, "ind", ("firstLineChars", "200"), ("firstLine", "640"));
        if (centred || right) Element(xml, "jc", ("val", centred ? "center" : "right"));
        if (outline) Element(xml, "outlineLvl", ("val", "0"));
        xml.WriteEndElement();
        xml.WriteStartElement("w", "r", W);
        xml.WriteStartElement("w", "rPr", W);
        Element(xml, "rFonts", ("ascii", "Times New Roman"), ("hAnsi", "Times New Roman"), ("eastAsia", font));
        if (bold) Element(xml, "b");
        Element(xml, "sz", ("val", size.ToString(CultureInfo.InvariantCulture)));
        Element(xml, "szCs", ("val", size.ToString(CultureInfo.InvariantCulture)));
        xml.WriteEndElement();
        xml.WriteStartElement("w", "t", W);
        xml.WriteAttributeString("xml", "space", null, "preserve");
        xml.WriteString(text);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement("w", name, W);
        foreach (var (attribute, value) in attributes) xml.WriteAttributeString("w", attribute, W, value);
        xml.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    }
}
