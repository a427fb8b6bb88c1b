using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Screening;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// 部门筛查 over HTTP: a department officer uploads a file that is screened in the background and follows the run to
/// its warnings; the account's department decides which datasets it may send; a county versions a rule and the next
/// run uses the new version; a run that fails writes nothing. Each test uses its own year, so the warnings of one
/// (deduplicated by person and year) never hide another's.
/// </summary>
public sealed partial class ScreeningPageTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private const string MedicalHeader = "证件号码,结算日期,总费用,报销,个人自付";

    // 张测一 heads a 脱贫户 of 测试一村 (533401): the poor-household rule warns at 5,000 元 self-paid in a year.
    private static readonly string Zhang = FanghuWebApp.Id("53340119800101001").Value;
    private static readonly string Li = FanghuWebApp.Id("53340119820202002").Value;

    [Fact]
    public async Task A_department_officer_uploads_a_medical_file_and_follows_the_run_to_its_warning()
    {
        var client = await app.SignedInAsync("department1");
        var csv = $"{MedicalHeader}\n{Zhang},2024-03-01,9000,3000,6000.00\n{Li},2024-04-01,1000,800,200\n{FanghuWebApp.Id("53340119700101009").Value},2024-01-01,90000,0,90000\n";

        var response = await UploadAsync(client, "MedicalSettlements", "医保结算2024.csv", csv);

        var runPath = Redirected(response);
        Assert.Matches("^/Screening/Run/[0-9]+$", runPath);
        var page = await UntilFinishedAsync(client, runPath);
        Assert.Contains("筛查完成", page);
        Assert.Contains("medical-self-paid-poor v1", page);
        Assert.Contains("张测一", page);
        Assert.Contains(Fanghu.Registry.IdNumber.Mask(Zhang), page);
        Assert.DoesNotContain(Zhang, page);                   // ID numbers are masked
        Assert.DoesNotContain("/Monitoring/Case/", page);     // a department reaches no case…
        Assert.DoesNotContain("/Registry/Household/", page);  // …and no household page
        Assert.DoesNotContain("http-equiv=\"refresh\"", page); // a finished run stops reloading

        await using var db = app.Database.Context();
        var run = await db.ScreeningRuns.SingleAsync(r => r.FileName == "医保结算2024.csv");
        Assert.Equal((RunStatus.Completed, 3L, 2L, 1L, "医保", "department1 测试"),
            (run.Status, run.RowsRead, run.RowsMatched, run.RowsUnmatched, run.Department, run.StartedByName));
        var warning = await db.ScreeningWarnings.SingleAsync(w => w.RunId == run.Id);
        Assert.Equal(("medical-self-paid-poor", 2024, 6000m), (warning.RuleKey, warning.Period, warning.Value));
        Assert.NotNull(warning.LeadId);

        // The list shows the run; the outcomes count it without naming anyone.
        var list = await client.GetStringAsync("/Screening");
        Assert.Contains(runPath, list);
        var outcomes = await client.GetStringAsync("/Screening/Outcomes");
        Assert.Contains("medical-self-paid-poor", outcomes);
        Assert.DoesNotContain("张测一", outcomes);

        // The county sees the same warning with the way to its case.
        var county = await app.SignedInAsync("county1");
        Assert.Contains("/Monitoring/Case/", await county.GetStringAsync(runPath));

        // The API says the same.
        var api = await client.GetAsync($"/api/v1/screening/runs/{runPath.Split('/')[^1]}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal("Completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("newWarnings").GetInt32());
    }

    [Fact]
    public async Task A_department_officer_is_offered_only_its_own_datasets_and_a_forged_choice_is_refused()
    {
        var client = await app.SignedInAsync("department1");
        var page = await client.GetStringAsync("/Screening");
        Assert.Contains("value=\"MedicalSettlements\"", page);
        Assert.Contains("value=\"MedicalEnrolment\"", page);
        Assert.DoesNotContain("value=\"SchoolEnrolment\"", page);
        Assert.DoesNotContain("value=\"Disability\"", page);

        var response = await UploadAsync(client, "SchoolEnrolment", "学籍.csv", $"证件号码,学段,学校,状态\n{Zhang},小学,测试小学,辍学\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("“教育学籍”由教育部门报送，本账号不能上传", result);
        Assert.Contains("aria-invalid=\"true\"", result);
        await using var db = app.Database.Context();
        Assert.False(await db.ScreeningRuns.AnyAsync(r => r.FileName == "学籍.csv"), "a refused upload must not start a run");
    }

    [Fact]
    public async Task Village_and_township_accounts_cannot_open_department_screening_and_other_departments_do_not_see_the_runs()
    {
        foreach (var user in new[] { "village1", "township1" })
        {
            var client = await app.SignedInAsync(user);
            var denied = await client.GetAsync("/Screening");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location?.PathAndQuery);
            Assert.DoesNotContain("href=\"/Screening\"", await client.GetStringAsync("/"));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/screening/runs/1")).StatusCode);
        }

        var medical = await app.SignedInAsync("department1");
        Assert.Contains("href=\"/Screening\"", await medical.GetStringAsync("/"));
        var runPath = Redirected(await UploadAsync(medical, "MedicalSettlements", "医保-可见性.csv", $"{MedicalHeader}\n{Li},2021-03-01,100,50,50\n"));
        await UntilFinishedAsync(medical, runPath);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
            if (await users.FindByNameAsync("education1") is null)
                Assert.True((await users.CreateAsync(new FanghuUser
                {
                    UserName = "education1",
                    DisplayName = "教育 测试",
                    Role = Role.Department,
                    DivisionCodes = ["5334"],
                    Department = "教育",
                }, FanghuWebApp.Password)).Succeeded);
        }
        var education = await app.SignedInAsync("education1");
        Assert.Equal(HttpStatusCode.NotFound, (await education.GetAsync(runPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await education.GetAsync("/api/v1/screening/runs/" + runPath.Split('/')[^1])).StatusCode);
        Assert.DoesNotContain(runPath, await education.GetStringAsync("/Screening"));
    }

    [Fact]
    public async Task A_county_adds_threshold_versions_for_its_county_the_previous_one_retires_and_the_next_run_uses_the_new_one()
    {
        var county = await app.SignedInAsync("county1");
        const string rule = "/Screening/RuleVersion/medical-self-paid-poor";
        foreach (var threshold in new[] { "3000", "3500" })
        {
            var form = await county.GetStringAsync(rule);
            var saved = await FanghuWebApp.PostFormAsync(county, rule, form,
                ("Rule.Threshold", threshold), ("Rule.Population", "FormerlyPoorOrMonitored"), ("Rule.Window", "CalendarYear"),
                ("Rule.Signal", "年度个人自付医疗费用高"), ("Rule.RiskType", "01"), ("Rule.Status", "Active"));
            Assert.StartsWith("/Screening/Rules", Redirected(saved));
        }

        int v2, v3;
        await using (var db = app.Database.Context())
        {
            var versions = await db.ScreeningRules.Where(r => r.Key == "medical-self-paid-poor").OrderBy(r => r.Version).ToListAsync();
            Assert.Equal([(1, RuleStatus.Active, null), (2, RuleStatus.Retired, "533401"), (3, RuleStatus.Active, "533401")],
                versions.Select(v => (v.Version, v.Status, v.DivisionCode)));
            Assert.Equal(3500m, versions[2].Definition.Threshold);
            (v2, v3) = (versions[1].Version, versions[2].Version);
        }
        var rules = await county.GetStringAsync("/Screening/Rules");
        Assert.Contains("已停用", rules);
        Assert.Contains("3,500", rules);

        // 3,600 元 is under the prefecture's 5,000 but over the county's 3,500.
        var runPath = Redirected(await UploadAsync(county, "MedicalSettlements", "医保-县阈值.csv", $"{MedicalHeader}\n{Zhang},2023-05-01,5000,1400,3600\n"));
        var page = await UntilFinishedAsync(county, runPath);
        Assert.Contains($"medical-self-paid-poor v{v3}@533401", page);
        await using (var db = app.Database.Context())
        {
            var run = await db.ScreeningRuns.SingleAsync(r => r.FileName == "医保-县阈值.csv");
            Assert.Contains($"medical-self-paid-poor v{v3}@533401", run.RuleVersions);
            Assert.DoesNotContain($"v{v2}@", run.RuleVersions);
            var warning = await db.ScreeningWarnings.SingleAsync(w => w.RunId == run.Id);
            Assert.Equal((v3, 3500m, 3600m), (warning.RuleVersion, warning.Threshold, warning.Value));
        }
    }

    [Fact]
    public async Task A_bad_threshold_is_refused_next_to_its_field_and_a_department_cannot_version_rules()
    {
        var county = await app.SignedInAsync("county1");
        const string rule = "/Screening/RuleVersion/disaster-loss";
        var form = await county.GetStringAsync(rule);
        var refused = await FanghuWebApp.PostFormAsync(county, rule, form,
            ("Rule.Threshold", "0"), ("Rule.Population", "All"), ("Rule.Window", "CalendarYear"), ("Rule.Signal", "灾害损失"), ("Rule.Status", "Active"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Rule_Threshold-error", await refused.Content.ReadAsStringAsync());

        var ages = await FanghuWebApp.PostFormAsync(county, rule, form,
            ("Rule.Threshold", "6000"), ("Rule.Population", "All"), ("Rule.Window", "CalendarYear"), ("Rule.Signal", "灾害损失"),
            ("Rule.AgeMin", "15"), ("Rule.AgeMax", "6"), ("Rule.Status", "Active"));
        Assert.Contains("年龄范围无效", await ages.Content.ReadAsStringAsync());
        await using (var db = app.Database.Context())
            Assert.Equal(1, await db.ScreeningRules.CountAsync(r => r.Key == "disaster-loss"));

        var department = await app.SignedInAsync("department1");
        Assert.NotEqual(HttpStatusCode.OK, (await department.GetAsync(rule)).StatusCode);
        Assert.DoesNotContain("/Screening/RuleVersion/", await department.GetStringAsync("/Screening/Rules"));
    }

    [Fact]
    public async Task A_damaged_file_is_refused_with_a_clear_message_writes_no_warning_and_cannot_be_cancelled_afterwards()
    {
        var client = await app.SignedInAsync("department1");
        // A spreadsheet in name only: the zip signature and then nothing readable. It is the sender's to fix, as a file
        // with bad rows is, so the run is refused with the importers' words rather than failed with an exception's name.
        var broken = new byte[] { 0x50, 0x4B, 0x03, 0x04 }.Concat(Encoding.UTF8.GetBytes(new string('x', 200))).ToArray();
        var runPath = Redirected(await UploadAsync(client, "MedicalSettlements", "损坏.xlsx", broken));

        var page = await UntilFinishedAsync(client, runPath);
        Assert.Contains("XLSX 文件已损坏或不是 Excel 工作簿", page);
        await using (var db = app.Database.Context())
        {
            var run = await db.ScreeningRuns.SingleAsync(r => r.FileName == "损坏.xlsx");
            Assert.Equal(RunStatus.Rejected, run.Status);
            Assert.False(await db.ScreeningWarnings.AnyAsync(w => w.RunId == run.Id));
        }

        var cancel = await FanghuWebApp.PostFormAsync(client, runPath + "?handler=Cancel", page);
        Assert.Equal(runPath, Redirected(cancel));
        Assert.Contains("无法取消", await client.GetStringAsync(runPath));
    }

    [Fact]
    public async Task The_warnings_of_a_run_download_as_an_xlsx_with_a_title_Chinese_headers_and_masked_ID_numbers()
    {
        var client = await app.SignedInAsync("department1");
        var csv = $"{MedicalHeader}\n{Zhang},2022-03-01,9000,2000,7000\n";

        var runPath = Redirected(await UploadAsync(client, "MedicalSettlements", "医保结算2022.csv", csv));
        var page = await UntilFinishedAsync(client, runPath);
        var response = await client.GetAsync(runPath + "?handler=Xlsx");
        var hidden = await (await app.SignedInAsync("township1")).GetAsync(runPath + "?handler=Xlsx");

        Assert.Contains($"href=\"{runPath}?handler=Xlsx\"", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheets = XlsxReadBack.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["预警", "说明"], sheets.Keys);
        Assert.All(sheets.Values, s => Assert.Equal($"迪庆藏族自治州（5334）医保结算筛查预警 截至{DateTime.Today:yyyy年M月d日}", s[0][0]));
        Assert.Equal(["户编号", "姓名", "证件号码", "规则", "规则版本", "期间", "计算值", "阈值", "来源行数", "来源行号", "说明", "已转监测"], sheets["预警"][1]);
        var warning = Assert.Single(sheets["预警"].Skip(2));
        Assert.Equal((FanghuWebApp.Household1, "张测一", Fanghu.Registry.IdNumber.Mask(Zhang), "medical-self-paid-poor", "2022", "7000", "5000"),
            (warning[0], warning[1], warning[2], warning[3], warning[5], warning[6], warning[7]));
        Assert.DoesNotContain(sheets["预警"], r => r.Contains(Zhang));
        Assert.NotEqual(HttpStatusCode.OK, hidden.StatusCode);

        // Showing and exporting the persons a department's data flags (here their medical costs) are logged reads.
        await using var db = app.Database.Context();
        var runId = runPath[(runPath.LastIndexOf('/') + 1)..];
        var reads = await db.AuditTrail.Where(e => e.Action == Fanghu.Audit.AuditTrail.Read && e.Entity == "ScreeningRun" && e.EntityKey == runId)
            .Select(e => e.After!).ToListAsync();
        Assert.Contains(reads, r => r.Contains("\"How\":\"页面\"", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.Contains("\"How\":\"导出\"", StringComparison.Ordinal) && r.Contains("\"Count\":1", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string dataset, string fileName, string csv) =>
        UploadAsync(client, dataset, fileName, Encoding.UTF8.GetBytes(csv));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string dataset, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync("/Screening");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(dataset), "Screen.Dataset" },
            { new StringContent(DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "Screen.AsOf" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Screen.Upload", fileName);
        return await client.PostAsync("/Screening", form);
    }

    /// <summary>Reads the run page until it no longer reloads itself (the run is not live), at most 300 times.</summary>
    private static async Task<string> UntilFinishedAsync(HttpClient client, string runPath)
    {
        for (var i = 0; i < 300; i++)
        {
            var page = WebUtility.HtmlDecode(await client.GetStringAsync(runPath));
            if (!page.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal)) return page;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{runPath} was still running after 300 reads");
    }

    private static string Redirected(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            // Say why the form came back: its messages.
            var page = WebUtility.HtmlDecode(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            Assert.Fail($"expected a redirect, got {(int)response.StatusCode}: {string.Join(" | ", FieldErrors().Matches(page).Select(m => m.Value))}");
        }
        return response.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("class=\"field-error\">([^<]*)<|<li>([^<]*)</li>")]
    private static partial Regex FieldErrors();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
