using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// Residents' applications handled by staff through the pages, over HTTP: filed through the public use case, then
/// listed, assigned, taken up, answered and closed with the page forms by the accounts whose role owns each step,
/// reopened by the resident, and turned into a monitoring lead.
/// </summary>
public sealed partial class ApplicationPagesTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task A_township_lists_only_its_villages_applications_and_another_townships_is_not_found()
    {
        var mine = await ApplicationPages.FileAsync(app, FanghuWebApp.Village1, "53340119900101011", "13800000011");
        var elsewhere = await ApplicationPages.FileAsync(app, await ApplicationPages.OtherTownshipVillageAsync(app), "53340119900101021", "13800000021");
        var water = await ApplicationPages.FileAsync(app, FanghuWebApp.Village2, "53340119900101031", "13800000031", ApplicationArea.Water);

        var township = await app.SignedInAsync("township1");
        var inbox = await township.GetStringAsync("/Applications");
        Assert.Contains("救助申请受理台", inbox);
        Assert.Contains($"href=\"/Applications/{mine.Id}\"", inbox);
        Assert.Contains($"href=\"/Applications/{water.Id}\"", inbox);
        Assert.DoesNotContain(elsewhere.Code, inbox);
        Assert.Contains("测试一村", inbox);
        Assert.Contains(ApplicationPages.Chinese(app.Clock.Today()), inbox);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/Applications/{elsewhere.Id}")).StatusCode);
        var detail = await township.GetStringAsync($"/Applications/{mine.Id}");
        var idNumber = FanghuWebApp.Id("53340119900101011").Value;
        Assert.Contains(Fanghu.Registry.IdNumber.Mask(idNumber), detail);
        Assert.DoesNotContain(idNumber, detail);
        Assert.Contains("138****0011", detail); // the phone, masked like the ID number until revealed with a reason
        Assert.DoesNotContain("13800000011", detail);

        // The area filter, and nothing is closed yet.
        var waterOnly = await township.GetStringAsync("/Applications?filter=Open&area=Water");
        Assert.Contains(water.Code, waterOnly);
        Assert.DoesNotContain(mine.Code, waterOnly);
        Assert.DoesNotContain(mine.Code, await township.GetStringAsync("/Applications?filter=Closed"));

        // The county sees both townships; a village only its own; a department nothing not yet assigned to it.
        var county = await app.SignedInAsync("county1");
        var countyInbox = await county.GetStringAsync("/Applications?filter=All");
        Assert.Contains(mine.Code, countyInbox);
        Assert.Contains(elsewhere.Code, countyInbox);
        var village2 = await app.SignedInAsync("village2");
        Assert.DoesNotContain(mine.Code, await village2.GetStringAsync("/Applications"));
        Assert.Equal(HttpStatusCode.NotFound, (await village2.GetAsync($"/Applications/{mine.Id}")).StatusCode);
        var department = await app.SignedInAsync("department1");
        Assert.DoesNotContain(mine.Code, await department.GetStringAsync("/Applications?filter=All"));
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/Applications/{mine.Id}")).StatusCode);
    }

    [Fact]
    public async Task Assigned_taken_up_and_closed_through_the_forms_each_step_timed_and_a_department_answers_only_what_it_leads()
    {
        var medical = await ApplicationPages.FileAsync(app, FanghuWebApp.Village1, "53340119900101041", "13800000041");
        var path = $"/Applications/{medical.Id}";
        var township = await app.SignedInAsync("township1");

        // A village may not assign; the township may, but only to a listed department and a division of the application's township.
        var village = await app.SignedInAsync("village1");
        var villagePage = await village.GetStringAsync(path);
        Assert.DoesNotContain("name=\"Assign.LeadDepartment\"", villagePage);
        Assert.Contains("待乡镇或县级分办", villagePage);
        var refused = await village.PostFormAsyncOk($"{path}?handler=Assign", villagePage, ("Version", ApplicationPages.Version(villagePage)),
            ("Assign.LeadDepartment", "医保"));
        Assert.Contains("分办由乡镇、县级或管理员账号进行", refused);
        var page = await township.GetStringAsync(path);
        Assert.Contains("<option value=\"医保\" selected=\"selected\">医保</option>", page); // the area's usual department, offered first
        var unknown = await township.PostFormAsyncOk($"{path}?handler=Assign", page, ("Version", ApplicationPages.Version(page)),
            ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "财政"));
        Assert.Contains("“财政”不在可分办的部门之列", unknown);
        var outside = await township.PostFormAsyncOk($"{path}?handler=Assign", page, ("Version", ApplicationPages.Version(page)),
            ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "医保"), ("Assign.HandlingDivision", "533401101201"));
        Assert.Contains("办理单位应为申请所在的乡镇或其所辖的村（社区）", outside);

        await ApplicationPages.StepAsync(township, path, "Assign", ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "医保"),
            ("Assign.CoDepartments", "民政"), ("Assign.CoDepartments", "残联"), ("Assign.HandlingDivision", FanghuWebApp.Village1));
        page = await township.GetStringAsync(path);
        Assert.Contains("已分办", page);
        Assert.Contains("牵头：医保；协办：民政、残联", page);
        Assert.Contains("民政、残联", page);
        Assert.Contains("<details class=\"edit sub\">\n                    <summary>重新分办</summary>", page); // folded away now
        Assert.Contains("<option value=\"533401100001\" selected=\"selected\">测试一村</option>", page);

        // A form left open while someone else acted is refused, not applied to the new state.
        var stale = await township.PostFormAsyncOk($"{path}?handler=Assign", outside, ("Version", ApplicationPages.Version(outside)),
            ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "民政"));
        Assert.Matches(@"该申请已被 \S+ 测试 于 \d+月\d+日 \d\d:\d\d 办理，您看到的是旧版本", stale);
        Assert.Contains("您填写的内容未丢失", stale);

        // The lead department takes it up and closes it; every step says who, in which role, and when.
        var department = await app.SignedInAsync("department1");
        Assert.Contains(medical.Code, await department.GetStringAsync("/Applications"));
        await ApplicationPages.StepAsync(department, path, "Start", ("Start.Text", "已电话联系申请人"));
        var empty = await department.GetStringAsync(path);
        Assert.Contains("请填写办结答复", await department.PostFormAsyncOk($"{path}?handler=Close", empty, ("Version", ApplicationPages.Version(empty)),
            ("Close.Text", " ")));
        await ApplicationPages.StepAsync(department, path, "Close", ("Close.Text", "已按规定报销大病保险二次报销部分"));
        page = await department.GetStringAsync(path);
        Assert.Contains("已办结，等待申请人确认", page);
        Assert.Contains("<strong>已办结</strong>", page);
        Assert.DoesNotContain("name=\"Close.Text\"", page);
        var steps = ApplicationPages.Steps(page);
        Assert.Equal(["提交申请", "分办", "受理办理", "办结"], steps.Select(s => s.What));
        Assert.Equal(("township1 测试", "乡镇"), (steps[1].Who, steps[1].Role));
        Assert.Equal(("department1 测试", "行业部门", "已电话联系申请人"), (steps[2].Who, steps[2].Role, steps[2].Note));
        Assert.Equal("已按规定报销大病保险二次报销部分", steps[3].Note);
        Assert.All(steps, s => Assert.Contains(ApplicationPages.Chinese(app.Clock.Today()), s.On));
        Assert.Contains(medical.Code, await department.GetStringAsync("/Applications?filter=Closed"));
        Assert.DoesNotContain(medical.Code, await department.GetStringAsync("/Applications"));

        // Where 医保 only helps, it reads the application but the lead department answers.
        var living = await ApplicationPages.FileAsync(app, FanghuWebApp.Village2, "53340119900101051", "13800000051", ApplicationArea.Living);
        var livingPath = $"/Applications/{living.Id}";
        var county = await app.SignedInAsync("county1");
        await ApplicationPages.StepAsync(county, livingPath, "Assign", ("Assign.Area", "Living"), ("Assign.LeadDepartment", "民政"),
            ("Assign.CoDepartments", "医保"));
        Assert.Contains(living.Code, await department.GetStringAsync("/Applications"));
        var helping = await department.GetStringAsync(livingPath);
        Assert.Contains("本部门为协办部门：由牵头部门（民政）办理和答复", helping);
        Assert.DoesNotContain("name=\"Start.Text\"", helping);
        // Its page has no form to post: the version is the one the lead department's officer would see.
        var notLead = await department.PostFormAsyncOk($"{livingPath}?handler=Start", helping,
            ("Version", ApplicationPages.Version(await county.GetStringAsync(livingPath))),
            ("Start.Text", "我们来办"));
        Assert.Contains("由牵头部门办理和答复，协办部门请与牵头部门联系", notLead);

        // The prefecture reads and does not handle.
        var prefecture = await app.SignedInAsync("prefecture1");
        var read = await prefecture.GetStringAsync(livingPath);
        Assert.Contains("本账号只能查看救助申请，不能办理", read);
        Assert.DoesNotContain("?handler=", read);
    }

    [Fact]
    public async Task A_reopened_application_comes_back_to_the_inbox_as_in_hand()
    {
        var filed = await ApplicationPages.FileAsync(app, FanghuWebApp.Village1, "53340119900101061", "13800000061");
        var path = $"/Applications/{filed.Id}";
        var township = await app.SignedInAsync("township1");
        await ApplicationPages.StepAsync(township, path, "Assign", ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "医保"));
        await ApplicationPages.StepAsync(township, path, "Close", ("Close.Text", "已告知申请人医保报销流程"));
        Assert.DoesNotContain(filed.Code, await township.GetStringAsync("/Applications"));

        // The resident, with the tracking code and the phone's last four digits, is not satisfied.
        await using (var db = app.Database.Context(DataScope.Nothing))
            Assert.True(await new TrackApplication(new CaseWork(db, app.Clock)).RespondAsync(filed.Code, "0061", false, "报销后仍有两万元缺口", default));

        var inbox = await township.GetStringAsync("/Applications");
        var row = ApplicationPages.Row(inbox, filed.Id);
        Assert.Contains("办理中", row);
        var page = await township.GetStringAsync(path);
        Assert.Contains("申请人不满意，重新办理 1 次", page);
        var last = ApplicationPages.Steps(page)[^1];
        Assert.Equal(("申请人不满意，重新办理", "申请人", "报销后仍有两万元缺口"), (last.What, last.Who, last.Note));
        Assert.Contains("name=\"Close.Text\"", page); // back with the handlers, to answer again

        await ApplicationPages.StepAsync(township, path, "Close", ("Close.Text", "已申请临时救助两万元"));
        Assert.Contains("已办结", ApplicationPages.Row(await township.GetStringAsync("/Applications?filter=Closed"), filed.Id));
    }

    [Fact]
    public async Task An_application_becomes_a_lead_in_one_click_and_then_shows_its_cases_stage()
    {
        // 王测二 heads the second household, which has no case yet.
        var filed = await ApplicationPages.FileAsync(app, FanghuWebApp.Village2, "53340119750505005", "13800000071", name: "王测二");
        var path = $"/Applications/{filed.Id}";
        var township = await app.SignedInAsync("township1");
        await ApplicationPages.StepAsync(township, path, "Assign", ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "医保"));
        await ApplicationPages.StepAsync(township, path, "Lead");

        var page = await township.GetStringAsync(path);
        Assert.Contains("已转为监测线索，新开监测案件", page);
        var caseId = long.Parse(ApplicationPages.CaseLink().Match(page).Groups[1].Value);
        Assert.Contains("当前环节：入户核实", page);
        Assert.DoesNotContain("一键转为监测线索", page);
        Assert.Equal("转为监测线索", ApplicationPages.Steps(page)[^1].What);

        // Once only: a second click (an old tab) is refused.
        var again = await township.PostFormAsyncOk($"{path}?handler=Lead", page, ("Version", ApplicationPages.Version(page)));
        Assert.Contains("该申请已转为监测线索", again);

        // The case it opened is the household's, from a self-declaration naming the application.
        await using (var db = app.Database.Context())
        {
            var lead = await db.Leads.SingleAsync(l => l.SourceKey == $"application:{filed.Id}");
            Assert.Equal((LeadChannel.SelfDeclaration, caseId, app.Household2Id), (lead.Channel, lead.CaseId, lead.HouseholdId));
            Assert.Contains(filed.Code, lead.Summary);
        }
        var village = await app.SignedInAsync("village2");
        Assert.Contains(filed.Code, await village.GetStringAsync($"/Monitoring/Case/{caseId}"));

        // A department handles the application but does not see the household's case.
        var department = await app.SignedInAsync("department1");
        var read = await department.GetStringAsync(path);
        Assert.Contains("已转为监测线索", read);
        Assert.DoesNotContain("/Monitoring/Case/", read);

        // Someone the registry does not know cannot become a lead.
        var stranger = await ApplicationPages.FileAsync(app, FanghuWebApp.Village2, "53340119900101081", "13800000081");
        var strangerPage = await township.GetStringAsync($"/Applications/{stranger.Id}");
        var refused = await township.PostFormAsyncOk($"/Applications/{stranger.Id}?handler=Lead", strangerPage,
            ("Version", ApplicationPages.Version(strangerPage)));
        Assert.Contains("申请人的身份证号码不在本辖区登记的人口中", refused);
    }

    [Fact]
    public async Task The_api_gives_staff_an_application_of_their_divisions_and_a_problem_otherwise()
    {
        var filed = await ApplicationPages.FileAsync(app, FanghuWebApp.Village1, "53340119900101111", "13800000111");
        var elsewhere = await ApplicationPages.FileAsync(app, await ApplicationPages.OtherTownshipVillageAsync(app), "53340119900101121", "13800000121");
        var township = await app.SignedInAsync("township1");
        await ApplicationPages.StepAsync(township, $"/Applications/{filed.Id}", "Assign", ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "医保"),
            ("Assign.CoDepartments", "民政"));

        using var json = JsonDocument.Parse(await township.GetStringAsync($"/api/v1/applications/{filed.Id}"));
        var body = json.RootElement;
        Assert.Equal((filed.Code, "Assigned", "Medical", "医保"), (body.GetProperty("trackingCode").GetString(), body.GetProperty("status").GetString(),
            body.GetProperty("area").GetString(), body.GetProperty("leadDepartment").GetString()));
        Assert.Equal(["民政"], body.GetProperty("coDepartments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(Fanghu.Registry.IdNumber.Mask(FanghuWebApp.Id("53340119900101111").Value), body.GetProperty("idNumberMasked").GetString());
        Assert.DoesNotContain("53340119900101111", body.GetRawText());
        Assert.Equal(["Filed", "Assigned"], body.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(2, body.GetProperty("version").GetInt32());

        var missing = await township.GetAsync($"/api/v1/applications/{elsewhere.Id}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("没有找到该申请，或不在您的管辖范围内", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/v1/applications/{filed.Id}")).StatusCode);
    }
}

