using System.Globalization;
using System.Text.RegularExpressions;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>户籍查询: a village cadre finds a household the ways people ask for one and reads its page.</summary>
public sealed partial class RegistryJourneys(BrowserApp app) : Journey(app)
{
    [BrowserFact]
    public Task A_village_cadre_finds_a_household_by_name_by_ID_number_and_by_its_last_four_digits() => Walk(async () =>
    {
        var target = await FindPersonAsync();
        var page = await SignedInPageAsync("village", Screen.Phone);
        await page.GotoAsync("/Registry/Households");

        foreach (var term in new[] { target.Name, target.IdNumber, target.IdNumber[^4..] })
        {
            var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "按姓名、证件号码或户编号查询" });
            await search.FillAsync(term);
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await Expect(page.GetByText("共 1 条", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = target.HouseholdNumber, Exact = true })).ToBeVisibleAsync();
        }

        // The full ID number never shows in a list: only its masked form.
        await page.GetByRole(AriaRole.Link, new() { Name = "人", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = IdNumber.Mask(target.IdNumber) })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync(target.IdNumber);

        await page.GetByRole(AriaRole.Link, new() { Name = target.HouseholdNumber, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlPath($"/Registry/Household/{target.HouseholdId}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(target.HouseholdNumber);
        await Expect(page.Locator("main")).ToContainTextAsync(target.Name);
    });

    [BrowserFact]
    public Task A_household_page_shows_Chinese_dates_and_amounts_in_yuan_with_thousands_separators() => Walk(async () =>
    {
        var household = await FindHouseholdWithIncomeAsync();
        var page = await SignedInPageAsync("township", Screen.Desk);
        await page.GotoAsync($"/Registry/Household/{household.Id}");

        var main = page.Locator("main");
        await Expect(main).ToContainTextAsync(ChineseDate(household.LastCheckedOn));
        await Expect(main).ToContainTextAsync(Yuan(household.Wages));
        await Expect(main).Not.ToContainTextAsync(IsoDate());
        await ShowcaseAsync(page, "household-desk");
    });

    [BrowserFact]
    public Task A_village_cadre_reveals_an_ID_number_only_after_giving_a_reason() => Walk(async () =>
    {
        var target = await FindPersonAsync();
        var page = await SignedInPageAsync("village", Screen.Phone);
        await page.GotoAsync($"/Registry/Household/{target.HouseholdId}");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(target.IdNumber);

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = target.Name }).First;
        await row.GetByText("查看完整").ClickAsync();
        await row.GetByLabel("查看理由").SelectOptionAsync("入户核实");
        await row.GetByLabel("具体事由").FillAsync("核对家庭成员信息");
        await row.GetByRole(AriaRole.Button, new() { Name = "查看", Exact = true }).ClickAsync();

        await Expect(page.Locator("#revealed")).ToHaveTextAsync(target.IdNumber);
        await Expect(page.Locator("main")).ToContainTextAsync("已记入审计日志");
    });

    private sealed record Target(string Name, string IdNumber, long HouseholdId, string HouseholdNumber);

    private sealed record HouseholdWithIncome(long Id, decimal Wages, DateOnly LastCheckedOn);

    /// <summary>
    /// A member of the village account's households whose name and whose last four ID digits each lead to their
    /// household alone, so that each search has one answer to click.
    /// </summary>
    private async Task<Target> FindPersonAsync()
    {
        await using var db = App.Database();
        var villages = new[] { DemoPrefecture.FirstVillageCode, DemoPrefecture.SecondVillageCode };
        var persons = await db.Persons.Where(p => villages.Contains(p.Household.VillageCode))
            .Select(p => new Target(p.Name, p.IdNumber, p.HouseholdId, p.Household.Number))
            .ToListAsync();
        var numbers = await db.Households.Where(h => villages.Contains(h.VillageCode)).Select(h => h.Number).ToListAsync();
        return persons
            .Where(p => p.Name.Length >= 2)
            .Where(p => persons.Where(o => o.Name.Contains(p.Name, StringComparison.Ordinal)).Select(o => o.HouseholdId).Distinct().Count() == 1)
            .Where(p => persons.Count(o => o.IdNumber.EndsWith(p.IdNumber[^4..], StringComparison.Ordinal)) == 1)
            .Where(p => !numbers.Any(n => n.Contains(p.IdNumber[^4..], StringComparison.Ordinal)))
            .OrderBy(p => p.HouseholdNumber)
            .First();
    }

    /// <summary>A household of the township with wages of at least 1,000 元 in its latest year and a guarantee check.</summary>
    private async Task<HouseholdWithIncome> FindHouseholdWithIncomeAsync()
    {
        await using var db = App.Database();
        var candidates = await db.Households
            .Where(h => h.TownshipCode == DemoPrefecture.FirstTownshipCode && h.Guarantees.Any())
            .Select(h => new
            {
                h.Id,
                h.Number,
                Wages = h.Incomes.OrderByDescending(i => i.Year).Select(i => (decimal?)i.Wages).FirstOrDefault(),
                LastCheckedOn = h.Guarantees.Max(g => g.CheckedOn),
            })
            .ToListAsync();
        var found = candidates.Where(c => c.Wages >= 1000m).OrderBy(c => c.Number).First();
        return new HouseholdWithIncome(found.Id, found.Wages!.Value, found.LastCheckedOn);
    }

    private static string ChineseDate(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    private static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " 元";

    [GeneratedRegex(@"\d{4}-\d{1,2}-\d{1,2}")]
    private static partial Regex IsoDate();
}
