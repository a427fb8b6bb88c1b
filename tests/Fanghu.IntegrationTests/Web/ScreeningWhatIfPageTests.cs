using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Fanghu.Monitoring;
using Fanghu.Web.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// 模拟测算 over HTTP: a county saves a draft threshold and tries it on a medical file, the page counts per county and
/// township what a hand count gives and nothing is written; a different income line is counted for a year; the roles
/// that may not try are kept out. The class has its own app, so no other test's rule versions change the counts.
/// </summary>
public sealed partial class ScreeningWhatIfPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string Page = "/Screening/WhatIf";
    private const string MedicalHeader = "证件号码,结算日期,总费用,报销,个人自付";

    // 张测一 heads the 脱贫户 of 测试一村 (rule for 脱贫户: 5,000 元 a year); 王测二 heads the ordinary household of
    // 测试二村 (rule for other households: 20,000 元). Both villages are in 建塘镇 (533401100) of 香格里拉市 (533401).
    private static readonly string Zhang = FanghuWebApp.Id("53340119800101001").Value;
    private static readonly string Wang = FanghuWebApp.Id("53340119750505005").Value;

    [Fact]
    public async Task A_county_tries_a_lower_draft_threshold_on_a_medical_file_and_sees_the_households_it_would_add_per_division_without_writing_anything()
    {
        var county = await app.SignedInAsync("county1");
        const string rule = "/Screening/RuleVersion/medical-self-paid-poor";
        var form = await county.GetStringAsync(rule);
        var saved = await FanghuWebApp.PostFormAsync(county, rule, form,
            ("Rule.Threshold", "3000"), ("Rule.Population", "FormerlyPoorOrMonitored"), ("Rule.Window", "CalendarYear"),
            ("Rule.Signal", "年度个人自付医疗费用高"), ("Rule.RiskType", "01"), ("Rule.Status", "Draft"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var written = await WrittenAsync();

        // 张测一's 4,000 元 is under the 5,000 in force and over the draft's 3,000: newly flagged.
        // 王测二's 25,000 元 is over the 20,000 of the other households' rule, which has no draft: flagged by both.
        var csv = $"{MedicalHeader}\n{Zhang},2024-03-01,6000,2000,4000\n{Wang},2024-05-01,30000,5000,25000\n";
        var response = await UploadAsync(county, "MedicalSettlements", "医保-草稿测算.csv", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("medical-self-paid-poor v1", page);
        Assert.Contains("medical-self-paid-poor v2@533401", page);
        //                           in force, draft, newly, no longer
        Assert.Equal([1, 2, 1, 0], Counts(page, "533401"));
        Assert.Equal([1, 2, 1, 0], Counts(page, "533401100"));
        Assert.Contains("香格里拉市", page);
        Assert.Contains("建塘镇", page);

        Assert.Equal(written, await WrittenAsync());
        var folder = app.Services.GetRequiredService<ImportFiles>().Folder;
        Assert.Empty(Directory.EnumerateFiles(folder));
    }

    [Fact]
    public async Task A_dataset_without_a_draft_rule_is_answered_with_the_reason_and_the_way_to_the_rules()
    {
        var county = await app.SignedInAsync("county1");

        var response = await UploadAsync(county, "Disability", "残疾人证.csv", "证件号码,类别,等级,发证日期\n");

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("没有草稿规则", page);
        Assert.Contains("href=\"/Screening/Rules\"", page);
        Assert.DoesNotContain("draft-result", page);
    }

    [Fact]
    public async Task A_county_counts_a_years_households_under_a_different_income_line_next_to_the_line_in_force()
    {
        var county = await app.SignedInAsync("county1");
        var form = await county.GetStringAsync(Page);
        var written = await WrittenAsync();

        // 测试一村's household earned 19,000 元 in 2024 for 3 members: 6,333 a head, under 2024's 8,700 but over 6,000.
        var response = await FanghuWebApp.PostFormAsync(county, Page + "?handler=Income", form, ("Income.Year", "2024"), ("Income.Line", "6000"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("在用监测范围 8,700 元", page);
        Assert.Contains("测算监测范围 6,000 元", page);
        Assert.Equal([1, 0, 0, 1], Counts(page, "533401"));
        Assert.Equal([1, 0, 0, 1], Counts(page, "533401100"));
        Assert.Equal(written, await WrittenAsync());

        var missing = await FanghuWebApp.PostFormAsync(county, Page + "?handler=Income", form, ("Income.Year", "2024"), ("Income.Line", ""));
        var refused = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains("Income_Line-error", refused);
        Assert.Contains("请填写测算监测范围", refused);
    }

    [Fact]
    public async Task Each_role_is_offered_the_forms_it_may_use_and_a_village_is_refused()
    {
        var village = await app.SignedInAsync("village1");
        var denied = await village.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location?.PathAndQuery);

        var department = await app.SignedInAsync("department1");
        var departmentPage = await department.GetStringAsync(Page);
        Assert.Contains("handler=Draft", departmentPage);
        Assert.Contains("value=\"MedicalSettlements\"", departmentPage);
        Assert.DoesNotContain("value=\"Disability\"", departmentPage);
        Assert.DoesNotContain("handler=Income", departmentPage);
        var forged = await FanghuWebApp.PostFormAsync(department, Page + "?handler=Income", departmentPage, ("Income.Year", "2024"), ("Income.Line", "6000"));
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);

        var prefecture = await app.SignedInAsync("prefecture1");
        var prefecturePage = await prefecture.GetStringAsync(Page);
        Assert.DoesNotContain("handler=Draft", prefecturePage);
        Assert.Contains("handler=Income", prefecturePage);

        Assert.Contains("href=\"/Screening/WhatIf\"", await department.GetStringAsync("/Screening"));
        Assert.Contains("href=\"/Screening/WhatIf\"", await department.GetStringAsync("/Screening/Rules"));
    }

    [Fact]
    public async Task The_income_line_what_if_downloads_as_an_xlsx_per_division_without_writing_anything()
    {
        var county = await app.SignedInAsync("county1");
        var form = await county.GetStringAsync(Page);
        var written = await WrittenAsync();

        var response = await FanghuWebApp.PostFormAsync(county, Page + "?handler=IncomeXlsx", form, ("Income.Year", "2024"), ("Income.Line", "6000"));
        var missing = await FanghuWebApp.PostFormAsync(county, Page + "?handler=IncomeXlsx", form, ("Income.Year", "2024"), ("Income.Line", ""));

        Assert.Contains("formaction=\"/Screening/WhatIf?handler=IncomeXlsx\"", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheets = Infrastructure.XlsxReadBack.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["按区划", "说明"], sheets.Keys);
        Assert.All(sheets.Values, s => Assert.Equal($"香格里拉市（533401）2024 年收入模拟测算 截至{app.Clock.Today():yyyy年M月d日}", s[0][0]));
        Assert.Equal(["区划代码", "区划", "层级", "现行口径命中户数", "测算口径命中户数", "新增户数", "不再命中户数"], sheets["按区划"][1]);
        // 测试一村's 6,333 a head is under the 8,700 in force and over 6,000: flagged now, no longer under the proposed line.
        Assert.Equal(["", "合计", "", "1", "0", "0", "1"], sheets["按区划"][2]);
        Assert.Equal(["533401", "香格里拉市", "县（市）", "1", "0", "0", "1"], sheets["按区划"][3]);
        Assert.Contains(sheets["说明"], r => r[0] == "测算口径" && r[1] == "测算监测范围 6,000 元");
        Assert.Equal(written, await WrittenAsync());
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请填写测算监测范围", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
    }

    /// <summary>What a screening run writes: runs, warnings, leads.</summary>
    private async Task<(int Runs, int Warnings, int Leads)> WrittenAsync()
    {
        await using var db = app.Database.Context();
        return (await db.ScreeningRuns.CountAsync(), await db.ScreeningWarnings.CountAsync(), await db.Leads.CountAsync());
    }

    /// <summary>The four counts of a division's row: in force, proposed, newly, no longer.</summary>
    private static int[] Counts(string page, string code)
    {
        var row = Rows().Matches(page).Select(m => m.Value).SingleOrDefault(r => r.Contains($">{code}</small>", StringComparison.Ordinal));
        Assert.True(row is not null, $"no row for {code}");
        return [.. Cells().Matches(row).Select(m => int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string dataset, string fileName, string csv)
    {
        var page = await client.GetStringAsync(Page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(dataset), "Draft.Dataset" },
            { new StringContent(DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "Draft.AsOf" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Draft.Upload", fileName);
        return await client.PostAsync(Page + "?handler=Draft", form);
    }

    [GeneratedRegex("<tr class=\"(?:county|township)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();

    [GeneratedRegex("class=\"num\">([0-9,]+)</td>")]
    private static partial Regex Cells();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
