using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// 报表冻结 over HTTP, on <see cref="FanghuWebApp"/>'s world: at the end of December 2025 香格里拉市 has one monitored
/// household (T…0001 of 测试一村, identified 2022-01-31, three members). The county freezes that month through the form,
/// then a death dated June 2025 is recorded: the snapshot keeps 3 persons, today's figure is 2.
/// </summary>
public sealed partial class SnapshotPagesTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string Page = "/Reports/Snapshots";
    private const string Api = "/api/v1/reports/snapshots";

    private static (string, string)[] Form(string division, string year, string? month, string kind = "Monitoring", string? correction = null)
    {
        var fields = new List<(string, string)>
        {
            ("Freeze.Kind", kind), ("Freeze.Division", division), ("Freeze.PeriodKind", month is null ? "Year" : "Month"), ("Freeze.Year", year),
            ("Freeze.Note", "月报"),
        };
        if (month is not null) fields.Add(("Freeze.Month", month));
        if (correction is not null) fields.Add(("Freeze.Correction", correction));
        return [.. fields];
    }

    [Fact]
    public async Task A_county_freezes_december_through_the_form_and_after_a_correction_sees_frozen_and_live_figures_side_by_side()
    {
        var county = await app.SignedInAsync("county1");
        var published = await county.GetStringAsync("/api/v1/reports/monitoring?division=533401&asOf=2025-12-31");
        var monitoring = await county.GetStringAsync("/Reports/Monitoring");
        var form = await county.GetStringAsync(Page);

        var posted = await FanghuWebApp.PostFormAsync(county, Page, form, Form("533401", "2025", "12"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Matches(@"^/Reports/Snapshots/\d+$", location);
        var before = await county.GetStringAsync(location);

        await using (var db = app.Database.Context())
        {
            var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == FanghuWebApp.Household1);
            household.RecordChange(ChangeKind.Death, new DateOnly(2025, 6, 1), household.Members.Single(m => m.Relation == Relation.Son));
            await db.SaveChangesAsync();
        }
        var after = await county.GetStringAsync(location);
        var download = await county.GetAsync(location + "?handler=Json");
        var list = await county.GetStringAsync(Page);
        var workbook = Path.Combine(Path.GetTempPath(), $"snapshot-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(workbook, await county.GetByteArrayAsync(location + "?handler=Xlsx"));
        var rows = Fanghu.Imports.XlsxReader.ReadRows(workbook).Select(r => string.Join("|", r.Cells)).ToList();
        File.Delete(workbook);

        Assert.Contains("href=\"/Reports/Snapshots\"", monitoring);
        Assert.Contains("href=\"/Reports/Snapshots?kind=monitoring&amp;division=533401#freeze\"", monitoring);
        Assert.Matches("<option(?=[^>]*selected)(?=[^>]*value=\"533401\")[^>]*>", form);
        Assert.Contains("今日按同一报告期计算的数字与冻结时一致。", before);
        Assert.Contains("冻结后数据有更正：累计纳入监测 · 人数 由 3 变为 2；", after);
        Assert.Matches(RowOf("monitored.persons", "3", "2", changed: true), after);
        Assert.Matches(RowOf("monitored.households", "1", "1", changed: false), after);
        Assert.Contains("county1 测试（县（市））", after);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(published, await download.Content.ReadAsStringAsync());
        Assert.Contains($"href=\"{location}\"", list);
        Assert.Equal(["香格里拉市（533401）冻结报表对照 2025年12月|||", "项目|冻结时|今日按同一报告期计算|是否更正"], rows.Take(2));
        Assert.Contains("累计纳入监测 · 人数|3|2|有更正", rows);
        Assert.Contains("累计纳入监测 · 户数|1|1|", rows);
        Assert.Contains("<td data-label=\"报告期\">2025年12月</td>", list);
    }

    [Fact]
    public async Task Freezing_again_is_refused_with_who_froze_it_a_correction_with_a_reason_is_a_new_version_and_posts_need_the_token()
    {
        var county = await app.SignedInAsync("county1");
        var form = await county.GetStringAsync(Page);
        var first = await FanghuWebApp.PostFormAsync(county, Page, form, Form("533401", "2024", null, "Applications"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var prefecture = await app.SignedInAsync("prefecture1");
        var again = await FanghuWebApp.PostFormAsync(prefecture, Page, await prefecture.GetStringAsync(Page), Form("533401", "2024", null, "Applications"));
        var corrected = await FanghuWebApp.PostFormAsync(prefecture, Page, await prefecture.GetStringAsync(Page),
            Form("533401", "2024", null, "Applications", correction: "补录漏报的申请"));
        var noToken = await county.PostAsync(Page, new FormUrlEncodedContent(Form("533401", "2023", null).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Matches(@"救助申请统计（533401，2024年度）已由county1 测试（县级）于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 冻结，不能重复冻结", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Contains("补录漏报的申请", await prefecture.GetStringAsync(corrected.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    [Fact]
    public async Task Village_accounts_read_but_may_not_freeze_and_a_county_may_not_freeze_outside_its_divisions_or_an_unfinished_month()
    {
        var village = await app.SignedInAsync("village1");
        var villagePage = await village.GetStringAsync(Page);
        var refused = await FanghuWebApp.PostFormAsync(village, Page, villagePage, Form(FanghuWebApp.Village1, "2025", "11"));

        var county = await app.SignedInAsync("county1");
        var form = await county.GetStringAsync(Page);
        var outside = await FanghuWebApp.PostFormAsync(county, Page, form, Form("5334", "2025", "11"));
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var unfinished = await FanghuWebApp.PostFormAsync(county, Page, form, Form("533401", today.Year.ToString(), today.Month.ToString()));
        var department = await (await app.SignedInAsync("department1")).GetAsync(Page);

        Assert.Contains("只有县级、州级和系统管理员账号可以冻结报表", villagePage);
        Assert.DoesNotContain("name=\"Freeze.Kind\"", villagePage);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("迪庆藏族自治州（533400000000）不在您的管辖范围内", await outside.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unfinished.StatusCode);
        Assert.Contains("才结束，只能冻结已经结束的月份或年度", await unfinished.Content.ReadAsStringAsync());
        Assert.StartsWith("/Account/AccessDenied", department.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_api_lists_the_snapshots_of_the_users_divisions_and_gives_one_with_its_frozen_json_and_differences()
    {
        var county = await app.SignedInAsync("county1");
        var form = await county.GetStringAsync(Page);
        var posted = await FanghuWebApp.PostFormAsync(county, Page, form, Form(FanghuWebApp.Village2, "2025", "10"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = long.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);

        var list = await county.GetFromJsonAsync<JsonElement>($"{Api}?division={FanghuWebApp.Village2}");
        var detail = await county.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        var otherVillage = await (await app.SignedInAsync("village1")).GetAsync($"{Api}/{id}");
        var ownVillage = await (await app.SignedInAsync("village2")).GetFromJsonAsync<JsonElement>(Api);
        var badDivision = await county.GetAsync($"{Api}?division=12345");
        var department = await (await app.SignedInAsync("department1")).GetAsync(Api);
        var anonymous = await app.Client().GetAsync(Api);

        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal((id, "monitoring", FanghuWebApp.Village2, "测试二村", "2025-10", 1, "county1 测试", "County"),
            (row.GetProperty("id").GetInt64(), row.GetProperty("kind").GetString(), row.GetProperty("division").GetString(),
                row.GetProperty("divisionName").GetString(), row.GetProperty("period").GetString(), row.GetProperty("version").GetInt32(),
                row.GetProperty("frozenBy").GetString(), row.GetProperty("frozenByRole").GetString()));
        Assert.Equal(("533401100002", "2025-10-31", 0), (detail.GetProperty("report").GetProperty("division").GetString(),
            detail.GetProperty("report").GetProperty("asOf").GetString(), detail.GetProperty("differences").GetArrayLength()));
        Assert.Equal(HttpStatusCode.NotFound, otherVillage.StatusCode);
        Assert.Equal("application/problem+json", otherVillage.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ownVillage.EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.BadRequest, badDivision.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>A comparison row: its path, then the frozen and today's values, marked when they differ.</summary>
    private static Regex RowOf(string path, string frozen, string live, bool changed) => new(
        $"<tr{(changed ? " class=\"changed\"" : "")} data-path=\"{Regex.Escape(path)}\">\\s*<td[^>]*>[^<]*(<span class=\"tag\">有更正</span>)?\\s*</td>\\s*" +
        $"<td[^>]*>{frozen}</td>\\s*<td[^>]*>{live}</td>");
}
