using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>风险消除: the check page shows each precondition with its data, and the proposal waits for all of them.</summary>
public sealed class EliminationJourneys(BrowserApp app) : WorkflowJourney(app)
{
    private const string Months = "纳入监测满 6 个月", Measures = "至少落实 1 项帮扶措施", Income = "收入稳定超过监测范围（近 6 个月评估）",
        Guarantees = "“两不愁三保障”及饮水安全有保障", Labour = "不是整户无劳动能力";

    [BrowserFact]
    public Task A_proposal_waits_until_every_criterion_is_met_then_goes_to_the_village_review() => Walk(async () =>
    {
        var c = await CaseReadyButForMeasuresAndIncomeAsync();
        var page = await SignedInPageAsync("village");
        await page.GotoAsync($"/Monitoring/Case/{c.Id}");
        await Link(page, "风险消除核查").ClickAsync();

        // Two criteria fail, each saying what it found; the proposal is not offered.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"风险消除 · 户 {c.Number}");
        await ExpectCriterion(page, Months, met: true, $"{Chinese(c.IdentifiedOn)} 审定纳入");
        await ExpectCriterion(page, Measures, met: false, "实施中或已完成的措施 0 项");
        await ExpectCriterion(page, Income, met: false, "尚无收入评估，请先录入近期家庭纯收入");
        await ExpectCriterion(page, Guarantees, met: true, "吃穿不愁：有保障");
        await ExpectCriterion(page, Labour, met: true, "其中有劳动能力");
        await Expect(page.GetByText("尚有条件未满足，暂不能申请风险消除。")).ToBeVisibleAsync();
        await Expect(page.GetByText("条件未全部满足时不能申请。")).ToBeVisibleAsync();
        await Expect(Button(page, "申请风险消除")).ToBeDisabledAsync();

        // 自然消除 asks for no measure.
        await Link(page, "自然消除").ClickAsync();
        await ExpectCriterion(page, "帮扶措施", met: true, "自然消除不要求落实帮扶措施（已落实 0 项）");
        await Link(page, "帮扶消除").ClickAsync();
        await ExpectCriterion(page, Measures, met: false, "实施中或已完成的措施 0 项");

        // A measure under way a month already, then the income of the last six months.
        await Link(page, $"监测案件 · 户 {c.Number}").ClickAsync();
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "添加措施" }) });
        await form.GetByLabel("措施类型").SelectOptionAsync(new SelectOptionValue { Label = "公益岗位" });
        await form.GetByLabel("措施内容").FillAsync("安排村级保洁员公益岗位");
        await form.GetByLabel("责任单位").FillAsync("建塘镇人民政府");
        await form.GetByLabel("责任人").FillAsync("和镇长");
        await form.GetByLabel("开始日期").FillAsync(Iso(Today.AddDays(-30)));
        await form.GetByLabel("状态").SelectOptionAsync(new SelectOptionValue { Label = "实施中" });
        await Button(page, "添加措施").ClickAsync();
        await Expect(page.GetByText("帮扶措施已添加")).ToBeVisibleAsync();
        await Link(page, "风险消除核查").ClickAsync();
        await ExpectCriterion(page, Measures, met: true, "实施中或已完成的措施 1 项");

        await Expect(page.GetByLabel("评估日期")).ToHaveValueAsync(Iso(Today));
        await Expect(page.GetByLabel("评估期（月）")).ToHaveValueAsync("6");
        await page.GetByLabel("评估期内家庭纯收入（元）").FillAsync("60000");
        await Button(page, "保存收入评估").ClickAsync();
        await Expect(page.GetByText("收入评估已保存")).ToBeVisibleAsync();
        await ExpectCriterion(page, Income, met: true, "家庭纯收入 60,000 元");
        await Expect(page.GetByText("全部条件已满足，可以申请风险消除。")).ToBeVisibleAsync();
        await Expect(Button(page, "申请风险消除")).ToBeEnabledAsync();
        await ShowcaseAsync(page, "elimination");

        // Dated yesterday, the proposal is judged on what was known then: no income assessment yet.
        var propose = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "申请风险消除" }) });
        await propose.GetByLabel("申请日期").FillAsync(Iso(Today.AddDays(-1)));
        await Button(page, "申请风险消除").ClickAsync();
        await Expect(propose.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"不满足风险消除条件：{Income}");
        await Expect(propose.GetByLabel("申请日期")).ToHaveValueAsync(Iso(Today.AddDays(-1)));

        await propose.GetByLabel("申请日期").FillAsync(Iso(Today));
        await Button(page, "申请风险消除").ClickAsync();
        await Expect(page.GetByText("已申请风险消除，进入民主评议")).ToBeVisibleAsync();
        await Expect(Stage(page)).ToHaveTextAsync("风险消除·民主评议");
        var basis = page.Locator("section#elimination");
        await Expect(basis.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("风险消除依据");
        await Expect(basis).ToContainTextAsync("帮扶消除");
        await Expect(basis.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(5);
        await Expect(basis.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "未满足" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "办理：风险消除·民主评议" })).ToBeVisibleAsync();

        await using var db = App.Database();
        var saved = await db.MonitoringCases.SingleAsync(x => x.Id == c.Id);
        Assert.Equal((CaseStage.EliminationVillageReview, EliminationMethod.ThroughAssistance, Today),
            (saved.Stage, saved.EliminationMethod, saved.EliminationProposedOn));
        Assert.Contains("家庭纯收入 60,000 元", saved.EliminationSnapshot);
    });

    [BrowserFact]
    public Task A_household_without_labour_capacity_shows_why_it_stays_under_monitoring() => Walk(async () =>
    {
        long id;
        await using (var db = App.Database())
            id = await db.MonitoringCases.Where(c => c.Stage == CaseStage.Monitored && VillageAccountVillages.Contains(c.Household.VillageCode)
                    && (c.Household.Flags & HouseholdFlags.NoLabourCapacity) != 0)
                .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();

        var page = await SignedInPageAsync("village", Screen.Phone);
        await page.GotoAsync($"/Monitoring/Elimination/{id}?method=Natural");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "自然消除" })).ToHaveClassAsync("on");
        await ExpectCriterion(page, Labour, met: false, "标注为整户无劳动能力户，应长期纳入监测、落实兜底保障");
        await Expect(Button(page, "申请风险消除")).ToBeDisabledAsync();
    });

    /// <summary>A criterion of the list: its name, 已满足 or 未满足, and the data behind it.</summary>
    private static async Task ExpectCriterion(IPage page, string name, bool met, string data)
    {
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByText(name, new() { Exact = true }) });
        await Expect(item).ToContainTextAsync(met ? "已满足" : "未满足");
        await Expect(item).ToContainTextAsync(data);
    }

    private sealed record Pick(long Id, string Number, DateOnly IdentifiedOn);

    /// <summary>
    /// A case of the village account identified more than seven months ago, of a household that can work and is
    /// secure in all five guarantees, with no measure and no income assessment yet: only those two criteria fail.
    /// </summary>
    private async Task<Pick> CaseReadyButForMeasuresAndIncomeAsync()
    {
        await using var db = App.Database();
        var today = Today;
        var cases = await db.MonitoringCases.Include(c => c.Household).ThenInclude(h => h.Members)
            .Where(c => c.Stage == CaseStage.Monitored && VillageAccountVillages.Contains(c.Household.VillageCode)
                && c.IdentifiedOn < today.AddMonths(-7) && !db.Measures.Any(m => m.CaseId == c.Id)
                && !db.IncomeAssessments.Any(a => a.HouseholdId == c.HouseholdId))
            .OrderBy(c => c.Id).ToListAsync();
        var ids = cases.Select(c => c.HouseholdId).ToList();
        var checks = await db.GuaranteeChecks.Where(g => ids.Contains(g.HouseholdId)).ToListAsync();
        bool Secure(long household) => Enum.GetValues<GuaranteeAspect>().All(a => checks
            .Where(g => g.HouseholdId == household && g.Aspect == a && g.CheckedOn <= today)
            .OrderByDescending(g => g.CheckedOn).ThenByDescending(g => g.Id).FirstOrDefault() is { Secure: true });
        var pick = cases.First(c => c.Household.HasLabourCapacityOn(today) && Secure(c.HouseholdId));
        return new Pick(pick.Id, pick.Household.Number, pick.IdentifiedOn!.Value);
    }
}
