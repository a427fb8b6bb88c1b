using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>
/// 识别纳入: a lead goes from a cadre's visit to county approval, each step taken by the role that owns it in its
/// own browser, the village on a phone and the offices at a desk.
/// </summary>
/// <remarks>
/// No clock is moved here: the app and its database are shared by every browser test class, and a clock moved
/// for the notice's days would move "today" under the others too (their deadlines, their board, the dates they
/// type) and outlive their sign-ins. The cadre dates the visit a week back instead, as one does when entering
/// a visit made in the field; the workflow checks each date against the stage's start, and the notice started
/// a week ago has run its five days.
/// </remarks>
public sealed class IdentificationJourneys(BrowserApp app) : WorkflowJourney(app)
{
    [BrowserFact]
    public Task A_visit_lead_is_verified_reviewed_noticed_and_approved_by_the_township_and_the_county() => Walk(async () =>
    {
        var household = await HouseholdWithoutOpenCaseAsync();
        var weekAgo = Today.AddDays(-7);

        // 走访登记, on the phone: the cadre finds the household by its number and records what the visit found.
        var village = await SignedInPageAsync("village", Screen.Phone);
        await village.GotoAsync("/Monitoring");
        await Link(village, "走访登记").ClickAsync();
        await village.GetByLabel("按户编号或户主姓名查找农户").FillAsync(household.Number);
        await Button(village, "查询").ClickAsync();
        await village.GetByRole(AriaRole.Link).Filter(new() { HasText = household.Number }).ClickAsync();
        await Expect(village.GetByLabel("干部走访排查")).ToBeCheckedAsync();
        await village.GetByLabel("走访（申报）日期").FillAsync(Iso(weekAgo));
        await village.GetByLabel("发现的情况").FillAsync("户主患病住院，自付医疗费约 1.5 万元，家庭收入明显下降");
        await village.GetByRole(AriaRole.Checkbox, new() { Name = "01 因病", Exact = true }).CheckAsync();
        await village.GetByLabel("近 12 个月家庭纯收入（估算，元）").FillAsync("5000");
        await village.GetByLabel("基本医疗").SelectOptionAsync(new SelectOptionValue { Label = "已保障" });
        await Button(village, "保存走访登记").ClickAsync();
        await Expect(village.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记，新开监测案件");
        await Link(village, "查看监测案件").ClickAsync();

        // 入户核实: the lead's risk and income come prefilled; the rule suggests the category for what was found.
        await Expect(village.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(household.Number);
        await Expect(Stage(village)).ToHaveTextAsync("入户核实");
        var step = Step(village);
        await Expect(step.GetByRole(AriaRole.Checkbox, new() { Name = "01 因病", Exact = true })).ToBeCheckedAsync();
        await Expect(step.GetByLabel("近 12 个月家庭纯收入（元）")).ToHaveValueAsync(new Regex(@"^5000(\.0+)?$"));
        await ShowcaseAsync(village, "case-village-phone");
        await step.GetByLabel("核实日期").FillAsync(Iso(weekAgo));
        await step.GetByLabel("承诺授权日期").FillAsync(Iso(weekAgo));
        foreach (var aspect in new[] { "吃穿不愁", "义务教育", "基本医疗", "住房安全", "饮水安全" })
            await step.GetByLabel(aspect, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "已保障" });
        await step.GetByRole(AriaRole.Checkbox, new() { Name = "07 因务工就业不稳", Exact = true }).CheckAsync();
        await Button(village, "建议类别").ClickAsync();
        await Expect(step.GetByRole(AriaRole.Status)).ToContainTextAsync("按规则建议：防止返贫致贫对象");
        await Expect(step.GetByLabel("核实日期")).ToHaveValueAsync(Iso(weekAgo));
        await Expect(step.GetByLabel("监测对象类别")).ToHaveValueAsync(nameof(MonitoringCategory.Unified));
        await Expect(step.GetByLabel("拟纳入监测")).ToBeCheckedAsync();
        await Button(village, "提交核实结果").ClickAsync();
        await Expect(village.GetByText("入户核实已保存")).ToBeVisibleAsync();
        await Expect(Stage(village)).ToHaveTextAsync("民主评议");

        // 民主评议 starts the 公示 the same day.
        step = Step(village);
        await step.GetByLabel("评议日期").FillAsync(Iso(weekAgo));
        await step.GetByLabel("参会人数").FillAsync("21");
        await step.GetByLabel("赞成").FillAsync("19");
        await step.GetByLabel("反对").FillAsync("1");
        await step.GetByLabel("评议记录").FillAsync("村民代表评议，认为该户因病致贫风险属实，同意纳入");
        await step.GetByLabel("公示开始日期").FillAsync(Iso(weekAgo));
        await Button(village, "保存评议结果").ClickAsync();
        await Expect(village.GetByText("民主评议已保存")).ToBeVisibleAsync();
        await Expect(Stage(village)).ToHaveTextAsync("公示");

        // The notice has run its five days: the cadre closes it and it goes to the township.
        step = Step(village);
        await Expect(step.GetByText($"最早可结束日期：{Chinese(weekAgo.AddDays(5))}")).ToBeVisibleAsync();
        await step.GetByLabel("结束日期").FillAsync(Iso(Today.AddDays(-1)));
        await Button(village, "结束公示，报乡镇审核").ClickAsync();
        await Expect(village.GetByText("公示已结束，报乡镇审核")).ToBeVisibleAsync();
        await Expect(Stage(village)).ToHaveTextAsync("乡镇审核");
        await Expect(village.GetByText("“乡镇审核”由乡镇账号办理。")).ToBeVisibleAsync();
        await Expect(Step(village)).ToHaveCountAsync(0);

        // 乡镇审核 at the township's desk, from its 待办.
        var township = await SignedInPageAsync("township");
        await township.GotoAsync("/Monitoring");
        await Link(township, household.Number).ClickAsync();
        await Expect(township.GetByRole(AriaRole.Heading, new() { Name = "办理：乡镇审核" })).ToBeVisibleAsync();
        await Step(township).GetByLabel("意见 / 退回理由").FillAsync("材料齐全，同意纳入");
        await Button(township, "同意").ClickAsync();
        await Expect(township.GetByText("审核意见已保存")).ToBeVisibleAsync();
        await Expect(Stage(township)).ToHaveTextAsync("县级审定");

        // 县级审定 at the county's desk.
        var county = await SignedInPageAsync("county");
        await county.GotoAsync("/Monitoring");
        await Link(county, household.Number).ClickAsync();
        await Expect(county.GetByRole(AriaRole.Heading, new() { Name = "办理：县级审定" })).ToBeVisibleAsync();
        await Step(county).GetByLabel("意见 / 退回理由").FillAsync("审定纳入监测");
        await ShowcaseAsync(county, "case-county-desk");
        await Button(county, "同意").ClickAsync();
        await Expect(county.GetByText("审定意见已保存")).ToBeVisibleAsync();
        await Expect(Stage(county)).ToHaveTextAsync("监测帮扶中");

        // The village sees the household under assistance, identified today, with the whole story on its page.
        await village.ReloadAsync();
        await Expect(Stage(village)).ToHaveTextAsync("监测帮扶中");
        await Link(village, $"户 {household.Number}").ClickAsync();
        var episodes = village.GetByRole(AriaRole.Table).Filter(new() { HasText = "识别日期" });
        var episode = episodes.GetByRole(AriaRole.Row).Filter(new() { HasText = "监测帮扶中" });
        await Expect(episode).ToContainTextAsync("防止返贫致贫对象");
        await Expect(episode).ToContainTextAsync("01 因病、07 因务工就业不稳");
        await Expect(episode).ToContainTextAsync(Chinese(Today));
        await Expect(village.GetByRole(AriaRole.Row).Filter(new() { HasText = "县级审定纳入" })).ToHaveCountAsync(1);

        // Each step was recorded as taken by its own level, on the dates typed.
        await using var db = App.Database();
        var saved = await db.MonitoringCases.SingleAsync(c => c.HouseholdId == household.Id && c.Stage == CaseStage.Monitored && c.OpenedOn == weekAgo);
        Assert.Equal(Today, saved.IdentifiedOn);
        Assert.Equal(new[] { "01", "07" }, saved.RiskTypes);
        var steps = await db.CaseSteps.Where(s => s.CaseId == saved.Id).OrderBy(s => s.Id).Select(s => new { s.Kind, s.ActorRole, s.On }).ToListAsync();
        (StepKind, Role, DateOnly)[] expected =
            [
                (StepKind.LeadOpened, Role.Village, weekAgo), (StepKind.Verified, Role.Village, weekAgo),
                (StepKind.VillageReviewed, Role.Village, weekAgo), (StepKind.NoticeClosed, Role.Village, Today.AddDays(-1)),
                (StepKind.TownshipApproved, Role.Township, Today), (StepKind.CountyApproved, Role.County, Today),
            ];
        Assert.Equal(expected, steps.Select(s => (s.Kind, s.ActorRole, s.On)));
    });

    [BrowserFact]
    public Task The_township_returns_a_case_with_a_reason_and_the_village_finds_it_back_in_its_queue() => Walk(async () =>
    {
        // A case of the village account's villages waiting for the township, not one of the overdue ones the board shows.
        string number;
        await using (var db = App.Database())
        {
            var today = Today;
            number = await db.MonitoringCases
                .Where(c => c.Stage == CaseStage.TownshipReview && VillageAccountVillages.Contains(c.Household.VillageCode))
                .OrderBy(c => c.StageDueOn < today).ThenBy(c => c.Id).Select(c => c.Household.Number).FirstAsync();
        }
        const string reason = "民主评议记录缺少参会人员签字，请补充后重新评议、公示";

        var township = await SignedInPageAsync("township");
        await township.GotoAsync("/Monitoring");
        await Link(township, number).ClickAsync();
        await Button(township, "退回").ClickAsync();
        await Expect(Step(township).GetByRole(AriaRole.Alert)).ToContainTextAsync("退回须填写理由");
        await Expect(Stage(township)).ToHaveTextAsync("乡镇审核");
        await Step(township).GetByLabel("意见 / 退回理由").FillAsync(reason);
        await Button(township, "退回").ClickAsync();
        await Expect(township.GetByText("审核意见已保存")).ToBeVisibleAsync();
        await Expect(Stage(township)).ToHaveTextAsync("民主评议");

        var village = await SignedInPageAsync("village", Screen.Phone);
        await village.GotoAsync("/Monitoring");
        var row = village.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("民主评议");
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(village.GetByRole(AriaRole.Heading, new() { Name = "办理：民主评议" })).ToBeVisibleAsync();
        await Expect(village.GetByRole(AriaRole.Row).Filter(new() { HasText = "退回" }).Last).ToContainTextAsync(reason);
    });

    private sealed record Pick(long Id, string Number);

    /// <summary>
    /// A household of 红坡村 never monitored, so the visit opens a new case. Chosen now, from what the database
    /// holds, so that households other journeys took (and their cases) are left out.
    /// </summary>
    private async Task<Pick> HouseholdWithoutOpenCaseAsync()
    {
        await using var db = App.Database();
        return await db.Households
            .Where(h => h.VillageCode == Demo.DemoPrefecture.FirstVillageCode && !db.MonitoringCases.Any(c => c.HouseholdId == h.Id))
            .OrderByDescending(h => h.Number).Select(h => new Pick(h.Id, h.Number)).FirstAsync();
    }
}
