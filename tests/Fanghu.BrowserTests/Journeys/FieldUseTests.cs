using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>
/// Field use: the pages a village account opens work on a 390 px phone — no sideways scrolling, controls a thumb
/// can hit — and the ones a cadre opens out in the villages are light enough for a weak mobile network.
/// </summary>
public sealed partial class FieldUseTests(BrowserApp app) : Journey(app)
{
    /// <summary>Transferred bytes (HTML + CSS + JS, compressed, with headers) a field page may weigh.</summary>
    private const int FieldPageBudget = 150 * 1024;

    private const int Tap = 44, SmallBox = 24, PhoneWidth = 390;

    [BrowserFact]
    public Task No_page_of_a_village_account_scrolls_sideways_on_a_390px_phone() => Walk(async () =>
    {
        var page = await SignedInPageAsync("village", Screen.Phone);
        var problems = new List<string>();
        foreach (var (name, path, _) in await VillagePagesAsync())
        {
            await OpenAsync(page, path);
            // A phone browser widens the layout viewport to fit a page that is too wide, so a width other than the
            // screen's is the same failure as a document wider than the viewport.
            var width = await page.EvaluateAsync<JsonElement>("""
                phone => {
                  const inner = window.innerWidth;
                  const scroll = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
                  // What sticks out past the phone's right edge, deepest elements only, to say what to fix.
                  const over = e => e.getBoundingClientRect().right > phone + 1;
                  const out = [...document.querySelectorAll('body *')]
                    .filter(e => over(e) && ![...e.children].some(over))
                    .slice(0, 5)
                    .map(e => `<${e.tagName.toLowerCase()}${e.className ? ' class="' + e.className + '"' : ''}> ${Math.round(e.getBoundingClientRect().right)}px “${(e.innerText || '').trim().slice(0, 30)}”`);
                  // A part of the page that scrolls sideways on its own (a menu, a table) hides what is past its edge.
                  const parts = [...document.querySelectorAll('body *')]
                    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
                    .map(e => `<${e.tagName.toLowerCase()}${e.className ? ' class="' + e.className + '"' : ''}> ${e.scrollWidth}px in ${e.clientWidth}px, hiding “${[...e.querySelectorAll('a, button, td, th')].filter(c => c.getBoundingClientRect().right > e.getBoundingClientRect().right + 1).map(c => c.innerText.trim()).join('、').slice(0, 60)}”`);
                  return { inner, scroll, out, parts };
                }
                """, PhoneWidth);
            var inner = width.GetProperty("inner").GetInt32();
            var scroll = width.GetProperty("scroll").GetInt32();
            if (inner != PhoneWidth || scroll > inner)
                problems.Add($"{name} ({path}): the page is {Math.Max(inner, scroll)} px wide on a {PhoneWidth} px screen; sticking out: "
                    + string.Join("; ", width.GetProperty("out").EnumerateArray().Select(e => e.GetString())));
            problems.AddRange(width.GetProperty("parts").EnumerateArray().Select(e => $"{name} ({path}): scrolls sideways inside {e.GetString()}"));
        }
        Assert.True(problems.Count == 0, "Pages that scroll sideways on a phone:\n" + string.Join("\n", problems));
    });

    [BrowserFact]
    public Task Every_control_on_a_village_account_page_is_big_enough_to_tap() => Walk(async () =>
    {
        var page = await SignedInPageAsync("village", Screen.Phone);
        var problems = new List<string>();
        foreach (var (name, path, _) in await VillagePagesAsync())
        {
            await OpenAsync(page, path);
            var small = await page.EvaluateAsync<string[]>("""
                ([tap, smallBox]) => {
                  const shown = e => {
                    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
                  };
                  const text = e => (e.getAttribute('aria-label') || e.innerText || e.value || e.placeholder || e.name || e.id || '')
                    .trim().replace(/\s+/g, ' ').slice(0, 40);
                  const out = [];
                  const controls = 'input:not([type=hidden]), select, textarea, button, [role=button], a.button, nav a, summary';
                  for (const e of document.querySelectorAll(controls)) {
                    if (!shown(e)) continue;
                    const h = e.getBoundingClientRect().height;
                    const what = `<${e.tagName.toLowerCase()}${e.type ? ' type=' + e.type : ''}>`;
                    if (e.matches('input[type=checkbox], input[type=radio]')) {
                      const label = e.closest('label') || (e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`));
                      const lh = label ? label.getBoundingClientRect().height : 0;
                      if (lh < tap && h < smallBox)
                        out.push(`${what} “${text(label || e)}”: box ${h.toFixed(0)} px, label ${lh.toFixed(0)} px`);
                    } else if (h < tap - 0.5) {
                      out.push(`${what} “${text(e)}”: ${h.toFixed(0)} px tall`);
                    }
                  }
                  return out;
                }
                """, new[] { Tap, SmallBox });
            problems.AddRange(small.Select(s => $"{name} ({path}): {s}"));
        }
        Assert.True(problems.Count == 0, $"Controls under {Tap} px on a phone:\n" + string.Join("\n", problems));
    });

    [BrowserFact]
    public Task Every_page_of_a_village_account_writes_dates_the_Chinese_way() => Walk(async () =>
    {
        var page = await SignedInPageAsync("village", Screen.Phone);
        var problems = new List<string>();
        foreach (var (name, path, _) in await VillagePagesAsync())
        {
            await OpenAsync(page, path);
            var text = await page.Locator("main").InnerTextAsync();
            problems.AddRange(IsoDate().Matches(text).Select(m => $"{name} ({path}): “{m.Value}”").Distinct());
        }
        Assert.True(problems.Count == 0, "ISO dates on Chinese pages (should read 2022年1月31日):\n" + string.Join("\n", problems));
    });