/// <summary>
/// 督办 of applications with the host's clock moved on: its own web app, since letting days pass would make the other
/// tests' applications late too.
/// </summary>
public sealed class ApplicationPagesEscalationTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task Unresolved_after_ten_days_an_application_is_escalated_in_the_inbox_and_on_the_boards_above()
    {
        var late = await ApplicationPages.FileAsync(app, FanghuWebApp.Village1, "53340119900101091", "13800000091");
        var answered = await ApplicationPages.FileAsync(app, FanghuWebApp.Village2, "53340119900101101", "13800000101");
        var township = await app.SignedInAsync("township1");
        await ApplicationPages.StepAsync(township, $"/Applications/{answered.Id}", "Assign", ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "医保"));
        await ApplicationPages.StepAsync(township, $"/Applications/{answered.Id}", "Close", ("Close.Text", "已答复"));
        Assert.Contains("没有超期未办结的救助申请", await township.GetStringAsync("/Applications?filter=Escalated"));

        // The tenth day is still in time.
        app.Clock.PassDays(10);
        township = await app.SignedInAsync("township1");
        Assert.DoesNotContain(late.Code, await township.GetStringAsync("/Applications?filter=Escalated"));
        Assert.Contains("下级超期未办结的救助申请 0 件", await township.GetStringAsync("/Monitoring/Board"));

        app.Clock.PassDays(1);
        township = await app.SignedInAsync("township1");
        var escalated = await township.GetStringAsync("/Applications?filter=Escalated");
        Assert.Contains("超期 1 天", ApplicationPages.Row(escalated, late.Id));
        Assert.DoesNotContain(answered.Code, escalated);
        Assert.Contains("超期 1 天", ApplicationPages.Row(await township.GetStringAsync("/Applications"), late.Id));
        var detail = await township.GetStringAsync($"/Applications/{late.Id}");
        Assert.Contains("<span class=\"tag\">督办</span>", detail);

        // One level up: the township's board lists its village's application, the county's too; a village has no level below.
        var board = await township.GetStringAsync("/Monitoring/Board");
        Assert.Contains("下级超期未办结的救助申请 1 件", board);
        var boardRow = ApplicationPages.Row(board, late.Id);
        Assert.Contains("测试一村", boardRow);
        Assert.Contains("<td data-label=\"逾期天数\" class=\"num bad\">1</td>", boardRow);
        Assert.DoesNotContain(answered.Code, board);
        Assert.Contains("href=\"/Applications?filter=Escalated\"", board);
        var county = await app.SignedInAsync("county1");
        Assert.Contains($"href=\"/Applications/{late.Id}\"", await county.GetStringAsync("/Monitoring/Board"));
        var village = await app.SignedInAsync("village1");
        Assert.DoesNotContain("救助申请超期督办", await village.GetStringAsync("/Monitoring/Board"));

        // Closed, it leaves the boards.
        await ApplicationPages.StepAsync(township, $"/Applications/{late.Id}", "Assign", ("Assign.Area", "Medical"), ("Assign.LeadDepartment", "医保"));
        await ApplicationPages.StepAsync(township, $"/Applications/{late.Id}", "Close", ("Close.Text", "已答复"));
        Assert.Contains("下级超期未办结的救助申请 0 件", await township.GetStringAsync("/Monitoring/Board"));
    }
}

