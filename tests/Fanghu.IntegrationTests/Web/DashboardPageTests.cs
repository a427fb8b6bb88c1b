using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The dashboard's page, export and API over <see cref="FanghuWebApp"/>'s world: 香格里拉市 has one monitored household,
/// 测试一村's 脱贫户 (3 members, 因病 since 2022-01-31, no measure), and 测试二村's 一般农户.
/// </summary>
public sealed class DashboardPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task A_county_officer_sees_the_figures_the_drill_down_and_the_mismatch_list_with_chart_data_and_the_chart_library()
    {
        var client = await app.SignedInAsync("county1");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Reports/Dashboard?division=533401"));
        var library = await client.GetAsync("/lib/echarts/echarts.min.js");
        var script = await client.GetAsync("/js/dashboard.js");

        Assert.Contains("<span class=\"n\" id=\"monitored\">1</span>", page);
        Assert.Contains("<span class=\"n\" id=\"not-eliminated\">1</span>", page);
        Assert.Contains("<span class=\"n\" id=\"risk-gaps\">1</span>", page);
        Assert.Contains($"<a href=\"?division=533401100&amp;asOf=", await client.GetStringAsync("/Reports/Dashboard?division=533401"));
        Assert.Contains(FanghuWebApp.Household1, page);
        Assert.Contains("<td data-label=\"无对应措施的风险类型\">因病</td>", page);
        Assert.Contains("<script type=\"application/json\" id=\"dashboard-charts\">", page);
        Assert.Contains("src=\"/lib/echarts/echarts.min.js", page);
        Assert.DoesNotContain("<script>", page);
        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        Assert.True((await library.Content.ReadAsByteArrayAsync()).Length > 500_000, "the ECharts build copied from npm");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task The_export_has_a_sheet_per_table_under_a_title_with_the_division_and_date_and_says_who_exported_it()
    {
        var client = await app.SignedInAsync("county1");

        var response = await client.GetAsync("/Reports/Dashboard?handler=Xlsx&division=533401");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["监测对象", "按监测对象类别", "按风险类型", "识别时效", "救助申请", "收入", "保障", "帮扶措施", "风险无对应措施", "下级区划", "说明"],
            MiniExcel.GetSheetNames(stream));
        var rows = Rows(stream, "监测对象");
        Assert.StartsWith("香格里拉市（533401）数据看板 截至", rows[0][0]);
        Assert.Equal(["项目", "户数", "人数"], rows[1][..3]);
        Assert.Equal(["累计纳入监测", "1", "3"], rows[2][..3]);
        var gaps = Rows(stream, "风险无对应措施");
        Assert.Equal([FanghuWebApp.Household1, "测试一村", FanghuWebApp.Village1], gaps[2][..3]);
        Assert.Contains(Rows(stream, "说明"), r => r[0] == "导出人" && r[1] == "county1");
    }

    private static List<string[]> Rows(Stream stream, string sheet)
    {
        stream.Position = 0;
        return [.. MiniExcel.Query(stream, sheetName: sheet).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray())];
    }

    [Fact]
    public async Task The_api_gives_the_figures_as_json_refuses_another_village_and_counts_an_earlier_date_from_the_records()
    {
        var prefecture = await app.SignedInAsync("prefecture1");
        var county = await app.SignedInAsync("county1");
        var village = await app.SignedInAsync("village2");

        var today = await prefecture.GetFromJsonAsync<JsonElement>("/api/v1/reports/dashboard?division=5334");
        var countyAsksPrefecture = await county.GetAsync("/api/v1/reports/dashboard?division=5334");
        var before = await county.GetFromJsonAsync<JsonElement>("/api/v1/reports/dashboard?division=533401&asOf=2021-12-31");
        var outside = await village.GetAsync($"/api/v1/reports/dashboard?division={FanghuWebApp.Village1}");
        var outsidePage = await village.GetAsync($"/Reports/Dashboard?division={FanghuWebApp.Village1}");

        Assert.Equal(1, today.GetProperty("monitoring").GetProperty("monitored").GetProperty("households").GetInt32());
        Assert.False(today.GetProperty("live").GetBoolean());
        Assert.Equal(1, today.GetProperty("riskGaps").GetInt32());
        Assert.True(before.GetProperty("live").GetBoolean());
        Assert.Equal(0, before.GetProperty("monitoring").GetProperty("monitored").GetProperty("households").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, countyAsksPrefecture.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, outsidePage.StatusCode);
    }
}
