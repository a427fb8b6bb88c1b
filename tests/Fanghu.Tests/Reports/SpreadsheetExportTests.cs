using System.IO.Compression;
using System.Xml.Linq;
using Fanghu.Reports;

namespace Fanghu.Tests.Reports;

public sealed class SpreadsheetExportTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\",\"点击\")")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("＝1+1")]
    [InlineData("＋1")]
    [InlineData("－1")]
    [InlineData("＠SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("=cmd|' /C calc'!A0")]
    public void Text_a_spreadsheet_would_take_for_a_formula_gets_a_leading_apostrophe(string text)
    {
        Assert.Equal("'" + text, SpreadsheetExport.ProtectText(text));
        Assert.Equal("'" + text, SpreadsheetExport.Cell(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("尼史村")]
    [InlineData("累计纳入监测 = 已消除风险 + 未消除风险")]
    [InlineData("533401100201")]
    [InlineData("'=1+1")]
    [InlineData(" =1+1")]
    public void Other_text_is_written_as_it_is(string text) => Assert.Equal(text, SpreadsheetExport.ProtectText(text));

    [Fact]
    public void Numbers_stay_numbers_even_when_negative_and_dates_are_written_as_iso_text()
    {
        Assert.Equal(-1500.5m, SpreadsheetExport.Cell(-1500.5m));
        Assert.Equal(-3, SpreadsheetExport.Cell(-3));
        Assert.Null(SpreadsheetExport.Cell(null));
        Assert.Equal("2025-12-31", SpreadsheetExport.Cell(new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void The_title_names_what_the_division_with_its_short_code_and_the_date_in_Chinese()
    {
        Assert.Equal("香格里拉市（533401）监测对象统计 截至2025年12月31日",
            SpreadsheetExport.Title("监测对象统计", "香格里拉市", "533401000000", SpreadsheetExport.AsOf(new DateOnly(2025, 12, 31))));
        Assert.Equal("2024年4月1日至2024年6月30日", SpreadsheetExport.Period(new DateOnly(2024, 4, 1), new DateOnly(2024, 6, 30)));
    }

    [Fact]
    public void A_workbook_has_the_title_then_the_headers_then_the_rows_with_no_formula_and_numbers_as_number_cells()
    {
        var cells = Write(new ExportSheet("表", ["名称", "金额"],
        [
            ["=HYPERLINK(\"http://example.com\",\"点击\")", -1500.5m],
            ["＝1+1", 3],
        ]));

        Assert.Equal("标题（533401）", cells["A1"].Text);
        Assert.True(!cells.TryGetValue("B1", out var b1) || string.IsNullOrEmpty(b1.Text), "the title stands alone in its row");
        Assert.Equal(("名称", "金额"), (cells["A2"].Text, cells["B2"].Text));
        Assert.Equal("'=HYPERLINK(\"http://example.com\",\"点击\")", cells["A3"].Text);
        Assert.Equal("'＝1+1", cells["A4"].Text);
        Assert.All(new[] { "A1", "A2", "A3", "A4" }, r => Assert.NotEqual("n", cells[r].Type));
        Assert.Equal(("n", "-1500.5"), (cells["B3"].Type, cells["B3"].Text));
        Assert.Equal(("n", "3"), (cells["B4"].Type, cells["B4"].Text));
    }

    [Fact]
    public void A_row_that_does_not_match_its_headers_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Write(new ExportSheet("表", ["名称", "金额"], [["只有一个值"]])));
    }

    /// <summary>Writes one sheet and reads its cells back from the XML: reference → (type, text); no cell may hold a formula.</summary>
    private static Dictionary<string, (string? Type, string? Text)> Write(ExportSheet sheet)
    {
        using var buffer = new MemoryStream();
        SpreadsheetExport.WriteXlsx(buffer, "标题（533401）", [sheet]);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } s
            ? XDocument.Load(s.Open()).Descendants(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList()
            : [];
        var xml = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.Empty(xml.Descendants(Main + "f"));
        Assert.Empty(xml.Descendants(Main + "autoFilter"));
        Assert.Equal("2", (string?)xml.Descendants(Main + "pane").Single().Attribute("ySplit"));
        return xml.Descendants(Main + "c").ToDictionary(c => (string)c.Attribute("r")!, c =>
        {
            var type = (string?)c.Attribute("t");
            var text = type switch
            {
                "s" => shared[int.Parse(c.Element(Main + "v")!.Value)],
                "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
                _ => c.Element(Main + "v")?.Value,
            };
            return (type, text);
        });
    }
}