/// <summary>What the application page tests share: filing through the public use case, posting steps, reading the pages.</summary>
internal static partial class ApplicationPages
{
    public const string OtherTownship = "533401101", OtherVillage = "533401101201";

    public static async Task<(long Id, string Code)> FileAsync(FanghuWebApp app, string village, string id17, string phone,
        ApplicationArea area = ApplicationArea.Medical, string name = "张申请")
    {
        // The public page has no account: no scope, as FileApplication is called there.
        await using var db = app.Database.Context(DataScope.Nothing);
        var filed = await new FileApplication(new CaseWork(db, app.Clock)).HandleAsync(new FileApplication.Request(area,
            "家里有人生病住院，自付费用较多", name, FanghuWebApp.Id(id17).Value, phone, village, false, null), default);
        Assert.Null(filed.Error);
        await using var all = app.Database.Context();
        return (await all.Applications.Where(a => a.TrackingCode == filed.TrackingCode).Select(a => a.Id).SingleAsync(), filed.TrackingCode!);
    }

    /// <summary>A second township of the county with one village, which the fixture's township account does not cover.</summary>
    public static async Task<string> OtherTownshipVillageAsync(FanghuWebApp app)
    {
        await using var db = app.Database.Context();
        if (!await db.Divisions.AnyAsync(d => d.Code == OtherVillage))
        {
            db.Divisions.AddRange(new Division(DivisionCode.Parse(OtherTownship), "小中甸镇", DivisionCode.Parse("533401")),
                new Division(DivisionCode.Parse(OtherVillage), "团结村", DivisionCode.Parse(OtherTownship)));
            await db.SaveChangesAsync();
        }
        return OtherVillage;
    }

