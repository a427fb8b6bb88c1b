using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The income report through the API and the page, over <see cref="FanghuWebApp"/>'s world: in 2024 its 脱贫户
/// T…0001 of 测试一村 (3 members, monitored since 2022) has 工资性 10000, 生产经营性 6000 less 2000, 财产性 0, 转移性 5000
/// = 19000 元; the 一般农户 of 测试二村 has no income record. The county's 脱贫户 in 2024: 1 household, 3 persons,
/// 19000 ÷ 3 = 6333.33 → 6333; no 2023 records, so previousYear 0, change 6333 and changePct 0.00. Shares of 19000:
/// 10000 → 52.63, 4000 → 21.05, 0 → 0.00, 5000 → 26.32.
/// </summary>
public sealed class IncomeReportApiTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string Api = "/api/v1/reports/income";

    [Fact]
    public async Task A_county_account_gets_the_published_json_and_a_village_account_a_403_for_another_village()
    {
        var county = await app.SignedInAsync("county1");
        var village = await app.SignedInAsync("village2");

        var response = await county.GetAsync($"{Api}?division=533401000000&year=2024");
        var monitored = await county.GetFromJsonAsync<JsonElement>($"{Api}?division=533401&year=2024&householdType=监测户");
        var other = await village.GetAsync($"{Api}?division={FanghuWebApp.Village1}&year=2024");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"division":"533401","year":2024,"householdType":"脱贫户","households":1,"persons":3,"perCapitaNetIncome":6333,"previousYear":0,"change":6333,"changePct":0.00,"shares":{"工资性":52.63,"生产经营性":21.05,"财产性":0.00,"转移性":26.32}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal(("监测户", 1, 6333), (monitored.GetProperty("householdType").GetString(), monitored.GetProperty("households").GetInt32(),
            monitored.GetProperty("perCapitaNetIncome").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("测试一村（533401100001）不在您的管辖范围内，不能查看其统计",
            (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_input_is_400_an_unknown_division_404_and_callers_without_report_access_are_refused()
    {
        var client = await app.SignedInAsync("county1");

        var badType = await client.GetAsync($"{Api}?division=533401&year=2024&householdType=贫困户");
        var noYear = await client.GetAsync($"{Api}?division=533401");
        var unknown = await client.GetAsync($"{Api}?division=533499&year=2024");
        var department = await (await app.SignedInAsync("department1")).GetAsync($"{Api}?division=5334&year=2024");
        var anonymous = await app.Client().GetAsync($"{Api}?division=5334&year=2024");

        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal("户类型“贫困户”无效，应为 脱贫户、一般农户 或 监测户", (await badType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noYear.StatusCode);
        Assert.Equal("请指定年度，如 2021", (await noYear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_the_figures_and_shares_reached_from_the_other_reports_tabs_and_refuses_another_village()
    {
        var client = await app.SignedInAsync("county1");

        var monitoring = await client.GetStringAsync("/Reports/Monitoring");
        var applications = await client.GetStringAsync("/Reports/Applications");
        // Read as a browser shows it: the encoder writes + and the ideographic space as character references.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Reports/Income?division=533401&year=2024&householdType=脱贫户"));
        var outside = await (await app.SignedInAsync("village2")).GetAsync($"/Reports/Income?division={FanghuWebApp.Village1}&year=2024");

        Assert.Contains("href=\"/Reports/Income\"", monitoring);
        Assert.Contains("href=\"/Reports/Income\"", applications);
        Assert.Contains("香格里拉市（533401）2024年　脱贫户", page);
        Assert.Contains("<span class=\"n\" id=\"per-capita\">6,333</span>", page);
        Assert.Contains("<span class=\"n\" id=\"change\">+6,333</span>", page);
        Assert.Contains("<span class=\"n\" id=\"persons\">3</span>", page);
        Assert.Contains("<td data-label=\"金额\" class=\"num\">4,000.00 元</td>", page);
        Assert.Contains("<td data-label=\"占比\" class=\"num\">21.05%</td>", page);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);

        await client.GetAsync("/culture/en");
        var english = await client.GetStringAsync("/Reports/Income?division=533401&year=2024&householdType=监测户");
        Assert.Contains("Net income per person (yuan)", english);
        Assert.Contains("Monitored (监测户)", english);
    }

    [Fact]
    public async Task The_page_offers_the_figures_as_an_xlsx_with_a_title_and_Chinese_headers()
    {
        var client = await app.SignedInAsync("county1");

        var page = await client.GetStringAsync("/Reports/Income?division=533401&year=2024&householdType=脱贫户");
        var response = await client.GetAsync("/Reports/Income?handler=Xlsx&division=533401&year=2024&householdType=脱贫户");
        var outside = await (await app.SignedInAsync("village2")).GetAsync($"/Reports/Income?handler=Xlsx&division={FanghuWebApp.Village1}&year=2024");

        Assert.Contains("?handler=Xlsx&amp;division=533401&amp;year=2024&amp;householdType=", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("收入统计-香格里拉市-脱贫户-2024.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var sheets = Infrastructure.XlsxReadBack.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["汇总", "收入结构", "说明"], sheets.Keys);
        Assert.All(sheets.Values, s => Assert.Equal("香格里拉市（533401）收入统计（脱贫户） 2024年度", s[0][0]));
        Assert.Equal(["项目", "2024年", "2023年"], sheets["汇总"][1]);
        Assert.Equal(["人均纯收入（元）", "6333", "0"], sheets["汇总"][5]);
        Assert.Equal(["收入类别", "金额（元）", "占比（%）"], sheets["收入结构"][1]);
        Assert.Equal(["生产经营性净收入", "4000", "21.05"], sheets["收入结构"][3]);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }
}
