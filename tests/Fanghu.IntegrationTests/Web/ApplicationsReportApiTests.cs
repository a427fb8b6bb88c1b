using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fanghu.Imports;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The applications report through the API and the page, over <see cref="FanghuWebApp"/>'s world and three migrated
/// applications. For 2024-04-01 … 2024-06-30: W1 (测试一村, 医疗) filed 04-02 and closed 04-10 — completed; W2 (测试一村,
/// 就业) filed 04-15 and open — overdue since 04-25; W3 (测试二村, 住房) filed 05-01 and closed 07-01, after the period —
/// not completed, overdue since 05-11. The county: received 3, completed 1, 33.3 %, overdue 2.
/// </summary>
public sealed class ApplicationsReportApiTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string Api = "/api/v1/reports/applications";
    private const string Period = "from=2024-04-01&to=2024-06-30";

    /// <summary>Imports the three applications; importing them again changes nothing, so every test may call it.</summary>
    private async Task ArrangeAsync()
    {
        var csv = "受理编号,申请日期,申请人姓名,证件号码,联系电话,行政区划代码,事项类别,诉求内容,办结日期,办理结果\n" +
                  $"W1,2024-04-02,张测一,{FanghuWebApp.Id("53340119800101001")},13900000001,{FanghuWebApp.Village1},医疗,住院自付费用高,2024-04-10,已纳入医疗救助\n" +
                  $"W2,2024-04-15,李测一,{FanghuWebApp.Id("53340119820202002")},13900000002,{FanghuWebApp.Village1},就业,返乡没有工作,,\n" +
                  $"W3,2024-05-01,王测二,{FanghuWebApp.Id("53340119750505005")},13900000003,{FanghuWebApp.Village2},住房,房屋漏雨,2024-07-01,已维修\n";
        var path = Path.Combine(Path.GetTempPath(), $"fanghu-applications-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv);
        try
        {
            await using var db = app.Database.Context();
            var report = await new ImportRunner(db).RunAsync(ImportKind.Applications, path, new ImportOptions());
            Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_county_account_gets_the_counties_figures_as_the_published_json()
    {
        await ArrangeAsync();
        var client = await app.SignedInAsync("county1");

        var response = await client.GetAsync($"{Api}?division=533401000000&{Period}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"division":"533401","from":"2024-04-01","to":"2024-06-30","received":3,"completed":1,"completionRate":33.3,"overdue":2,"byArea":[{"area":"生活","received":0,"completed":0},{"area":"就业","received":1,"completed":0},{"area":"教育","received":0,"completed":0},{"area":"医疗","received":1,"completed":1},{"area":"住房","received":1,"completed":0},{"area":"饮水","received":0,"completed":0}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_village_account_gets_its_village_and_a_403_for_another_village_or_its_township()
    {
        await ArrangeAsync();
        var client = await app.SignedInAsync("village1");

        var own = await client.GetFromJsonAsync<JsonElement>($"{Api}?division={FanghuWebApp.Village1}&{Period}");
        var other = await client.GetAsync($"{Api}?division={FanghuWebApp.Village2}&{Period}");
        var township = await client.GetAsync($"{Api}?division=533401100&{Period}");

        Assert.Equal((2, 1, 50.0m, 1), (own.GetProperty("received").GetInt32(), own.GetProperty("completed").GetInt32(),
            own.GetProperty("completionRate").GetDecimal(), own.GetProperty("overdue").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("测试二村（533401100002）不在您的管辖范围内，不能查看其统计",
            (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, township.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_400_an_unknown_division_404_and_callers_without_report_access_are_refused()
    {
        var client = await app.SignedInAsync("county1");

        var backwards = await client.GetAsync($"{Api}?division=533401&from=2024-06-30&to=2024-04-01");
        var badDate = await client.GetAsync($"{Api}?division=533401&from=2024-02-30&to=2024-04-01");
        var noPeriod = await client.GetAsync($"{Api}?division=533401");
        var unknown = await client.GetAsync($"{Api}?division=533499&{Period}");
        var department = await (await app.SignedInAsync("department1")).GetAsync($"{Api}?division=5334&{Period}");
        var anonymous = await app.Client().GetAsync($"{Api}?division=5334&{Period}");

        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("application/problem+json", backwards.Content.Headers.ContentType?.MediaType);
        Assert.Equal("结束日期 2024年4月1日 早于开始日期 2024年6月30日", (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPeriod.StatusCode);
        Assert.Equal("请指定开始日期", (await noPeriod.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_the_figures_by_area_and_by_township_reached_from_the_monitoring_report_and_exports_them()
    {
        await ArrangeAsync();
        var client = await app.SignedInAsync("county1");

        var monitoring = await client.GetStringAsync("/Reports/Monitoring");
        var page = await client.GetStringAsync($"/Reports/Applications?division=533401&{Period}");
        var xlsx = await client.GetAsync($"/Reports/Applications?handler=Xlsx&division=533401&{Period}");

        Assert.Contains("href=\"/Reports/Applications\"", monitoring);
        Assert.Contains("香格里拉市（533401）2024年4月1日至2024年6月30日", page);
        Assert.Contains("<span class=\"n\" id=\"received\">3</span>", page);
        Assert.Contains("<span class=\"n\" id=\"rate\">33.3%</span>", page);
        Assert.Contains("<span class=\"n\" id=\"overdue\">2</span>", page);
        Assert.Contains("<td data-label=\"事项类别\">医疗</td>", page);
        Assert.Contains("href=\"?division=533401100&amp;from=2024-04-01&amp;to=2024-06-30\">建塘镇</a>", page);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("救助申请统计-香格里拉市-20240401-20240630.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);

        await client.GetAsync("/culture/en");
        var english = await client.GetStringAsync($"/Reports/Applications?division=533401&{Period}");
        Assert.Contains("Completion rate", english);
        Assert.Contains("<td data-label=\"Area\">Medical</td>", english);
    }

    [Fact]
    public async Task The_page_refuses_another_village_with_a_message_and_the_endpoint_is_in_the_OpenAPI_document()
    {
        var client = await app.SignedInAsync("village1");

        var response = await client.GetAsync($"/Reports/Applications?division={FanghuWebApp.Village2}&{Period}");
        var document = await app.Client().GetStringAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("不在您的管辖范围内", await response.Content.ReadAsStringAsync());
        Assert.Contains("/api/v1/reports/applications", document);
        Assert.Contains("GetApplicationsReport", document);
    }
}
