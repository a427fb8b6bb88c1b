using System.Net;
using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The monitoring workflow through its pages, over HTTP, each step posted by the account whose role owns it.
/// </summary>
public sealed partial class MonitoringPagesTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task A_visit_goes_through_identification_to_the_plan_and_elimination_is_refused_while_a_criterion_fails()
    {
        var householdId = await AddHouseholdAsync("T533401100001-0009", "赵走访", "53340119850606006", "53340119870707007");
        var day0 = Today();
        var village = await app.SignedInAsync("village1");

        // 走访登记 from the household page's link.
        var household = await village.GetStringAsync($"/Registry/Household/{householdId}");
        Assert.Contains($"/Monitoring/Visit?household={householdId}", household);
        var visitForm = await village.GetStringAsync($"/Monitoring/Visit?household={householdId}");
        Assert.Contains("赵走访", visitForm);
        var saved = await Post(village, "/Monitoring/Visit", visitForm,
            ("Visit.HouseholdId", $"{householdId}"), ("Visit.Channel", "CadreVisit"), ("Visit.ReportedOn", Iso(day0)),
            ("Visit.Reporter", "村干部甲"), ("Visit.Summary", "户主住院，自付医疗费较多"), ("Visit.Risks", "01"),
            ("Visit.Income12Months", "9000"), ("Visit.Guarantees[0].Aspect", "FoodAndClothing"), ("Visit.Guarantees[0].Status", "secure"));
        Assert.Equal("/Monitoring/Visit", Redirected(saved));
        var outcome = await village.GetStringAsync("/Monitoring/Visit");
        Assert.Contains("已登记，新开监测案件", outcome);
        var caseId = long.Parse(CaseLink().Match(outcome).Groups[1].Value);
        var casePath = $"/Monitoring/Case/{caseId}";

        // The case waits in the village's queue; the township may not take the village's step.
        Assert.Contains(casePath, await village.GetStringAsync("/Monitoring"));
        var township = await app.SignedInAsync("township1");
        var page = await township.GetStringAsync(casePath);
        Assert.DoesNotContain("name=\"Verify.VisitedOn\"", page);
        var refused = await township.PostFormAsyncOk($"{casePath}?handler=Verify", page, ("Version", Version(page)),
            ("Verify.VisitedOn", Iso(day0)), ("Verify.Outcome", "propose"));
        Assert.Contains("“入户核实”由村级账号办理", refused);

        // 入户核实: the suggestion re-renders the form with the rule's category, then the village proposes.
        page = await village.GetStringAsync(casePath);
        var suggested = await village.PostFormAsyncOk($"{casePath}?handler=Suggest", page, ("Version", Version(page)),
            ("Verify.VisitedOn", Iso(day0)), ("Verify.Income12Months", "9000"), ("Verify.Risks", "01"), ("Verify.Note", "保留的备注"));
        Assert.Contains("按规则建议：防止返贫致贫对象", suggested);
        Assert.Contains("保留的备注", suggested);
        await Step(village, casePath, "Verify", [("Verify.VisitedOn", Iso(day0)), ("Verify.ConsentOn", Iso(day0)),
            ("Verify.Income12Months", "9000"), ("Verify.Outcome", "propose"), ("Verify.Category", "Unified"), ("Verify.Risks", "01"),
            .. Guarantees("Verify")]);

        // 民主评议 starts the notice; an objection pauses it and blocks closing until answered.
        await Step(village, casePath, "Review", ("Review.HeldOn", Iso(day0)), ("Review.Attendees", "30"), ("Review.VotesFor", "28"),
            ("Review.VotesAgainst", "1"), ("Review.Minutes", "评议同意纳入"), ("Review.NoticeStartsOn", Iso(day0)));
        await Step(village, casePath, "Objection", ("Objection.RaisedOn", Iso(day0)), ("Objection.RaisedBy", "村民乙"),
            ("Objection.Content", "该户收入不低"));
        page = await village.GetStringAsync(casePath);
        Assert.Contains("异议处理中", page);
        var blocked = await village.PostFormAsyncOk($"{casePath}?handler=CloseNotice", page, ("Version", Version(page)), ("Close.ClosedOn", Iso(day0)));
        Assert.Contains("公示期间有未答复的异议", blocked);

        app.Clock.PassDays(1);
        village = await app.SignedInAsync("village1");
        page = await village.GetStringAsync(casePath);
        var objectionId = ObjectionId().Match(page).Groups[1].Value;
        await Step(village, casePath, "Answer", ("Answer.ObjectionId", objectionId), ("Answer.AnsweredOn", Iso(day0.AddDays(1))),
            ("Answer.Response", "经核查收入情况属实，异议不成立"), ("Answer.Verdict", "rejected"));

        // Five days of notice plus the day the objection paused it: before then, closing is not offered.
        page = await village.GetStringAsync(casePath);
        Assert.Contains($"公示期未满，{Chinese(day0.AddDays(6))}起可结束", page);
        Assert.Matches("disabled=\"disabled\"[^>]*>结束公示，报乡镇审核", page);
        Assert.Contains($"name=\"Close.ClosedOn\" value=\"{Iso(day0.AddDays(1))}\"", page);
        var early = await village.PostFormAsyncOk($"{casePath}?handler=CloseNotice", page, ("Version", Version(page)),
            ("Close.ClosedOn", Iso(day0.AddDays(1))));
        Assert.Contains($"公示须满 5 天，{day0.AddDays(6):yyyy年M月d日} 起才能结束", early);

        app.Clock.PassDays(5);
        var day6 = day0.AddDays(6);
        village = await app.SignedInAsync("village1");
        await Step(village, casePath, "CloseNotice", ("Close.ClosedOn", Iso(day6)));

        // 乡镇审核 then 县级审定, each by its own level; the village cannot approve for the township.
        page = await village.GetStringAsync(casePath);
        var notMine = await village.PostFormAsyncOk($"{casePath}?handler=Approve", page, ("Version", Version(page)), ("Decision.On", Iso(day6)));
        Assert.Contains("“乡镇审核”由乡镇账号办理", notMine);
        township = await app.SignedInAsync("township1");
        Assert.Contains(casePath, await township.GetStringAsync("/Monitoring"));
        await Step(township, casePath, "Approve", ("Decision.On", Iso(day6)), ("Decision.Text", "同意"));
        var county = await app.SignedInAsync("county1");
        await Step(county, casePath, "Approve", ("Decision.On", Iso(day6)), ("Decision.Text", "审定纳入"));
        Assert.Contains("审定意见已保存", await county.GetStringAsync(casePath));
        page = await village.GetStringAsync(casePath);
        Assert.Contains("<th>异议人</th>", page);
        Assert.DoesNotContain("可不填", page);
        Assert.DoesNotContain("起可结束", page);
        Assert.Contains("监测帮扶中", page);
        Assert.Contains("以下风险还没有对应的帮扶措施：01 因病", page);

        // 一户一方案: a measure answers the risk.
        await Step(village, casePath, "Measure", ("Measure.Type", "Health"), ("Measure.Content", "落实大病保险报销"),
            ("Measure.ResponsibleUnit", "县医保局"), ("Measure.ResponsiblePerson", "张医保"), ("Measure.StartOn", Iso(day6)),
            ("Measure.Status", "InProgress"));
        page = await village.GetStringAsync(casePath);
        Assert.Contains("落实大病保险报销", page);
        Assert.DoesNotContain("以下风险还没有对应的帮扶措施", page);
        Assert.Contains($"/Monitoring/Elimination/{caseId}", page);

        // 风险消除: the income assessment meets its criterion, but six months of monitoring have not passed.
        var eliminationPath = $"/Monitoring/Elimination/{caseId}";
        var elimination = await village.GetStringAsync(eliminationPath);
        Assert.Contains("早于纳入监测，请重新评估", elimination);
        var assessed = await Post(village, $"{eliminationPath}?handler=Assess&method=ThroughAssistance", elimination,
            ("Assess.AssessedOn", Iso(day6)), ("Assess.Months", "6"), ("Assess.NetIncome", "30000"));
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        elimination = await village.GetStringAsync(eliminationPath);
        Assert.Contains("收入评估已保存", elimination);
        Assert.Contains("已满足", elimination);
        Assert.Contains("未满足", elimination);
        Assert.Contains("纳入监测满 6 个月", elimination);
        Assert.Contains("折合人均年纯收入 30,000 元", elimination);
        var proposal = await village.PostFormAsyncOk($"{eliminationPath}?handler=Propose&method=ThroughAssistance", elimination,
            ("Version", Version(elimination)), ("Propose.On", Iso(day6)));
        Assert.Contains("不满足风险消除条件：纳入监测满 6 个月", proposal);

        // The household page tells the story and links the episode to its case.
        household = await village.GetStringAsync($"/Registry/Household/{householdId}");
        Assert.Contains(casePath, household);
        Assert.Contains("县级审定纳入", household);
        Assert.Contains("异议答复", household);
    }

    [Fact]
    public async Task A_stale_form_gets_the_conflict_message_instead_of_acting_on_old_facts()
    {
        var householdId = await AddHouseholdAsync("T533401100001-0010", "钱并发", "53340119900808008");
        var village = await app.SignedInAsync("village1");
        var caseId = await RecordVisitAsync(village, householdId);
        var casePath = $"/Monitoring/Case/{caseId}";
        var page = await village.GetStringAsync(casePath);
        var staleVersion = Version(page);
        await Step(village, casePath, "Verify", ("Verify.VisitedOn", Iso(Today())), ("Verify.Outcome", "dismiss"),
            ("Verify.DismissReason", "经核实收入稳定"));

        var stale = await village.PostFormAsyncOk($"{casePath}?handler=Verify", page, ("Version", staleVersion),
            ("Verify.VisitedOn", Iso(Today())), ("Verify.Outcome", "dismiss"), ("Verify.DismissReason", "再次提交"));

        Assert.Matches(@"该案件已被 village1 测试 于 \d+月\d+日 \d\d:\d\d 办理或修改，您看到的是旧版本", stale);
        Assert.Contains("您填写的内容未丢失", stale);
        Assert.Contains("不予纳入", stale);
        Assert.DoesNotContain("识别时限", await village.GetStringAsync(casePath));
    }

    [Fact]
    public async Task A_refused_visit_keeps_what_was_typed_and_says_what_is_missing()
    {
        var village = await app.SignedInAsync("village1");
        var form = await village.GetStringAsync($"/Monitoring/Visit?household={app.Household1Id}");

        var response = await village.PostFormAsyncOk("/Monitoring/Visit", form,
            ("Visit.HouseholdId", $"{app.Household1Id}"), ("Visit.Channel", "SelfDeclaration"), ("Visit.ReportedOn", Iso(Today())),
            ("Visit.Reporter", "申报人丙"), ("Visit.Summary", ""), ("Visit.Risks", "05"), ("Visit.Income12Months", "12345"));
        var badDate = await village.PostFormAsyncOk("/Monitoring/Visit", form,
            ("Visit.HouseholdId", $"{app.Household1Id}"), ("Visit.ReportedOn", "明天"), ("Visit.Summary", "情况"));

        Assert.Contains("请填写发现的情况", response);
        Assert.Contains("value=\"申报人丙\"", response);
        Assert.Contains("value=\"12345", response);
        Assert.Matches("value=\"05\"[^>]*checked", response);
        Assert.Matches("checked=\"checked\"[^>]*value=\"SelfDeclaration\"|value=\"SelfDeclaration\"[^>]*checked", response);
        Assert.Contains("“明天”不是有效的值", badDate);
        Assert.Contains("value=\"明天\"", badDate);
    }

    [Fact]
    public async Task A_visit_to_a_household_under_monitoring_attaches_to_its_open_case()
    {
        var village = await app.SignedInAsync("village1");
        var search = await village.GetStringAsync("/Monitoring/Visit?q=张测一");
        Assert.Contains($"/Monitoring/Visit?household={app.Household1Id}", search);
        Assert.DoesNotContain(FanghuWebApp.Household2, await village.GetStringAsync("/Monitoring/Visit?q=王测二"));

        var form = await village.GetStringAsync($"/Monitoring/Visit?household={app.Household1Id}");
        Assert.Contains("本次线索将并入该案件", form);
        await Post(village, "/Monitoring/Visit", form, ("Visit.HouseholdId", $"{app.Household1Id}"), ("Visit.Channel", "CadreVisit"),
            ("Visit.ReportedOn", Iso(Today())), ("Visit.Summary", "回访：病情稳定"));

        Assert.Contains("已登记，并入该户未办结的案件", await village.GetStringAsync("/Monitoring/Visit"));
    }

    [Fact]
    public async Task A_village_account_gets_404_for_a_case_of_another_village()
    {
        var other = await app.SignedInAsync("village2");
        var own = await app.SignedInAsync("village1");
        var caseId = await CaseOfAsync(app.Household1Id);

        var response = await other.GetAsync($"/Monitoring/Case/{caseId}");
        var elimination = await other.GetAsync($"/Monitoring/Elimination/{caseId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elimination.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/Monitoring/Case/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task The_board_of_a_division_outside_the_scope_is_refused_and_one_inside_rolls_up_by_child()
    {
        var township = await app.SignedInAsync("township1");
        var village = await app.SignedInAsync("village2");

        var refused = await village.GetAsync($"/Monitoring/Board?division={FanghuWebApp.Village1}");
        var own = await village.GetStringAsync("/Monitoring/Board");
        var board = await township.GetStringAsync("/Monitoring/Board");
        var above = await township.GetAsync("/Monitoring/Board?division=533401");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"区划 {FanghuWebApp.Village1} 不在您的管辖范围内", await refused.Content.ReadAsStringAsync());
        Assert.Contains("测试二村", own);
        Assert.Contains("建塘镇", board);
        Assert.Contains($"/Monitoring/Board?division={FanghuWebApp.Village1}", board);
        Assert.Equal(HttpStatusCode.Forbidden, above.StatusCode);
    }

    [Fact]
    public async Task Monitoring_pages_are_closed_to_department_officers_and_linked_from_home_for_the_others()
    {
        var department = await app.SignedInAsync("department1");
        var prefecture = await app.SignedInAsync("prefecture1");

        var denied = await department.GetAsync("/Monitoring");
        var home = await prefecture.GetStringAsync("/");
        var queue = await prefecture.GetStringAsync("/Monitoring");

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location?.PathAndQuery);
        Assert.Contains("href=\"/Monitoring/Board\"", home);
        Assert.DoesNotContain("href=\"/Monitoring/Visit\"", home);
        var visit = await prefecture.GetAsync("/Monitoring/Visit");
        Assert.Equal(HttpStatusCode.Forbidden, visit.StatusCode);
        Assert.Contains("本账号的角色不能登记走访或农户自主申报线索", await visit.Content.ReadAsStringAsync());
        Assert.Contains("本账号的角色不办理监测环节", queue);
    }

    [Fact]
    public async Task A_county_account_records_a_self_declaration_only()
    {
        var county = await app.SignedInAsync("county1");

        var form = await county.GetStringAsync($"/Monitoring/Visit?household={app.Household1Id}");

        Assert.Contains("href=\"/Monitoring/Visit\"", await county.GetStringAsync("/"));
        Assert.DoesNotContain("value=\"CadreVisit\"", form);
        Assert.Matches("checked=\"checked\"[^>]*value=\"SelfDeclaration\"|value=\"SelfDeclaration\"[^>]*checked", form);
    }

    [Fact]
    public async Task An_account_of_several_villages_reaches_the_board_of_each()
    {
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
            var created = await users.CreateAsync(new FanghuUser
            {
                UserName = "villages12",
                DisplayName = "两村 测试",
                Role = Role.Village,
                DivisionCodes = [FanghuWebApp.Village1, FanghuWebApp.Village2],
            }, FanghuWebApp.Password);
            Assert.True(created.Succeeded);
        }
        var both = await app.SignedInAsync("villages12");

        var board = await both.GetStringAsync("/Monitoring/Board");

        Assert.Contains($"href=\"/Monitoring/Board?division={FanghuWebApp.Village1}\" class=\"on\"", board);
        Assert.Contains($"href=\"/Monitoring/Board?division={FanghuWebApp.Village2}\"", board);
        Assert.Contains("测试二村", board);
        var one = await app.SignedInAsync("village1");
        Assert.DoesNotContain("class=\"tabs", await one.GetStringAsync("/Monitoring/Board"));
    }

    [Fact]
    public async Task Those_who_review_an_elimination_see_the_criteria_stored_with_the_proposal()
    {
        var householdId = await AddHouseholdAsync("T533401100001-0011", "孙消除", "53340119920909009");
        var village = await app.SignedInAsync("village1");
        var caseId = await RecordVisitAsync(village, householdId);
        var casePath = $"/Monitoring/Case/{caseId}";
        var snapshot = System.Text.Json.JsonSerializer.Serialize(new EliminationCheck(EliminationMethod.ThroughAssistance, Today(),
            [new Criterion("纳入监测满 6 个月", true, "已满 7 个月"), new Criterion("收入稳定超过监测范围", true, "折合人均年纯收入 12,000 元")]));
        await SetEliminationAsync(caseId, CaseStage.EliminationTownshipReview, snapshot);
        var township = await app.SignedInAsync("township1");

        var page = await township.GetStringAsync(casePath);
        var elimination = await village.GetStringAsync($"/Monitoring/Elimination/{caseId}");
        await SetEliminationAsync(caseId, CaseStage.EliminationCountyApproval, "{}");
        var empty = await township.GetAsync(casePath);

        Assert.Contains("风险消除依据", page);
        Assert.Contains("帮扶消除", page);
        Assert.Contains("折合人均年纯收入 12,000 元", page);
        Assert.Contains("name=\"Decision.On\"", page);
        Assert.Contains("折合人均年纯收入 12,000 元", elimination);
        Assert.DoesNotContain("Assess.AssessedOn", elimination);
        Assert.DoesNotContain("Propose.On", elimination);
        Assert.Contains($"href=\"{casePath}\"", elimination);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Contains("风险消除依据", emptyPage);
        Assert.DoesNotContain("申请时核查的消除条件", emptyPage);
    }

    [Fact]
    public async Task The_case_page_and_the_queue_read_in_English_when_asked()
    {
        var village = await app.SignedInAsync("village1");
        var caseId = await CaseOfAsync(app.Household1Id);
        await village.GetAsync("/culture/en");

        var page = await village.GetStringAsync($"/Monitoring/Case/{caseId}");
        var queue = await village.GetStringAsync("/Monitoring");

        Assert.Contains("Under assistance", page);
        Assert.Contains("01 Illness", page);
        Assert.Contains("Risk elimination check", page);
        Assert.Contains("Home verification", queue);
    }

    private static (string, string)[] Guarantees(string prefix) =>
        [.. Enum.GetValues<GuaranteeAspect>().SelectMany((a, i) => new[]
            { ($"{prefix}.Guarantees[{i}].Aspect", a.ToString()), ($"{prefix}.Guarantees[{i}].Status", "secure") })];

    /// <summary>Posts one step of the case page's forms with the version the page shows, and expects the redirect back (PRG).</summary>
    private static async Task Step(HttpClient client, string casePath, string handler, params (string, string)[] fields)
    {
        var page = await client.GetStringAsync(casePath);
        var version = Version(page);
        var response = await Post(client, $"{casePath}?handler={handler}", page, version.Length > 0 ? [("Version", version), .. fields] : fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"{handler} was refused ({(int)response.StatusCode}): "
                + string.Join(" | ", Alert().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value.Trim())));
        Assert.Equal(casePath, Redirected(response));
    }

    private async Task<long> RecordVisitAsync(HttpClient client, long householdId)
    {
        var form = await client.GetStringAsync($"/Monitoring/Visit?household={householdId}");
        await Post(client, "/Monitoring/Visit", form, ("Visit.HouseholdId", $"{householdId}"), ("Visit.Channel", "CadreVisit"),
            ("Visit.ReportedOn", Iso(Today())), ("Visit.Summary", "走访发现困难"), ("Visit.Risks", "07"));
        return long.Parse(CaseLink().Match(await client.GetStringAsync("/Monitoring/Visit")).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string action, string page, params (string, string)[] fields) =>
        FanghuWebApp.PostFormAsync(client, action, page, fields);

    private static string Redirected(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private DateOnly Today() => app.Clock.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    private async Task<long> AddHouseholdAsync(string number, string head, params string[] ids)
    {
        await using var db = app.Database.Context();
        var h = new Household(number, DivisionCode.Parse(FanghuWebApp.Village1), HouseholdType.Ordinary);
        for (var i = 0; i < ids.Length; i++)
            h.AddMember(i == 0 ? head : head + "之妻", FanghuWebApp.Id(ids[i]), new PersonDetails(i == 0 ? Relation.Head : Relation.Spouse,
                "汉族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool, Employment.WithinCounty, 6, true, true, null));
        db.Households.Add(h);
        await db.SaveChangesAsync();
        return h.Id;
    }

    /// <summary>Puts a case at an elimination stage with the given snapshot, as a proposal would have left it.</summary>
    private async Task SetEliminationAsync(long caseId, CaseStage stage, string snapshot)
    {
        await using var db = app.Database.Context();
        var today = Today();
        await db.MonitoringCases.Where(c => c.Id == caseId).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Stage, stage).SetProperty(c => c.EliminationMethod, EliminationMethod.ThroughAssistance)
            .SetProperty(c => c.EliminationProposedOn, today).SetProperty(c => c.EliminationSnapshot, snapshot)
            .SetProperty(c => c.Version, c => c.Version + 1));
    }

    private static string Chinese(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    private async Task<long> CaseOfAsync(long householdId)
    {
        await using var db = app.Database.Context();
        return db.MonitoringCases.Where(c => c.HouseholdId == householdId).OrderBy(c => c.Episode).Select(c => c.Id).First();
    }

    [GeneratedRegex("href=\"/Monitoring/Case/(\\d+)\"")]
    private static partial Regex CaseLink();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"Answer.ObjectionId\" value=\"(\\d+)\"")]
    private static partial Regex ObjectionId();

    [GeneratedRegex("<div class=\"alert\" role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Alert();
}

internal static class FormPosts
{
    /// <summary>Posts a form that is expected to be shown again (200) with a message next to it; returns the page.</summary>
    public static async Task<string> PostFormAsyncOk(this HttpClient client, string action, string page, params (string, string)[] fields)
    {
        var response = await FanghuWebApp.PostFormAsync(client, action, page, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
