using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The monitoring report through the API and the page, over <see cref="FanghuWebApp"/>'s world: household 1 (three
/// members, village 1) identified on 2022-01-31 as 脱贫不稳定户 for 01 因病 and not eliminated; household 2 (village 2)
/// never monitored.
/// </summary>
public sealed class ReportTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string Api = "/api/v1/reports/monitoring";

    [Fact]
    public async Task A_county_account_gets_the_counties_figures_as_the_published_json()
    {
        var client = await app.SignedInAsync("county1");

        var response = await client.GetAsync($"{Api}?division=533401&asOf=2022-01-31");
        var before = await client.GetFromJsonAsync<JsonElement>($"{Api}?division=533401000000&asOf=2022-01-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Equal(
            """{"division":"533401000000","asOf":"2022-01-31","monitored":{"households":1,"persons":3},"eliminated":{"households":0,"persons":0},"notEliminated":{"households":1,"persons":3},"byCategory":[{"category":"脱贫不稳定户","households":1,"persons":3}],"byRiskType":[{"code":"01","name":"因病","households":1,"persons":3}],"newlyIdentified":{"households":1,"persons":3},"newlyEliminated":{"households":0,"persons":0},"eliminationRate":0}""",
            json);
        Assert.Equal(0, before.GetProperty("monitored").GetProperty("households").GetInt32());
        Assert.Equal(0, before.GetProperty("byCategory").GetArrayLength());
    }

    [Fact]
    public async Task A_village_account_asking_for_another_village_or_its_township_gets_403_not_partial_numbers()
    {
        var client = await app.SignedInAsync("village1");

        var other = await client.GetAsync($"{Api}?division={FanghuWebApp.Village2}&asOf=2022-01-31");
        var township = await client.GetAsync($"{Api}?division=533401100&asOf=2022-01-31");
        var own = await client.GetFromJsonAsync<JsonElement>($"{Api}?division={FanghuWebApp.Village1}&asOf=2022-01-31");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("测试二村（533401100002）不在您的管辖范围内，不能查看其统计", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, township.StatusCode);
        Assert.Equal(1, own.GetProperty("monitored").GetProperty("households").GetInt32());
    }

    [Fact]
    public async Task An_unknown_division_is_404_and_a_bad_date_or_missing_division_is_400_problem_details()
    {
        var client = await app.SignedInAsync("county1");

        var unknown = await client.GetAsync($"{Api}?division=533499&asOf=2022-01-31");
        var badDate = await client.GetAsync($"{Api}?division=533401&asOf=2022-02-30");
        var missing = await client.GetAsync(Api);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("application/problem+json", badDate.Content.Headers.ContentType?.MediaType);
        Assert.Contains("无法识别", (await badDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task A_department_account_has_no_report_access_like_the_registry_and_anonymous_callers_are_401()
    {
        var department = await app.SignedInAsync("department1");

        var api = await department.GetAsync($"{Api}?division=5334");
        var anonymous = await app.Client().GetAsync($"{Api}?division=5334");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_the_figures_in_Chinese_with_the_villages_below_to_drill_down()
    {
        var client = await app.SignedInAsync("county1");

        var page = await client.GetStringAsync("/Reports/Monitoring?division=533401100&asOf=2022-01-31");

        Assert.Contains("建塘镇（533401100000）截至2022年1月31日", page);
        Assert.Contains("累计纳入监测", page);
        Assert.Contains("未消除风险", page);
        Assert.Contains("2022年新识别纳入", page);
        Assert.Contains("脱贫不稳定户", page);
        Assert.Contains("01 因病", page);
        Assert.Contains($"href=\"?division={FanghuWebApp.Village1}&amp;asOf=2022-01-31\">测试一村</a>", page);
        Assert.Contains("测试二村", page);
        Assert.Contains("香格里拉市</a>", page);
    }

    [Fact]
    public async Task The_endpoint_is_described_in_the_OpenAPI_document()
    {
        var document = await app.Client().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/reports/monitoring", document);
        Assert.Contains("GetMonitoringReport", document);
    }

    [Fact]
    public async Task The_page_offers_the_same_figures_as_an_xlsx_download()
    {
        var client = await app.SignedInAsync("county1");

        var response = await client.GetAsync("/Reports/Monitoring?handler=Xlsx&division=533401&asOf=2022-01-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("监测对象统计-香格里拉市-20220131.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Fact]
    public async Task The_page_opens_on_the_users_own_village_and_refuses_another_village_with_a_message()
    {
        var client = await app.SignedInAsync("village1");

        var own = await client.GetAsync("/Reports/Monitoring");
        var other = await client.GetAsync($"/Reports/Monitoring?division={FanghuWebApp.Village2}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("测试一村（533401100001）截至", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var body = await other.Content.ReadAsStringAsync();
        Assert.Contains("测试二村（533401100002）不在您的管辖范围内", body);
        Assert.DoesNotContain("累计纳入监测", body);
    }
}
