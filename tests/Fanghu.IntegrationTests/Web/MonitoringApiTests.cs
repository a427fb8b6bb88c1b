using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Web;

/// <summary>The workflow API (/api/v1) through HTTP, as a program driving the monitoring workflow would use it.</summary>
public sealed class MonitoringApiTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private static int _people;

    /// <summary>A household of two working adults in the given village, with no case yet.</summary>
    private async Task<long> NewHouseholdAsync(string number, string village = FanghuWebApp.Village1)
    {
        await using var db = app.Database.Context();
        var h = new Household(number, DivisionCode.Parse(village), HouseholdType.Ordinary);
        foreach (var relation in new[] { Relation.Head, Relation.Spouse })
        {
            var n = Interlocked.Increment(ref _people);
            h.AddMember($"接口测{n}", FanghuWebApp.Id($"533401{new DateOnly(1990, 1, 1).AddDays(n):yyyyMMdd}101"), new PersonDetails(relation, "藏族", HealthStatus.Healthy,
                null, LabourCapacity.Ordinary, Schooling.NotInSchool, Employment.WithinCounty, 6, true, true, null));
        }
        db.Households.Add(h);
        await db.SaveChangesAsync();
        return h.Id;
    }

    private DateOnly Today => app.Clock.Today();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> Expect(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts a refusal: the status, ProblemDetails, and the reason people are told.</summary>
    private static async Task<string> Refused(HttpStatusCode status, HttpResponseMessage response)
    {
        var problem = await Expect(status, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }

    private static int VersionOf(JsonElement @case) => @case.GetProperty("version").GetInt32();

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    private async Task<long> OpenCaseAsync(HttpClient village, long householdId)
    {
        var lead = await Expect(HttpStatusCode.Created, await Post(village, "/api/v1/leads",
            new { householdId, channel = "CadreVisit", reportedOn = Today, summary = "户主突发重病住院，医疗支出大", riskTypes = new[] { "01" } }));
        return lead.GetProperty("caseId").GetInt64();
    }

    [Fact]
    public async Task A_case_goes_from_a_cadres_lead_through_review_notice_objection_and_approvals_to_a_plan_that_cannot_yet_be_eliminated()
    {
        var householdId = await NewHouseholdAsync("T533401100001-0101");
        var village = await app.SignedInAsync("village1");
        var start = Today;

        var leadResponse = await Post(village, "/api/v1/leads", new
        {
            householdId,
            channel = "CadreVisit",
            reportedOn = start,
            summary = "户主突发重病住院，医疗支出大",
            riskTypes = new[] { "01" },
            reporter = "驻村工作队 王队员",
            estimatedIncome12Months = 12000m,
            guarantees = new[] { new { aspect = "BasicMedical", secure = true, evidence = "已参保" } },
        });
        var lead = await Expect(HttpStatusCode.Created, leadResponse);
        var caseId = lead.GetProperty("caseId").GetInt64();
        Assert.True(lead.GetProperty("openedCase").GetBoolean());
        Assert.False(lead.GetProperty("reEntry").GetBoolean());
        Assert.False(lead.GetProperty("duplicate").GetBoolean());
        Assert.True(lead.GetProperty("leadId").GetInt64() > 0);
        Assert.Equal($"/api/v1/cases/{caseId}", leadResponse.Headers.Location?.OriginalString);

        var queue = await Expect(HttpStatusCode.OK, await village.GetAsync("/api/v1/cases?stage=verification"));
        Assert.Contains(queue.EnumerateArray(), r => r.GetProperty("caseId").GetInt64() == caseId && r.GetProperty("stage").GetString() == "Verification");

        var @case = await Expect(HttpStatusCode.OK, await village.GetAsync($"/api/v1/cases/{caseId}"));
        Assert.Equal("Verification", @case.GetProperty("stage").GetString());
        Assert.Equal("Village", @case.GetProperty("owner").GetString());

        // The county cannot approve what the village has not verified.
        var county = await app.SignedInAsync("county1");
        Assert.Contains("入户核实", await Refused(HttpStatusCode.Conflict,
            await Post(county, $"/api/v1/cases/{caseId}/decision", new { version = VersionOf(@case), decision = "approve", on = start })));

        var verification = new
        {
            version = VersionOf(@case) + 5,
            visitedOn = start,
            propose = true,
            consentOn = start,
            category = "Unified",
            riskTypes = new[] { "01" },
            income12Months = 12000m,
            note = "入户核实属实",
            guarantees = new[] { new { aspect = "FoodAndClothing", secure = true } },
        };
        Assert.Contains("刷新", await Refused(HttpStatusCode.Conflict, await Post(village, $"/api/v1/cases/{caseId}/verification", verification)));
        @case = await Expect(HttpStatusCode.OK, await Post(village, $"/api/v1/cases/{caseId}/verification", verification with { version = VersionOf(@case) }));
        Assert.Equal("VillageReview", @case.GetProperty("stage").GetString());
        Assert.Equal("Unified", @case.GetProperty("category").GetString());

        @case = await Expect(HttpStatusCode.OK, await Post(village, $"/api/v1/cases/{caseId}/village-review", new
        {
            version = VersionOf(@case),
            heldOn = start,
            attendees = 15,
            votesFor = 13,
            votesAgainst = 1,
            minutes = "村民代表评议同意纳入",
            noticeStartsOn = start,
        }));
        Assert.Equal("PublicNotice", @case.GetProperty("stage").GetString());

        @case = await Expect(HttpStatusCode.Created, await Post(village, $"/api/v1/cases/{caseId}/objections", new
        {
            version = VersionOf(@case),
            raisedOn = start,
            raisedBy = "村民甲",
            content = "该户有一辆货车，收入不低",
        }));
        Assert.True(@case.GetProperty("paused").GetBoolean());
        var objectionId = @case.GetProperty("objections")[0].GetProperty("id").GetInt64();
        Assert.Contains("异议", await Refused(HttpStatusCode.Conflict,
            await Post(village, $"/api/v1/cases/{caseId}/notice/close", new { version = VersionOf(@case), closedOn = start })));

        // A day later the village answers; the notice stood still that day, so it now ends a day later.
        app.Clock.PassDays(1);
        village = await app.SignedInAsync("village1");
        @case = await Expect(HttpStatusCode.OK, await Post(village, $"/api/v1/cases/{caseId}/objections/{objectionId}/answer", new
        {
            version = VersionOf(@case),
            answeredOn = Today,
            response = "货车已于去年变卖，经核实异议不成立",
            upheld = false,
        }));
        Assert.False(@case.GetProperty("paused").GetBoolean());
        Assert.Equal(start.AddDays(6).ToString("yyyy-MM-dd"), @case.GetProperty("noticeEndsOn").GetString());
        Assert.Contains("公示须满", await Refused(HttpStatusCode.Conflict,
            await Post(village, $"/api/v1/cases/{caseId}/notice/close", new { version = VersionOf(@case), closedOn = Today })));

        app.Clock.PassDays(5);
        village = await app.SignedInAsync("village1");
        var township = await app.SignedInAsync("township1");
        county = await app.SignedInAsync("county1");
        @case = await Expect(HttpStatusCode.OK, await Post(village, $"/api/v1/cases/{caseId}/notice/close", new { version = VersionOf(@case), closedOn = Today }));
        Assert.Equal("TownshipReview", @case.GetProperty("stage").GetString());

        // The village cannot do the township's review; the township's queue shows the case.
        Assert.Contains("乡镇", await Refused(HttpStatusCode.Conflict,
            await Post(village, $"/api/v1/cases/{caseId}/decision", new { version = VersionOf(@case), decision = "approve", on = Today })));
        var townshipQueue = await Expect(HttpStatusCode.OK, await township.GetAsync("/api/v1/cases"));
        Assert.Contains(townshipQueue.EnumerateArray(), r => r.GetProperty("caseId").GetInt64() == caseId);

        @case = await Expect(HttpStatusCode.OK, await Post(township, $"/api/v1/cases/{caseId}/decision",
            new { version = VersionOf(@case), decision = "approve", on = Today, text = "审核通过" }));
        Assert.Equal("CountyApproval", @case.GetProperty("stage").GetString());
        @case = await Expect(HttpStatusCode.OK, await Post(county, $"/api/v1/cases/{caseId}/decision",
            new { version = VersionOf(@case), decision = "Approve", on = Today, text = "同意纳入监测" }));
        Assert.Equal("Monitored", @case.GetProperty("stage").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), @case.GetProperty("identifiedOn").GetString());

        var measure = new
        {
            version = VersionOf(@case),
            type = "Health",
            content = "落实医疗救助和大病保险报销",
            responsibleUnit = "县医保局",
            responsiblePerson = "李医保",
            startOn = Today,
            status = "InProgress",
            amount = 3000m,
        };
        var saved = await Expect(HttpStatusCode.Created, await Post(village, $"/api/v1/cases/{caseId}/measures", measure));
        var measureId = saved.GetProperty("measureId").GetInt64();
        var measureVersion = saved.GetProperty("case").GetProperty("measures")[0].GetProperty("version").GetInt32();
        Assert.Empty(saved.GetProperty("case").GetProperty("risksWithoutMeasure").EnumerateArray());

        var completed = new
        {
            version = measureVersion,
            measure.type,
            measure.content,
            measure.responsibleUnit,
            measure.responsiblePerson,
            measure.startOn,
            endOn = Today,
            status = "Completed",
            effect = "报销后自付降至 2000 元"
        };
        var updated = await Expect(HttpStatusCode.OK, await village.PutAsJsonAsync($"/api/v1/cases/{caseId}/measures/{measureId}", completed));
        Assert.Equal("Completed", updated.GetProperty("case").GetProperty("measures")[0].GetProperty("status").GetString());
        Assert.Contains("刷新", await Refused(HttpStatusCode.Conflict,
            await village.PutAsJsonAsync($"/api/v1/cases/{caseId}/measures/{measureId}", completed)));

        // Just identified: the elimination check shows what is missing, and a proposal is refused with it.
        var check = await Expect(HttpStatusCode.OK, await village.GetAsync($"/api/v1/cases/{caseId}/elimination-check?method=throughAssistance"));
        var unmet = check.GetProperty("criteria").EnumerateArray().Where(c => !c.GetProperty("met").GetBoolean())
            .Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Contains(unmet, n => n.StartsWith("纳入监测满", StringComparison.Ordinal));
        Assert.DoesNotContain(unmet, n => n.StartsWith("至少落实", StringComparison.Ordinal));
        var reason = await Refused(HttpStatusCode.Conflict, await Post(village, $"/api/v1/cases/{caseId}/elimination",
            new { version = VersionOf(updated.GetProperty("case")), on = Today, method = "ThroughAssistance" }));
        Assert.StartsWith("不满足风险消除条件", reason);
        Assert.Contains("纳入监测满", reason);

        var assessed = await Expect(HttpStatusCode.Created, await Post(village, $"/api/v1/cases/{caseId}/income-assessments",
            new { assessedOn = Today, months = 6, netIncome = 15000m, note = "务工收入恢复" }));
        Assert.Equal("Monitored", assessed.GetProperty("stage").GetString());

        var timeline = await Expect(HttpStatusCode.OK, await village.GetAsync($"/api/v1/households/{householdId}/timeline"));
        var what = timeline.EnumerateArray().Select(e => e.GetProperty("what").GetString()).ToList();
        Assert.Contains(what, w => w!.StartsWith("线索", StringComparison.Ordinal));
        Assert.Contains(what, w => w!.StartsWith("帮扶措施", StringComparison.Ordinal));
        Assert.True(what.Count >= 9, string.Join(" / ", what));
    }

    [Fact]
    public async Task Another_villages_account_gets_404_for_the_case_its_steps_and_the_households_timeline()
    {
        var householdId = await NewHouseholdAsync("T533401100001-0102");
        var caseId = await OpenCaseAsync(await app.SignedInAsync("village1"), householdId);
        var village2 = await app.SignedInAsync("village2");

        Assert.Contains("管辖范围", await Refused(HttpStatusCode.NotFound, await village2.GetAsync($"/api/v1/cases/{caseId}")));
        await Refused(HttpStatusCode.NotFound, await Post(village2, $"/api/v1/cases/{caseId}/verification",
            new { version = 0, visitedOn = Today, propose = false, dismissReason = "不属实" }));
        await Refused(HttpStatusCode.NotFound, await village2.GetAsync($"/api/v1/cases/{caseId}/elimination-check?method=Natural"));
        await Refused(HttpStatusCode.NotFound, await village2.GetAsync($"/api/v1/households/{householdId}/timeline"));
        await Refused(HttpStatusCode.NotFound, await Post(village2, "/api/v1/leads",
            new { householdId, channel = "CadreVisit", reportedOn = Today, summary = "走访发现" }));
        var queue = await Expect(HttpStatusCode.OK, await village2.GetAsync("/api/v1/cases"));
        Assert.DoesNotContain(queue.EnumerateArray(), r => r.GetProperty("caseId").GetInt64() == caseId);
    }

    [Fact]
    public async Task Bad_bodies_are_400_problem_details_never_500()
    {
        var householdId = await NewHouseholdAsync("T533401100001-0103");
        var village = await app.SignedInAsync("village1");
        var caseId = await OpenCaseAsync(village, householdId);

        async Task<JsonElement> BadRequest(HttpResponseMessage response)
        {
            var problem = await Expect(HttpStatusCode.BadRequest, response);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return problem;
        }

        HttpContent Raw(string json) => new StringContent(json, Encoding.UTF8, "application/json");

        var unreadable = await BadRequest(await village.PostAsync($"/api/v1/cases/{caseId}/verification", Raw("{\"visitedOn\": \"2026-01-")));
        Assert.Equal("请求内容有误", unreadable.GetProperty("title").GetString());
        Assert.Contains("JSON", unreadable.GetProperty("detail").GetString());
        await BadRequest(await village.PostAsync($"/api/v1/cases/{caseId}/verification", Raw("[1,2]")));
        await BadRequest(await village.PostAsync($"/api/v1/cases/{caseId}/verification", Raw("")));
        await BadRequest(await village.PostAsync($"/api/v1/cases/{caseId}/verification", Raw("{\"visitedOn\": \"yesterday\", \"propose\": true}")));
        await BadRequest(await village.PostAsync($"/api/v1/cases/{caseId}/decision", Raw("{\"decision\": \"maybe\", \"on\": \"2026-01-01\"}")));

        var missing = await BadRequest(await Post(village, $"/api/v1/cases/{caseId}/verification", new { note = "只有备注" }));
        var errors = missing.GetProperty("errors");
        Assert.True(errors.TryGetProperty("visitedOn", out _));
        Assert.True(errors.TryGetProperty("propose", out _));
        // Every write to a case carries the version its caller read (ADR 0018).
        Assert.True(errors.TryGetProperty("version", out _));

        var madeUp = await BadRequest(await Post(village, $"/api/v1/cases/{caseId}/decision", new { decision = 7, on = Today }));
        Assert.True(madeUp.GetProperty("errors").TryGetProperty("decision", out _));
        var channel = await BadRequest(await Post(village, "/api/v1/leads", new { householdId, channel = 9, reportedOn = Today, summary = "x" }));
        Assert.True(channel.GetProperty("errors").TryGetProperty("channel", out _));
        var both = await BadRequest(await Post(village, "/api/v1/leads",
            new { householdId, idNumber = "53340119800101001X", channel = "CadreVisit", reportedOn = Today, summary = "x" }));
        Assert.True(both.GetProperty("errors").TryGetProperty("householdId", out _));
        var guarantee = await BadRequest(await Post(village, "/api/v1/leads",
            new { householdId, channel = "CadreVisit", reportedOn = Today, summary = "x", guarantees = new[] { new { aspect = 42, secure = true } } }));
        Assert.True(guarantee.GetProperty("errors").TryGetProperty("guarantees[0].aspect", out _));

        await BadRequest(await village.GetAsync($"/api/v1/cases/{caseId}/elimination-check"));
        await BadRequest(await village.GetAsync($"/api/v1/cases/{caseId}/elimination-check?method=5"));
        await BadRequest(await village.GetAsync("/api/v1/cases?stage=later"));

        // Complete but wrong in substance is the workflow's refusal, with its reason.
        var version = VersionOf(await Expect(HttpStatusCode.OK, await village.GetAsync($"/api/v1/cases/{caseId}")));
        Assert.Contains("不能晚于今天", await Refused(HttpStatusCode.Conflict, await Post(village, $"/api/v1/cases/{caseId}/verification",
            new { version, visitedOn = Today.AddDays(3), propose = false, dismissReason = "不属实" })));
        Assert.Contains("风险类型", await Refused(HttpStatusCode.Conflict, await Post(village, "/api/v1/leads",
            new { householdId, channel = "CadreVisit", reportedOn = Today, summary = "x", riskTypes = new[] { "88" } })));
    }

    [Fact]
    public async Task A_department_reports_warnings_by_ID_number_once_but_reads_no_cases()
    {
        var department = await app.SignedInAsync("department1");
        var idNumber = FanghuWebApp.Id("53340119750505005").Value;
        var warning = new
        {
            idNumber,
            channel = "DepartmentWarning",
            reportedOn = Today,
            summary = "医保：年度自付医疗费用超过 2 万元",
            riskTypes = new[] { "01" },
            reporter = "县医保局",
            sourceKey = "医保:2026:0001",
        };

        var first = await Expect(HttpStatusCode.Created, await Post(department, "/api/v1/leads", warning));
        var again = await Expect(HttpStatusCode.OK, await Post(department, "/api/v1/leads", warning));
        // The department gets a receipt, not the case: whether the household is monitored is not its to see.
        Assert.Equal(0, first.GetProperty("caseId").GetInt64());
        Assert.False(first.GetProperty("openedCase").GetBoolean());
        long caseId;
        await using (var db = app.Database.Context())
            caseId = await db.Leads.Where(l => l.SourceKey == "医保:2026:0001").Select(l => l.CaseId).SingleAsync();

        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("leadId").GetInt64(), again.GetProperty("leadId").GetInt64());
        await Refused(HttpStatusCode.Forbidden, await Post(department, "/api/v1/leads",
            warning with { channel = "CadreVisit", sourceKey = "x" }));
        await Refused(HttpStatusCode.Forbidden, await Post(department, "/api/v1/leads",
            new { householdId = app.Household2Id, channel = "DepartmentWarning", reportedOn = Today, summary = "x" }));
        await Refused(HttpStatusCode.NotFound, await Post(department, "/api/v1/leads",
            warning with { idNumber = FanghuWebApp.Id("53340119990909009").Value, sourceKey = "医保:2026:0002" }));
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(department, $"/api/v1/cases/{caseId}/verification",
            new { version = 0, visitedOn = Today, propose = false, dismissReason = "不属实" })).StatusCode);

        var county = await app.SignedInAsync("county1");
        var @case = await Expect(HttpStatusCode.OK, await county.GetAsync($"/api/v1/cases/{caseId}"));
        Assert.Equal("DepartmentWarning", @case.GetProperty("leads")[0].GetProperty("channel").GetString());
    }

    [Fact]
    public async Task The_supervision_board_answers_in_scope_and_refuses_a_division_above_the_caller()
    {
        var village = await app.SignedInAsync("village1");
        var county = await app.SignedInAsync("county1");

        var own = await Expect(HttpStatusCode.OK, await village.GetAsync("/api/v1/supervision"));
        var board = await Expect(HttpStatusCode.OK, await county.GetAsync("/api/v1/supervision?division=533401"));

        Assert.Equal(FanghuWebApp.Village1, own.GetProperty("divisionCode").GetString());
        Assert.Equal("County", board.GetProperty("level").GetString());
        Assert.Equal("533401100", board.GetProperty("byChild")[0].GetProperty("code").GetString());
        await Refused(HttpStatusCode.Forbidden, await village.GetAsync("/api/v1/supervision?division=533401100"));
        await Refused(HttpStatusCode.NotFound, await county.GetAsync("/api/v1/supervision?division=533401199"));
        await Refused(HttpStatusCode.BadRequest, await county.GetAsync("/api/v1/supervision?division=5334011"));
    }

    [Fact]
    public async Task Only_county_and_admin_accounts_run_the_income_scan()
    {
        var village = await app.SignedInAsync("village1");
        var county = await app.SignedInAsync("county1");

        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsync("/api/v1/income-scan?year=2024", null)).StatusCode);
        await Refused(HttpStatusCode.BadRequest, await county.PostAsync("/api/v1/income-scan", null));
        var scan = await Expect(HttpStatusCode.OK, await county.PostAsync("/api/v1/income-scan?year=2024", null));
        var again = await Expect(HttpStatusCode.OK, await county.PostAsync("/api/v1/income-scan?year=2024", null));

        // Household 1 (6,333 元 per person in 2024) is a monitoring object already: the lead joins its case.
        Assert.Equal(1, scan.GetProperty("newLeads").GetInt32());
        Assert.Equal(0, scan.GetProperty("openedCases").GetInt32());
        Assert.Equal(0, again.GetProperty("newLeads").GetInt32());
        Assert.Equal(1, again.GetProperty("alreadyKnown").GetInt32());
    }
}
