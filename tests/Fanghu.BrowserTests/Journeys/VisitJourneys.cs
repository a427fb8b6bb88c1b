using System.Globalization;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>走访登记: a village cadre on a phone records a home visit, which becomes a lead in the workflow.</summary>
public sealed class VisitJourneys(BrowserApp app) : Journey(app)
{
    [BrowserFact]
    public Task A_cadre_on_a_phone_records_a_visit_that_opens_a_case_and_a_missing_field_keeps_the_rest() => Walk(async () =>
    {
        var household = await HouseholdWithoutCaseAsync();
        var visitedOn = ChinaToday().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string summary = "户主上月摔伤住院，自付医疗费约一万二千元，家中暂无劳动力外出务工";

        var page = await SignedInPageAsync("village", Screen.Phone);
        await page.GetByRole(AriaRole.Link, new() { Name = "走访登记" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlPath("/Monitoring/Visit"));
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "按户编号或户主姓名查找农户" }).FillAsync(household.Number);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.GetByRole(AriaRole.Link).Filter(new() { HasText = household.Number }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "保存走访登记" })).ToBeVisibleAsync();
        await Expect(page.GetByText("该户有未办结的监测案件")).Not.ToBeVisibleAsync();

        // Typed on a phone, sent without the date and without what was found.
        await page.GetByLabel("走访（申报）日期").FillAsync("");
        await page.GetByLabel("走访人 / 申报人").FillAsync("扎西次仁、和志强");
        await page.GetByLabel("05 因意外事故").CheckAsync();
        await page.GetByLabel("04 因缺劳动力").CheckAsync();
        await page.GetByLabel("近 12 个月家庭纯收入（估算，元）").FillAsync("4800");
        await page.GetByLabel("基本医疗").SelectOptionAsync(new SelectOptionValue { Label = "未保障" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访登记" }).ClickAsync();

        var date = page.GetByLabel("走访（申报）日期");
        var found = page.GetByLabel("发现的情况");
        await Expect(date).ToHaveAccessibleDescriptionAsync("请填写走访（申报）日期");
        await Expect(found).ToHaveAccessibleDescriptionAsync("请填写发现的情况");
        await Expect(found).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertRightUnderAsync(page.Locator("#Visit_Summary-error"), found);
        await AssertRightUnderAsync(page.Locator("#Visit_ReportedOn-error"), date);
        await Expect(date).ToHaveValueAsync("");
        await Expect(page.GetByLabel("走访人 / 申报人")).ToHaveValueAsync("扎西次仁、和志强");
        await Expect(page.GetByLabel("05 因意外事故")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("04 因缺劳动力")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("01 因病")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("近 12 个月家庭纯收入（估算，元）")).ToHaveValueAsync("4800");
        await Expect(page.GetByLabel("基本医疗")).ToHaveValueAsync("insecure");
        await Expect(page.GetByLabel("干部走访排查")).ToBeCheckedAsync();
        await ShowcaseAsync(page, "visit-error-phone");
        Assert.False(await LeadExistsAsync(household.Id, summary));

        await date.FillAsync(visitedOn);
        await found.FillAsync(summary);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存走访登记" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记，新开监测案件");

        await page.GetByRole(AriaRole.Link, new() { Name = "查看农户" }).ClickAsync();
        var timeline = page.GetByRole(AriaRole.Row).Filter(new() { HasText = summary });
        await Expect(timeline).ToContainTextAsync("线索：干部走访排查");
        await Expect(timeline).ToContainTextAsync(ChineseDate(DateOnly.ParseExact(visitedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture)));

        await page.GetByRole(AriaRole.Link, new() { Name = "待办", Exact = true }).First.ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = household.Number });
        await Expect(row).ToContainTextAsync("入户核实");

        await using var db = App.Database();
        var lead = await db.Leads.Where(l => l.HouseholdId == household.Id && l.Summary == summary)
            .Select(l => new { l.Channel, l.ReportedOn, l.RiskTypeCodes, l.EstimatedIncome12Months, l.Reporter, Stage = l.Case.Stage })
            .SingleAsync();
        Assert.Equal(LeadChannel.CadreVisit, lead.Channel);
        Assert.Equal(visitedOn, lead.ReportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Contains("04", lead.RiskTypeCodes, StringComparison.Ordinal);
        Assert.Contains("05", lead.RiskTypeCodes, StringComparison.Ordinal);
        Assert.Equal(4800m, lead.EstimatedIncome12Months);
        Assert.Equal("扎西次仁、和志强", lead.Reporter);
        Assert.Equal(CaseStage.Verification, lead.Stage);
    });

    private sealed record Target(long Id, string Number);

    /// <summary>
    /// A household of 红坡村 that has never been a case, taken from the end of the village's list so that journeys
    /// which pick from its start don't meet it.
    /// </summary>
    private async Task<Target> HouseholdWithoutCaseAsync()
    {
        await using var db = App.Database();
        return await db.Households
            .Where(h => h.VillageCode == DemoPrefecture.FirstVillageCode)
            .Where(h => !db.MonitoringCases.Any(c => c.HouseholdId == h.Id) && !db.Leads.Any(l => l.HouseholdId == h.Id))
            .OrderByDescending(h => h.Number)
            .Select(h => new Target(h.Id, h.Number))
            .FirstAsync();
    }

    private async Task<bool> LeadExistsAsync(long householdId, string summary)
    {
        await using var db = App.Database();
        return await db.Leads.AnyAsync(l => l.HouseholdId == householdId && l.Summary == summary);
    }

    /// <summary>The message is the next thing under the field: it starts within a line's height of the field's bottom edge.</summary>
    private static async Task AssertRightUnderAsync(ILocator message, ILocator field)
    {
        await Expect(message).ToBeVisibleAsync();
        var m = await message.BoundingBoxAsync() ?? throw new InvalidOperationException("message has no box");
        var f = await field.BoundingBoxAsync() ?? throw new InvalidOperationException("field has no box");
        var gap = m.Y - (f.Y + f.Height);
        Assert.True(gap is >= 0 and < 24, $"the message should stand right under its field, but is {gap:0} px below it");
    }

    private static DateOnly ChinaToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai"));

    private static string ChineseDate(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
}
