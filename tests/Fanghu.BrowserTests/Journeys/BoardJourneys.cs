using System.Globalization;
using System.Text.RegularExpressions;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>
/// 督办: overdue work by level, each level chasing its own and, escalated, the levels below it. The demo's work in
/// progress is dated back from the load day, so some of it is overdue at every level. What is overdue is read from
/// the database when the journey starts, since other journeys move cases along.
/// </summary>
public sealed class BoardJourneys(BrowserApp app) : WorkflowJourney(app)
{
    private const string Township = DemoPrefecture.FirstTownshipCode;

    [BrowserFact]
    public Task A_township_officer_chases_its_own_overdue_reviews_and_the_villages_late_steps() => Walk(async () =>
    {
        var late = await LateAsync();
        var here = late.Where(x => x.Township == Township).ToList();
        var own = here.Where(x => x.Level == ResponsibleLevel.Township).ToList();
        var below = here.Where(x => x.Level == ResponsibleLevel.Village).ToList();
        var above = here.First(x => x.Level == ResponsibleLevel.County);
        var village = DemoPrefecture.FirstVillageCode;

        var page = await SignedInPageAsync("township");
        await page.GotoAsync("/Monitoring");
        await Link(page, "督办").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("督办 · 建塘镇");
        await Expect(Stat(page, "本级逾期")).ToHaveTextAsync(Count(own.Count));
        await Expect(Stat(page, "下级逾期（督办）")).ToHaveTextAsync(Count(below.Count));
        var ownTable = page.GetByRole(AriaRole.Table, new() { Name = "本级逾期事项" });
        var escalated = page.GetByRole(AriaRole.Table, new() { Name = "下级逾期、上报督办的事项" });
        await ExpectRow(ownTable, own[0]);
        await ExpectRow(escalated, below[0]);
        // Work owed by the county is the county's to chase, not the township's.
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(above.Number);
        await Expect(Link(page, "上一级")).ToHaveCountAsync(0);

        // Rolled up by village; the village's link narrows the board to it.
        var row = page.GetByRole(AriaRole.Table, new() { Name = "按下级区划" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "红坡村" });
        await ExpectRollup(row, "红坡村", here.Where(x => x.Village == village).ToList());
        await row.GetByRole(AriaRole.Link, new() { Name = "红坡村" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"division={village}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("督办 · 红坡村");
        var villageOwn = here.Where(x => x.Village == village && x.Level == ResponsibleLevel.Village).ToList();
        await Expect(Stat(page, "本级逾期")).ToHaveTextAsync(Count(villageOwn.Count));
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "本级逾期事项" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(villageOwn.Count + 1);
        var elsewhere = below.First(x => x.Village != village);
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(elsewhere.Number);
        await Link(page, "上一级").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("督办 · 建塘镇");
    });

    [BrowserFact]
    public Task A_county_officer_sees_the_lower_levels_overdue_work_escalated_and_drills_down_by_township() => Walk(async () =>
    {
        var late = await LateAsync();
        var own = late.Where(x => x.Level == ResponsibleLevel.County).ToList();
        var below = late.Where(x => x.Level < ResponsibleLevel.County).ToList();
        var inTownship = below.First(x => x.Township == Township && x.Level == ResponsibleLevel.Village);
        var elsewhere = below.First(x => x.Township != Township);

        var page = await SignedInPageAsync("county");
        await page.GotoAsync("/Monitoring/Board");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("督办 · 香格里拉市");
        await Expect(Stat(page, "本级逾期")).ToHaveTextAsync(Count(own.Count));
        await Expect(Stat(page, "下级逾期（督办）")).ToHaveTextAsync(Count(below.Count));
        var escalated = page.GetByRole(AriaRole.Table, new() { Name = "下级逾期、上报督办的事项" });
        await ExpectRow(escalated, inTownship);
        await ExpectRow(escalated, elsewhere);
        await ExpectRow(page.GetByRole(AriaRole.Table, new() { Name = "本级逾期事项" }), own[0]);

        var byChild = page.GetByRole(AriaRole.Table, new() { Name = "按下级区划" });
        var row = byChild.GetByRole(AriaRole.Row).Filter(new() { HasText = "建塘镇" });
        await ExpectRollup(row, "建塘镇", late.Where(x => x.Township == Township).ToList());
        await ShowcaseAsync(page, "board");

        await row.GetByRole(AriaRole.Link, new() { Name = "建塘镇" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"division={Township}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("督办 · 建塘镇");
        escalated = page.GetByRole(AriaRole.Table, new() { Name = "下级逾期、上报督办的事项" });
        await ExpectRow(escalated, inTownship);
        await Expect(escalated).Not.ToContainTextAsync(elsewhere.Number);
        await Expect(escalated.GetByRole(AriaRole.Row))
            .ToHaveCountAsync(below.Count(x => x.Township == Township && x.Level == ResponsibleLevel.Village) + 1);
        await Expect(Link(page, "上一级")).ToHaveAttributeAsync("href", "/Monitoring/Board?division=533401");
    });

    private sealed record Late(string Number, string Village, string Township, CaseStage Stage, ResponsibleLevel Level, int DaysLate);

    /// <summary>The overdue steps of 香格里拉市 now: a stage someone owns whose due day has passed.</summary>
    private async Task<List<Late>> LateAsync()
    {
        await using var db = App.Database();
        var today = Today;
        var rows = await db.MonitoringCases
            .Where(c => c.Household.CountyCode == DemoPrefecture.ShangriLaCode && c.StageDueOn != null && c.StageDueOn < today)
            .Select(c => new { c.Household.Number, c.Household.VillageCode, c.Household.TownshipCode, c.Stage, c.StageDueOn })
            .ToListAsync();
        return [.. rows.Where(r => r.Stage.Owner() is not null).Select(r => new Late(r.Number, r.VillageCode, r.TownshipCode, r.Stage,
            r.Stage.Owner()!.Value, Deadlines.DaysLate(r.StageDueOn!.Value, today)))];
    }

    private static ILocator Stat(IPage page, string name) => page.Locator(".stat").Filter(new() { HasText = name }).Locator(".n");

    private static string Count(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>An overdue item's row: its household links to the case, with its stage, level and days late.</summary>
    private static async Task ExpectRow(ILocator table, Late item)
    {
        var row = table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Link, new() { Name = item.Number }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(StageWords.Name(item.Stage));
        await Expect(row.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync(Count(item.DaysLate));
    }

    /// <summary>A division's roll-up row: overdue at village, township and county level, and the total.</summary>
    private static async Task ExpectRollup(ILocator row, string name, List<Late> under)
    {
        string At(ResponsibleLevel level) => Count(under.Count(x => x.Level == level));
        await Expect(row.GetByRole(AriaRole.Cell)).ToHaveTextAsync(
            [name, At(ResponsibleLevel.Village), At(ResponsibleLevel.Township), At(ResponsibleLevel.County), Count(under.Count)]);
    }
}
