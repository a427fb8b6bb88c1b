using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>
/// Accessibility and clarity of the main pages, as each role sees them: axe-core's WCAG 2.1 A/AA and best-practice
/// rules (labels, contrast, landmarks, heading order…), one h1 and no skipped heading level, the keyboard alone is
/// enough to sign in and fill a form, and dates and amounts are written the way the language expects.
/// </summary>
public sealed partial class AccessibilityTests(BrowserApp app) : Journey(app)
{
    private static readonly string[] Rules = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    [BrowserFact]
    public Task The_main_pages_pass_axe_and_keep_their_headings_in_order() => Walk(async () =>
    {
        var pages = await MainPagesAsync();
        var anonymous = await NewPageAsync(Screen.Phone);
        // The check itself can fail: axe finds an unlabelled field when there is one.
        await anonymous.SetContentAsync("<!DOCTYPE html><html lang=\"zh-CN\"><title>t</title><main><h1>t</h1><input type=\"text\"></main></html>");
        Assert.Contains((await anonymous.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Tags(Rules) })).Violations, v => v.Id == "label");

        var problems = new List<string>();
        problems.AddRange(await CheckAsync(anonymous, "/Account/Login"));
        problems.AddRange(await CheckAsync(anonymous, "/Apply"));
        problems.AddRange(await CheckAsync(anonymous, "/Apply/Track"));

