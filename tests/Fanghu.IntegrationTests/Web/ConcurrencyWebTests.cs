using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
/// Two officers acting on the same case at once, over HTTP with two signed-in accounts (issue 8, ADR 0018): the
/// version each page or API read travels with the post; the first wins, the second is told who acted and when —
/// on the page with what was typed kept, through the API as a 409 ProblemDetails — and the case has one step.
/// </summary>
public sealed partial class ConcurrencyWebTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    private static int _households;

    [Fact]
    public async Task Two_township_officers_approving_the_same_case_from_their_pages_one_wins_and_the_other_is_told_who_and_when()
    {
        var caseId = await CaseAtTownshipReviewAsync();
        var path = $"/Monitoring/Case/{caseId}";
        var first = await app.SignedInAsync("township1");
        var second = await SignedInAsNewAsync("township-b", Role.Township, "533401100");
        var firstPage = await first.GetStringAsync(path);
        var secondPage = await second.GetStringAsync(path);

        var won = await FanghuWebApp.PostFormAsync(first, $"{path}?handler=Approve", firstPage, ("Version", Version(firstPage)),
            ("Decision.On", Iso(Today)), ("Decision.Text", "审核通过"));
        var lost = await second.PostFormAsyncOk($"{path}?handler=Approve", secondPage, ("Version", Version(secondPage)),
            ("Decision.On", Iso(Today)), ("Decision.Text", "同意，报县审定"));

        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        Assert.Matches(@"该案件已被 township1 测试 于 \d+月\d+日 \d\d:\d\d 办理或修改，您看到的是旧版本", lost);
        Assert.Contains("您填写的内容未丢失", lost);
        var steps = await StepsAsync(caseId, StepKind.TownshipApproved);
        Assert.Equal("审核通过", Assert.Single(steps).Note);
    }

    [Fact]
    public async Task Two_officers_adding_a_measure_from_the_same_page_the_second_is_refused_and_keeps_what_was_typed()
    {
        var caseId = await MonitoredCaseAsync();
        var path = $"/Monitoring/Case/{caseId}";
        var first = await app.SignedInAsync("village1");
        var second = await SignedInAsNewAsync("village-b", Role.Village, FanghuWebApp.Village1);
        var firstPage = await first.GetStringAsync(path);
        var secondPage = await second.GetStringAsync(path);

        var won = await FanghuWebApp.PostFormAsync(first, $"{path}?handler=Measure", firstPage, [("Version", Version(firstPage)), .. Measure("落实医疗救助")]);
        var lost = await second.PostFormAsyncOk($"{path}?handler=Measure", secondPage, [("Version", Version(secondPage)), .. Measure("安排公益岗位一个")]);

        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        Assert.Contains("您看到的是旧版本", lost);
        Assert.Contains("您填写的内容未丢失", lost);
        Assert.Contains("安排公益岗位一个</textarea>", lost);
        Assert.Equal(["落实医疗救助"], await MeasuresAsync(caseId));

        // The page shown again carries the new version: the same input, posted again after a look, is saved.
        var again = await FanghuWebApp.PostFormAsync(second, $"{path}?handler=Measure", lost, [("Version", Version(lost)), .. Measure("安排公益岗位一个")]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(["落实医疗救助", "安排公益岗位一个"], await MeasuresAsync(caseId));
    }

    [Fact]
    public async Task Parallel_approvals_of_the_same_case_with_the_same_version_one_succeeds_the_rest_get_409_and_one_step_is_recorded()
    {
        const int Requests = 6;
        var caseId = await CaseAtTownshipReviewAsync();
        var officers = new[] { await app.SignedInAsync("township1"), await SignedInAsNewAsync("township-c", Role.Township, "533401100") };
        var seen = (await officers[0].GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}")).GetProperty("version").GetInt32();

        // All requests are sent before any answer is read: they run at the same time, each with the version it read.
        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => officers[i % 2].PostAsJsonAsync(
            $"/api/v1/cases/{caseId}/decision", new { version = seen, decision = "approve", on = Today, text = $"审核意见 {i}" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(Requests - 1, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("数据已被他人修改", problem.GetProperty("title").GetString());
            Assert.Contains("您看到的是旧版本", problem.GetProperty("detail").GetString());
        }
        Assert.Single(await StepsAsync(caseId, StepKind.TownshipApproved));
        await using var db = app.Database.Context();
        var stored = await db.MonitoringCases.SingleAsync(c => c.Id == caseId);
        Assert.Equal((CaseStage.CountyApproval, seen + 1), (stored.Stage, stored.Version));
    }

    [Fact]
    public async Task Parallel_visits_to_a_household_without_an_open_case_open_one_case_and_a_clash_is_a_409_never_a_500()
    {
        const int Requests = 6;
        var householdId = await HouseholdAsync();
        var officers = new[] { await app.SignedInAsync("village1"), await SignedInAsNewAsync("village-c", Role.Village, FanghuWebApp.Village1) };

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => officers[i % 2].PostAsJsonAsync("/api/v1/leads",
            new { householdId, channel = "CadreVisit", reportedOn = Today, summary = $"走访发现困难 {i}", riskTypes = new[] { "07" } })));

        // Each visit is either recorded (opening the case, or joining it once opened) or refused as a conflict.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var recorded = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        await using var db = app.Database.Context();
        Assert.Equal(1, await db.MonitoringCases.CountAsync(c => c.HouseholdId == householdId));
        Assert.Equal(recorded, await db.Leads.CountAsync(l => l.HouseholdId == householdId));
    }

    [Fact]
    public async Task An_api_write_without_the_version_it_read_is_a_400_and_changes_nothing()
    {
        var caseId = await CaseAtTownshipReviewAsync();
        var township = await app.SignedInAsync("township1");

        var response = await township.PostAsJsonAsync($"/api/v1/cases/{caseId}/decision", new { decision = "approve", on = Today });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("version", out _));
        Assert.Empty(await StepsAsync(caseId, StepKind.TownshipApproved));
    }

    private DateOnly Today => app.Clock.Today();

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static string Version(string page) => VersionField().Match(page).Groups[1].Value;

    private (string, string)[] Measure(string content) =>
    [
        ("Measure.Type", "Health"), ("Measure.Content", content), ("Measure.ResponsibleUnit", "县医保局"),
        ("Measure.ResponsiblePerson", "王医保"), ("Measure.StartOn", Iso(Today)), ("Measure.Status", "InProgress"),
    ];

    /// <summary>A second officer of the same level and division, so that two accounts act on the same case.</summary>
    private async Task<HttpClient> SignedInAsNewAsync(string userName, Role role, string division)
    {
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var created = await users.CreateAsync(new FanghuUser
                {
                    UserName = userName,
                    DisplayName = userName + " 测试",
                    Role = role,
                    DivisionCodes = [division],
                }, FanghuWebApp.Password);
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        return await app.SignedInAsync(userName);
    }

    /// <summary>A household of village 1 under monitoring (a migrated record), whose plan takes measures.</summary>
    private async Task<long> MonitoredCaseAsync()
    {
        var householdId = await HouseholdAsync();
        await using var db = app.Database.Context();
        var h = await db.Households.SingleAsync(x => x.Id == householdId);
        var c = new MonitoringCase(h, 1, MonitoringCategory.Unified, ["01"], Today.AddMonths(-1), CaseOrigin.Imported);
        db.MonitoringCases.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private async Task<long> HouseholdAsync()
    {
        await using var db = app.Database.Context();
        var n = Interlocked.Increment(ref _households);
        var h = new Household($"T533401100001-08{n:00}", DivisionCode.Parse(FanghuWebApp.Village1), HouseholdType.Ordinary);
        h.AddMember($"并发测{n}", FanghuWebApp.Id($"533401{new DateOnly(1980, 1, 1).AddDays(n):yyyyMMdd}301"), new PersonDetails(Relation.Head, "汉族",
            HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool, Employment.WithinCounty, 6, true, true, null));
        db.Households.Add(h);
        await db.SaveChangesAsync();
        return h.Id;
    }

    /// <summary>A case waiting for the township's review since today, as the village's notice would have left it.</summary>
    private async Task<long> CaseAtTownshipReviewAsync()
    {
        var caseId = await MonitoredCaseAsync();
        await using var db = app.Database.Context();
        var today = Today;
        await db.MonitoringCases.Where(c => c.Id == caseId).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Stage, CaseStage.TownshipReview).SetProperty(c => c.StageEnteredOn, today)
            .SetProperty(c => c.IdentifiedOn, (DateOnly?)null));
        return caseId;
    }

    private async Task<List<CaseStep>> StepsAsync(long caseId, StepKind kind)
    {
        await using var db = app.Database.Context();
        return await db.CaseSteps.Where(s => s.CaseId == caseId && s.Kind == kind).ToListAsync();
    }

    private async Task<List<string>> MeasuresAsync(long caseId)
    {
        await using var db = app.Database.Context();
        return await db.Measures.Where(m => m.CaseId == caseId).OrderBy(m => m.Id).Select(m => m.Content).ToListAsync();
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
