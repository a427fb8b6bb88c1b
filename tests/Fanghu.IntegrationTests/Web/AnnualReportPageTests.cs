using System.IO.Compression;
using System.Net;
using System.Xml.Linq;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// /Reports/Annual over <see cref="FanghuWebApp"/>'s world: in 2024 the county has one monitored household (测试一村's
/// 脱贫户, 3 members, identified 2022-01-31, not eliminated) whose 19000 元 make 6333 元 per person, and no 2023 income.
/// </summary>
public sealed class AnnualReportPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task The_page_writes_the_year_in_Chinese_prose_and_is_linked_from_the_other_reports()
    {
        var client = await app.SignedInAsync("county1");

        var income = await client.GetStringAsync("/Reports/Income");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Reports/Annual?division=533401&year=2024"));

        Assert.Contains("href=\"/Reports/Annual\"", income);
        Assert.Contains("<h2>香格里拉市2024年度防止返贫动态监测和帮扶工作总结</h2>", page);
        Assert.Contains("<h3>一、监测对象</h3>", page);
        Assert.Contains("截至2024年12月31日，香格里拉市累计纳入防止返贫监测对象1户3人，均未消除风险，风险消除率0.0%。", page);
        Assert.Contains("2024年未新识别纳入监测对象，未有监测对象新消除风险。", page);
        Assert.Contains("2024年，香格里拉市有收入数据的脱贫户1户3人，家庭人均纯收入达6,333元，2023年无可比收入数据。", page);
        Assert.Contains("本总结由 county1 测试 于 ", page);
        Assert.Contains("href=\"?handler=Docx&division=533401&year=2024\"", page);
    }

    [Fact]
    public async Task The_download_is_a_Word_document_and_a_division_outside_the_scope_is_refused()
    {
        var county = await app.SignedInAsync("county1");
        var village = await app.SignedInAsync("village2");

        var download = await county.GetAsync("/Reports/Annual?handler=Docx&division=533401&year=2024");
        var outside = await village.GetAsync($"/Reports/Annual?division={FanghuWebApp.Village1}&year=2024");
        var outsideDownload = await village.GetAsync($"/Reports/Annual?handler=Docx&division={FanghuWebApp.Village1}&year=2024");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("年度工作总结-香格里拉市-2024.docx", download.Content.Headers.ContentDisposition?.FileNameStar);
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            var text = XDocument.Load(zip.GetEntry("word/document.xml")!.Open()).Root!.Value;
            Assert.Contains("香格里拉市2024年度防止返贫动态监测和帮扶工作总结", text);
            Assert.Contains("累计纳入防止返贫监测对象1户3人", text);
        }
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("测试一村（533401100001）不在您的管辖范围内，不能查看其统计", WebUtility.HtmlDecode(await outside.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, outsideDownload.StatusCode);
        Assert.Equal("text/html", outsideDownload.Content.Headers.ContentType?.MediaType);
    }
}