        foreach (var (account, screen, urls) in pages)
        {
            var page = await SignedInPageAsync(account, screen);
            foreach (var url in urls) problems.AddRange((await CheckAsync(page, url)).Select(p => $"{account}: {p}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    });

    [BrowserFact]
    public Task Chinese_pages_write_dates_as_year_month_day_and_amounts_in_yuan_with_separators() => Walk(async () =>
    {
        var problems = new List<string>();
        foreach (var (account, screen, urls) in await MainPagesAsync())
        {
            var page = await SignedInPageAsync(account, screen);
            foreach (var url in urls)
            {
                await page.GotoAsync(url);
                var text = await page.Locator("main").InnerTextAsync();
                problems.AddRange(IsoDate().Matches(text).Select(m => $"{url}: ISO date “{m.Value}” on a Chinese page"));
                problems.AddRange(UnseparatedYuan().Matches(text).Select(m => $"{url}: amount “{m.Value}” without thousands separators"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    });

    [BrowserFact]
    public Task The_keyboard_alone_signs_in_and_reaches_every_control_of_the_visit_form() => Walk(async () =>
    {
        var page = await NewPageAsync(Screen.Desk);
        await page.GotoAsync("/Account/Login");

        // Tab from the top of the page until the user name field has the focus: it must be reachable, and soon.
        var steps = await TabUntilAsync(page, "#Input_UserName", limit: 15);
        Assert.True(steps > 0, "the user name field is reachable with Tab");
        await AssertFocusIsVisibleAsync(page);
        await page.Keyboard.TypeAsync("village");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#Input_Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Monitoring/Visit");
        var controls = page.Locator("main form[method=post] :is(input:not([type=hidden]), select, textarea, button)");
        var reached = new HashSet<string>();
        var count = await controls.CountAsync();
        for (var i = 0; i < count + 40 && reached.Count < await VisibleCountAsync(controls); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>(
                "() => { const e = document.activeElement; return e && e.closest('main form[method=post]') ? (e.id || e.name || e.textContent || '').trim() + '#' + [...document.querySelectorAll('*')].indexOf(e) : null; }");
            if (focused is not null) reached.Add(focused);
        }
        Assert.Equal(await VisibleCountAsync(controls), reached.Count);
    });

    [BrowserFact]
    public Task A_field_error_is_next_to_the_field_in_Chinese_and_tied_to_it() => Walk(async () =>
    {
        await using (var db = App.Database())
        {
            var household = await db.Households.AsNoTracking().Where(h => h.VillageCode == DemoPrefecture.SecondVillageCode)
                .OrderByDescending(h => h.Id).Select(h => h.Id).FirstAsync();
            var page = await SignedInPageAsync("village", Screen.Phone);
            await page.GotoAsync($"/Monitoring/Visit?household={household}");
            await page.GetByLabel("走访（申报）日期").FillAsync("");
            await page.GetByLabel("发现的情况").FillAsync("键盘测试：保留的说明");
            await page.GetByRole(AriaRole.Button, new() { Name = "保存走访登记" }).ClickAsync();

            var date = page.Locator("#Visit_ReportedOn");
            await Expect(date).ToHaveAttributeAsync("aria-invalid", "true");
            var describedBy = await date.GetAttributeAsync("aria-describedby");
            var message = page.Locator($"#{describedBy}");
            await Expect(message).ToContainTextAsync("请填写");
            // Right after the field (past the framework's hidden helper input), not only in the box at the top of the form.
            Assert.True(await page.EvaluateAsync<bool>(
                """
                () => {
                    let e = document.querySelector('#Visit_ReportedOn').nextElementSibling;
                    while (e && e.type === 'hidden') e = e.nextElementSibling;
                    return !!e && e.classList.contains('field-error');
                }
                """));
            await Expect(page.GetByLabel("发现的情况")).ToHaveValueAsync("键盘测试：保留的说明");
        }
    });

    /// <summary>The pages each role works on, with real ids from the demo prefecture.</summary>
    private async Task<List<(string Account, Screen Screen, string[] Urls)>> MainPagesAsync()
    {
        await using var db = App.Database();
        var open = await db.MonitoringCases.AsNoTracking()
            .Where(c => c.Household.VillageCode == DemoPrefecture.FirstVillageCode && c.Stage == CaseStage.Monitored)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.HouseholdId }).FirstAsync();
        var household = await db.Persons.AsNoTracking().Where(p => p.HouseholdId == open.HouseholdId)
            .OrderBy(p => p.Id).Select(p => p.Name).FirstAsync();
        var application = $"/Applications/{await DemoApplication.InFirstVillageAsync(App)}";
        string[] village =
        [
            "/", $"/Registry/Households?q={Uri.EscapeDataString(household)}", $"/Registry/Household/{open.HouseholdId}",
            "/Monitoring", "/Monitoring/Visit", $"/Monitoring/Case/{open.Id}", $"/Monitoring/Elimination/{open.Id}",
            "/Monitoring/Board", "/Reports/Monitoring", "/Applications", application,
        ];
        string[] county =
        [
            "/", $"/Monitoring/Case/{open.Id}", "/Monitoring/Board", "/Reports/Monitoring?division=533401", "/Reports/Dashboard?division=533401", "/Imports",
            "/Screening", "/Screening/Rules", "/Screening/RuleVersion/medical-self-paid-poor", "/Screening/WhatIf", "/Reports/Snapshots",
            "/Applications", application,
        ];
        string[] department = ["/", "/Screening", "/Screening/Outcomes", "/Screening/Rules", "/Applications"];
        return [("village", Screen.Phone, village), ("county", Screen.Desk, county), ("department", Screen.Phone, department)];
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var problems = new List<string>();
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Tags(Rules) });
        problems.AddRange(result.Violations.Select(v =>
            $"{url}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));

        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])");
        if (levels.Count(l => l == 1) != 1) problems.Add($"{url}: {levels.Count(l => l == 1)} h1 headings, expected one");
        for (var i = 1; i < levels.Length; i++)
            if (levels[i] > levels[i - 1] + 1) problems.Add($"{url}: heading h{levels[i]} follows h{levels[i - 1]}");
        return problems;
    }

    private static async Task<int> TabUntilAsync(IPage page, string selector, int limit)
    {
        for (var i = 1; i <= limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement === document.querySelector(s)", selector)) return i;
        }
        return 0;
    }

    /// <summary>The focused element shows it: an outline or a ring, not the browser default removed.</summary>
    private static async Task AssertFocusIsVisibleAsync(IPage page)
    {
        var style = await page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }");
        Assert.False(style.StartsWith("none", StringComparison.Ordinal) && style.EndsWith("none", StringComparison.Ordinal),
            $"the focused field shows no focus ring ({style})");
    }

    private static async Task<int> VisibleCountAsync(ILocator controls)
    {
        var n = 0;
        for (var i = 0; i < await controls.CountAsync(); i++)
            if (await controls.Nth(i).IsVisibleAsync() && await controls.Nth(i).IsEnabledAsync()) n++;
        return n;
    }

    [GeneratedRegex(@"\b(19|20)\d{2}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d,.])\d{4,}(\.\d+)?\s*元")]
    private static partial Regex UnseparatedYuan();
}
