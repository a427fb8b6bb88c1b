using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>
/// 数据看板 at a desk: the prefecture's figures with their charts drawn by ECharts (built from npm into wwwroot), the same
/// headline as the monitoring report, and a drill-down into a county. The charts draw under the site's
/// Content-Security-Policy (docs/adr/0013): the browser reports no violation, tooltips included.
/// </summary>
public sealed class DashboardJourneys(BrowserApp app) : Journey(app)
{
    [BrowserFact]
    public Task A_prefecture_officer_reads_the_charts_and_drills_down_into_a_county() => Walk(async () =>
    {
        var page = await SignedInPageAsync("prefecture");
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(m.Text);
        };
        await page.GotoAsync($"/Reports/Monitoring?division={DemoPrefecture.ShangriLaCode}");
        var reported = await page.Locator(".stat .n").First.InnerTextAsync();

        await page.GotoAsync("/Reports/Dashboard");
        await UntilCountedAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("数据看板");
        // Drawn by the chart library: an SVG in each chart with data (the children's and the categories').
        await Expect(page.Locator("[data-chart=children] svg")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-chart=categories] svg")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-chart=income] svg")).ToHaveCountAsync(1);
        await ShowcaseAsync(page, "dashboard-desk");
        // ECharts writes its tooltip as HTML with style attributes: the one place the policy's style-src-attr matters.
        await page.Locator("[data-chart=categories] svg").HoverAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-chart=categories] div')].some(d => d.innerHTML.includes('<span'))",
            null, new() { Timeout = 10_000 });
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => r(null)))");
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        await page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Link, new() { Name = "香格里拉市" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToContainTextAsync("香格里拉市");
        await UntilCountedAsync(page);
        await Expect(page.Locator("#monitored")).ToHaveTextAsync(reported);
        await Expect(page.Locator("[data-chart=children] svg")).ToHaveCountAsync(1);
        // The way back up.
        await Expect(page.Locator(".crumbs").GetByRole(AriaRole.Link, new() { Name = "迪庆藏族自治州" })).ToBeVisibleAsync();
    });

    /// <summary>
    /// Just after start-up the background refresher is counting every village: the page then says how many are pending,
    /// and a reader refreshes a moment later — as the test does, for up to half a minute.
    /// </summary>
    private static async Task UntilCountedAsync(IPage page)
    {
        for (var i = 0; i < 30 && await page.Locator("p.alert#source").CountAsync() > 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Expect(page.Locator("p.alert#source")).ToHaveCountAsync(0);
    }
}
