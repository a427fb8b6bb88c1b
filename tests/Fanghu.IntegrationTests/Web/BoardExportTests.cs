using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;

namespace Fanghu.IntegrationTests.Web;

/// <summary>The supervision board (督办) downloaded as XLSX: the page's tables under a title, none of them a formula.</summary>
public sealed class BoardExportTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string HostileNumber = "=HYPERLINK(\"http://example.com/x\",\"点击\")";

    [Fact]
    public async Task A_township_downloads_its_board_with_a_title_Chinese_headers_and_a_late_households_number_kept_as_text()
    {
        long householdId;
        await using (var db = app.Database.Context())
        {
            var h = new Household(HostileNumber, DivisionCode.Parse(FanghuWebApp.Village1), HouseholdType.Ordinary);
            h.AddMember("导出测一", FanghuWebApp.Id("53340119900101510"), new PersonDetails(Relation.Head, "藏族", HealthStatus.Healthy,
                null, LabourCapacity.Ordinary, Schooling.NotInSchool, Employment.WithinCounty, 6, true, true, null));
            db.Households.Add(h);
            await db.SaveChangesAsync();
            householdId = h.Id;
        }
        var village = await app.SignedInAsync("village1");
        var lead = await village.PostAsJsonAsync("/api/v1/leads", new
        {
            householdId,
            channel = "CadreVisit",
            reportedOn = app.Clock.Today(),
            summary = "户主突发重病住院",
            riskTypes = new[] { "01" },
        });
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        app.Clock.PassDays(40);
        var township = await app.SignedInAsync("township1");
        var today = app.Clock.Today();

        var page = await township.GetStringAsync("/Monitoring/Board");
        var response = await township.GetAsync("/Monitoring/Board?handler=Xlsx&division=533401100");
        var refused = await township.GetAsync("/Monitoring/Board?handler=Xlsx&division=533401");

        Assert.Contains("href=\"/Monitoring/Board?handler=Xlsx&amp;division=533401100\"", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"逾期督办-建塘镇-{today:yyyyMMdd}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var sheets = Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["按下级区划", "本级逾期事项", "下级逾期、上报督办的事项", "说明"], sheets.Keys);
        // Who exported it and when: the signed-in account, now in China time.
        Assert.Equal(["导出人", "township1（乡镇）"], sheets["说明"][2]);
        Assert.StartsWith(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            sheets["说明"][3][1]);
        var title = $"建塘镇（533401100）逾期督办 截至{today.Year}年{today.Month}月{today.Day}日";
        Assert.All(sheets.Values, s => Assert.Equal(title, s[0][0]));
        Assert.Equal(["区划代码", "区划", "村级", "乡镇", "县级", "合计"], sheets["按下级区划"][1]);
        Assert.Equal(["户编号", "行政村代码", "行政村", "当前环节", "识别超时", "办理层级", "本环节期限", "逾期天数"], sheets["本级逾期事项"][1]);
        var late = Assert.Single(sheets["下级逾期、上报督办的事项"], r => r[0] == "'" + HostileNumber);
        Assert.Equal((FanghuWebApp.Village1, "测试一村", "入户核实", "村级"), (late[1], late[2], late[3], late[5]));
        Assert.True(int.Parse(late[7]) > 0, "days late is a number");
    }

    /// <summary>Sheets by name, each as rows of cell texts; fails when any cell holds a formula.</summary>
    private static Dictionary<string, List<string[]>> Read(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        XDocument Load(string path) => XDocument.Load(zip.GetEntry(path)!.Open());
        var names = Load("xl/workbook.xml").Descendants(Main + "sheet").Select(s => (string)s.Attribute("name")!).ToList();
        var sheets = new Dictionary<string, List<string[]>>();
        for (var i = 0; i < names.Count; i++)
        {
            var xml = Load($"xl/worksheets/sheet{i + 1}.xml");
            Assert.Empty(xml.Descendants(Main + "f"));
            sheets[names[i]] = [.. xml.Descendants(Main + "row").Select(r => r.Elements(Main + "c").Select(c => c.Element(Main + "v")?.Value ?? "").ToArray())];
        }
        return sheets;
    }
}