    [BrowserFact]
    public Task Field_pages_weigh_under_150_KB_compressed_and_carry_no_scripts() => Walk(async () =>
    {
        var signedIn = await SignedInPageAsync("village", Screen.Phone);
        var cookies = (await signedIn.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            Expires = c.Expires,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }).ToList();

        var report = new StringBuilder();
        var problems = new List<string>();
        foreach (var (name, path, field) in await VillagePagesAsync())
        {
            // A new context for every page: an empty cache, so the stylesheet counts on each page as on a first visit.
            var page = await NewPageAsync(Screen.Phone);
            await page.Context.AddCookiesAsync(cookies);
            await OpenAsync(page, path);
            var weight = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
                  return {
                    entries: entries.map(e => ({ url: e.name, type: e.initiatorType, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
                    scripts: document.scripts.length,
                    charts: document.querySelectorAll('canvas, [_echarts_instance_], .chart').length,
                  };
                }
                """);
            await page.Context.CloseAsync();

            var entries = weight.GetProperty("entries").EnumerateArray().Select(e => new
            {
                Url = new Uri(e.GetProperty("url").GetString()!).PathAndQuery,
                Type = e.GetProperty("type").GetString(),
                Transfer = e.GetProperty("transfer").GetInt64(),
                Encoded = e.GetProperty("encoded").GetInt64(),
                Decoded = e.GetProperty("decoded").GetInt64(),
            }).ToList();
            var total = entries.Sum(e => e.Transfer);
            var parts = string.Join(", ", entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Url} {e.Transfer:#,0} B ({e.Decoded:#,0} B unpacked)")));
            report.AppendLine(CultureInfo.InvariantCulture, $"{name,-12} {total / 1024.0,7:0.0} KB transferred{(field ? "" : " (not a field page)")}: {parts}");
            if (!field) continue;

            if (entries.Count == 0 || entries.Any(e => e.Transfer == 0))
                problems.Add($"{name}: the browser reported no transferred size (cached?), so the page cannot be weighed");
            if (total > FieldPageBudget)
                problems.Add($"{name}: {total:#,0} B transferred, over the {FieldPageBudget:#,0} B budget");
            foreach (var e in entries.Where(e => e.Decoded > 1024 && e.Encoded >= e.Decoded))
                problems.Add($"{name}: {e.Url} was sent uncompressed ({e.Encoded:#,0} B)");
            if (entries.Any(e => e.Type is "script") || weight.GetProperty("scripts").GetInt32() > 0)
                problems.Add($"{name}: loads a script");
            if (weight.GetProperty("charts").GetInt32() > 0)
                problems.Add($"{name}: draws a chart");
        }
        Console.WriteLine(report);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\nMeasured:\n" + report);
    });

    [GeneratedRegex(@"\b\d{4}-\d{1,2}-\d{1,2}\b")]
    private static partial Regex IsoDate();

    private static async Task OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
    }

    /// <summary>
    /// Every page a village account uses, with real records of its villages; <c>Field</c> marks the ones a cadre
    /// opens out in the villages, which must stay light.
    /// </summary>
    private async Task<List<(string Name, string Path, bool Field)>> VillagePagesAsync()
    {
        await using var db = App.Database();
        var villages = new[] { DemoPrefecture.FirstVillageCode, DemoPrefecture.SecondVillageCode };
        var households = db.Households.Where(h => villages.Contains(h.VillageCode));
        // The biggest household page there is: most members, most history.
        var household = await households
            .OrderByDescending(h => h.Members.Count + db.Leads.Count(l => l.HouseholdId == h.Id) + db.CaseSteps.Count(s => s.Case.HouseholdId == h.Id))
            .Select(h => h.Id).FirstAsync();
        var cases = db.MonitoringCases.Where(c => villages.Contains(c.Household.VillageCode));
        var verification = await cases.Where(c => c.Stage == CaseStage.Verification).OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync();
        var monitored = await cases.Where(c => c.Stage == CaseStage.Monitored)
            .OrderByDescending(c => db.Measures.Count(m => m.CaseId == c.Id)).ThenBy(c => c.Id).Select(c => c.Id).FirstAsync();
        // A common name, so the results run to several pages.
        var names = await db.Persons.Where(p => villages.Contains(p.Household.VillageCode)).Select(p => p.Name).ToListAsync();
        var common = names.GroupBy(n => n[..1]).OrderByDescending(g => g.Count()).First().Key;

        List<(string, string, bool)> pages =
        [
            ("home", "/", true),
            ("search", "/Registry/Households", true),
            ("results", "/Registry/Households?q=" + Uri.EscapeDataString(common), true),
            ("persons", "/Registry/Households?kind=persons", true),
            ("household", $"/Registry/Household/{household}", true),
            ("queue", "/Monitoring", true),
            ("visit", "/Monitoring/Visit", true),
            ("visit form", $"/Monitoring/Visit?household={household}", true),
            ("case", $"/Monitoring/Case/{monitored}", true),
            ("elimination", $"/Monitoring/Elimination/{monitored}", false),
            ("board", "/Monitoring/Board", false),
            ("report", "/Reports/Monitoring", false),
            ("applications", "/Applications", true),
            ("application", $"/Applications/{await DemoApplication.InFirstVillageAsync(App)}", true),
            // The public form and lookup (救助申请): residents open them on their own phones, and cadres file for them.
            ("apply", "/Apply", true),
            ("track", "/Apply/Track", true),
        ];
        if (verification != 0) pages.Insert(9, ("verification", $"/Monitoring/Case/{verification}", true));
        return pages;
    }
}
