using System.Text.RegularExpressions;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

public sealed partial class LanguageJourneys(BrowserApp app) : Journey(app)
{
    [BrowserFact]
    public Task A_user_switches_between_Chinese_and_English_and_dates_follow() => Walk(async () =>
    {
        long household;
        await using (var db = App.Database())
            household = await db.MonitoringCases.AsNoTracking()
                .Where(c => c.Household.VillageCode == DemoPrefecture.FirstVillageCode && c.IdentifiedOn != null)
                .OrderBy(c => c.Id).Select(c => c.HouseholdId).FirstAsync();

        var page = await SignedInPageAsync("township");
        await page.GotoAsync($"/Registry/Household/{household}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var chinese = await page.Locator("main").InnerTextAsync();
        Assert.Matches(ChineseDate(), chinese);
        Assert.DoesNotMatch(IsoDate(), chinese);
        Assert.Matches(Yuan(), chinese);

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        // The switch comes back to the same page, in English.
        await Expect(page).ToHaveURLAsync(UrlPath($"/Registry/Household/{household}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" })).ToContainTextAsync("Registry");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members" })).ToBeVisibleAsync();
        var english = await page.Locator("main").InnerTextAsync();
        Assert.Matches(IsoDate(), english);
        Assert.DoesNotMatch(ChineseDate(), english);
        Assert.Matches(Yuan(), english);
        await ShowcaseAsync(page, "household-english");

        // The choice sticks across pages until switched back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" })).ToContainTextAsync("户籍信息");
    });

    [GeneratedRegex(@"\b20\d{2}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"20\d{2}年\d{1,2}月\d{1,2}日")]
    private static partial Regex ChineseDate();

    /// <summary>An amount in 元 with thousands separators, like 8,700.00 元.</summary>
    [GeneratedRegex(@"\d{1,3}(,\d{3})+\.\d{2}\s*元")]
    private static partial Regex Yuan();
}
