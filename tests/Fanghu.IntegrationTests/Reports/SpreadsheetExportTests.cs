using System.IO.Compression;
using System.Xml.Linq;
using Fanghu.Applications;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Reports;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>
/// The report workbooks over divisions whose names, brought in by the real divisions import, are formulas: the
/// exported XLSX holds no formula, those names are text starting with the protective apostrophe, every sheet opens
/// with a title naming the division and the date, and the headers are Chinese.
/// </summary>
public sealed class SpreadsheetExportTests : ImportTestBase
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Village names as an attacker (or a careless paste) would put them in a divisions file.</summary>
    public static readonly string[] Hostile = ["=HYPERLINK(\"http://example.com/x\",\"点击查看\")", "+1", "-2+3", "@SUM(A1)", "＝1+1"];

    private async Task ArrangeAsync()
    {
        var rows = Hostile.Select((name, i) => $"53340110030{i},\"{name.Replace("\"", "\"\"")}\",533401100");
        var report = await ImportAsync(ImportKind.Divisions, Write("hostile.csv", "代码,名称,上级代码\n" + string.Join("\n", rows) + "\n"));
        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
    }

    [Fact]
    public async Task The_monitoring_workbook_writes_formula_like_village_names_as_protected_text_under_a_title_and_Chinese_headers()
    {
        await ArrangeAsync();
        await using var db = Database.Context();
        var result = await new MonitoringReport(db, TimeProvider.System).HandleAsync(new MonitoringReport.Request(Synthetic.Township, "2022-01-31"), CancellationToken.None);
        Assert.True(result.Ok, result.Message);

        var sheets = Read(w => MonitoringReportXlsx.Write(w, result));

        Assert.Equal(["汇总", "按监测对象类别", "按风险类型", "下级区划", "说明"], sheets.Keys);
        Assert.All(sheets.Values, s => Assert.Equal("建塘镇（533401100）监测对象统计 截至2022年1月31日", s["A1"].Text));
        Assert.Equal(("项目", "户数", "人数"), (sheets["汇总"]["A2"].Text, sheets["汇总"]["B2"].Text, sheets["汇总"]["C2"].Text));
        var children = sheets["下级区划"];
        Assert.Equal(("区划代码", "区划", "纳入监测户数"), (children["A2"].Text, children["B2"].Text, children["C2"].Text));
        AssertProtected(children);
        Assert.Equal("n", children["C3"].Type);
    }

    [Fact]
    public async Task The_applications_workbook_writes_formula_like_village_names_as_protected_text_under_a_title_with_the_period()
    {
        await ArrangeAsync();
        await using var db = Database.Context();
        var result = await new ApplicationsReport(db, TimeProvider.System).HandleAsync(
            new ApplicationsReport.Request(Synthetic.Township, "2024-04-01", "2024-06-30"), CancellationToken.None);
        Assert.True(result.Ok, result.Message);

        var sheets = Read(w => ApplicationsReportXlsx.Write(w, result));

        Assert.All(sheets.Values, s => Assert.Equal("建塘镇（533401100）救助申请统计 2024年4月1日至2024年6月30日", s["A1"].Text));
        Assert.Equal(("项目", "数值"), (sheets["汇总"]["A2"].Text, sheets["汇总"]["B2"].Text));
        Assert.Equal(("区划代码", "区划", "受理件数"), (sheets["下级区划"]["A2"].Text, sheets["下级区划"]["B2"].Text, sheets["下级区划"]["C2"].Text));
        AssertProtected(sheets["下级区划"]);
    }

    /// <summary>Each hostile name is in the sheet once, as a string cell that starts with the apostrophe.</summary>
    private static void AssertProtected(Dictionary<string, (string? Type, string? Text)> sheet)
    {
        foreach (var name in Hostile)
        {
            var cell = Assert.Single(sheet.Values, c => c.Text?.TrimStart('\'') == name);
            Assert.Equal(("str", "'" + name), cell);
        }
    }

    /// <summary>
    /// The workbook's sheets by name, each as reference → (cell type, text); fails when any cell holds a formula.
    /// </summary>
    private static Dictionary<string, Dictionary<string, (string? Type, string? Text)>> Read(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        XDocument Load(string path) => XDocument.Load(zip.GetEntry(path)!.Open());
        var shared = zip.GetEntry("xl/sharedStrings.xml") is null
            ? []
            : Load("xl/sharedStrings.xml").Descendants(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList();
        var targets = Load("xl/_rels/workbook.xml.rels").Root!.Elements()
            .ToDictionary(r => (string)r.Attribute("Id")!, r => "xl/" + ((string)r.Attribute("Target")!).TrimStart('/').Replace("xl/", ""));
        var sheets = new Dictionary<string, Dictionary<string, (string?, string?)>>();
        foreach (var sheet in Load("xl/workbook.xml").Descendants(Main + "sheet"))
        {
            var xml = Load(targets[(string)sheet.Attribute(Rel + "id")!]);
            Assert.Empty(xml.Descendants(Main + "f"));
            sheets[(string)sheet.Attribute("name")!] = xml.Descendants(Main + "c").ToDictionary(c => (string)c.Attribute("r")!, c =>
            {
                var type = (string?)c.Attribute("t");
                return (type, type switch
                {
                    "s" => shared[int.Parse(c.Element(Main + "v")!.Value)],
                    "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
                    _ => c.Element(Main + "v")?.Value,
                });
            });
        }
        return sheets;
    }
}