    /// <summary>Posts one form of the application page with the version it shows, and expects the redirect back (PRG).</summary>
    public static async Task StepAsync(HttpClient client, string path, string handler, params (string, string)[] fields)
    {
        var page = await client.GetStringAsync(path);
        var response = await FanghuWebApp.PostFormAsync(client, $"{path}?handler={handler}", page, [("Version", Version(page)), .. fields]);
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"{handler} was refused ({(int)response.StatusCode}): "
                + string.Join(" | ", Alert().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value.Trim())));
        Assert.Equal(path, response.Headers.Location!.OriginalString);
    }

    public sealed record Step(string On, string What, string Who, string? Role, string Note);

    /// <summary>The timeline's rows, as shown.</summary>
    public static List<Step> Steps(string page)
    {
        var table = page[page.IndexOf("id=\"steps\"", StringComparison.Ordinal)..];
        return [.. StepRow().Matches(table).Select(m => new Step(m.Groups["on"].Value, m.Groups["what"].Value, m.Groups["who"].Value.Trim(),
            m.Groups["role"].Success ? m.Groups["role"].Value : null, m.Groups["note"].Value.Trim()))];
    }

    /// <summary>The table row that links to an application.</summary>
    public static string Row(string page, long id)
    {
        var at = page.IndexOf($"href=\"/Applications/{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"application {id} is listed");
        var start = page.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return page[start..page.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    public static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    public static string Chinese(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    [GeneratedRegex("href=\"/Monitoring/Case/(\\d+)\"")]
    public static partial Regex CaseLink();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<div class=\"alert\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Alert();

    [GeneratedRegex("<tr>\\s*<td data-label=\"日期\">(?<on>[^<]*)</td>\\s*<td data-label=\"事项\">(?<what>[^<]*)</td>\\s*<td data-label=\"办理人\">(?<who>[^<]*)(?:<span class=\"muted\">(?<role>[^<]*)</span>)?\\s*</td>\\s*<td data-label=\"录入时间\">[^<]*</td>\\s*<td data-label=\"意见 / 说明\">(?<note>[^<]*)</td>", RegexOptions.Singleline)]
    private static partial Regex StepRow();
}
