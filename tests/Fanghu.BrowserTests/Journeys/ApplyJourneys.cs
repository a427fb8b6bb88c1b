using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Fanghu.Applications;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>救助申请: a resident on a phone, without an account, asks for help and follows the answer with the tracking code.</summary>
public sealed class ApplyJourneys(BrowserApp app) : Journey(app)
{
    private const string Difficulty = "母亲患尿毒症每周透析三次，医保报销后每月自付两千多元，家里实在负担不起";

    [BrowserFact]
    public Task A_resident_on_a_phone_files_a_medical_application_and_follows_it_with_the_tracking_code() => Walk(async () =>
    {
        var resident = await ResidentAsync();
        const string phone = "139 8765 4321";

        // From the sign-in page a resident finds the public form; nothing of the staff's pages shows.
        var page = await NewPageAsync(Screen.Phone);
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "进入救助申请" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlPath("/Apply"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "申请救助", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
        await AssertFitsAPhoneAsync(page);

        await page.GetByLabel("医疗", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("遇到的困难").FillAsync(Difficulty);
        await page.GetByLabel("申请人姓名").FillAsync(resident.Name);
        // One digit of the ID number mistyped: the message stands under the field, the rest stays as typed.
        await page.GetByLabel("申请人身份证号码").FillAsync(Mistyped(resident.IdNumber));
        await page.GetByLabel("联系电话").FillAsync(phone);
        await page.GetByLabel("所在村（社区）").SelectOptionAsync(new SelectOptionValue { Label = resident.Village });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        var id = page.GetByLabel("申请人身份证号码");
        await Expect(id).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(id).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("校验位不正确"));
        await Expect(page.GetByLabel("遇到的困难")).ToHaveValueAsync(Difficulty);
        await Expect(page.GetByLabel("医疗", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("所在村（社区）")).ToHaveValueAsync(resident.VillageCode);
        await ShowcaseAsync(page, "apply-error-phone");

        await id.FillAsync(resident.IdNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlPath("/Apply/Filed"));
        var code = (await page.Locator("#tracking-code").InnerTextAsync()).Trim();
        Assert.Matches("^[2-9A-HJKMNP-Z]{10}$", code);
        await Expect(page.GetByText("请把查询码抄在纸上或截屏保存")).ToBeVisibleAsync();
        await AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);
        await ShowcaseAsync(page, "apply-filed-phone");

        // Days later, on another phone: the code as written down, the phone's last four digits.
        var later = await NewPageAsync(Screen.Phone);
        await later.GotoAsync("/Apply/Track");
        await later.GetByLabel("查询码").FillAsync(code.ToLowerInvariant());
        await later.GetByLabel("联系电话后四位").FillAsync("4321");
        await later.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(later).ToHaveURLAsync(UrlPath("/Apply/Track"));
        await Expect(later.Locator("#status")).ToHaveTextAsync("待分办");
        await Expect(later.Locator("dl.facts")).ToContainTextAsync("医疗");
        await Expect(later.Locator("ol.steps")).ToContainTextAsync("提交申请");
        Assert.DoesNotContain(code, later.Url, StringComparison.OrdinalIgnoreCase);
        await AssertFitsAPhoneAsync(later);
        await AssertAccessibleAsync(later);
        await ShowcaseAsync(later, "apply-track-phone");

        await later.GetByRole(AriaRole.Button, new() { Name = "退出查询" }).ClickAsync();
        await Expect(later.GetByLabel("查询码")).ToHaveValueAsync("");
        await Expect(later.Locator("#status")).ToHaveCountAsync(0);

        await using var db = App.Database();
        var stored = await db.Applications.SingleAsync(a => a.TrackingCode == code);
        Assert.Equal((ApplicationArea.Medical, resident.IdNumber, "13987654321", resident.VillageCode, false, Difficulty),
            (stored.Area, stored.IdNumber, stored.Phone, stored.VillageCode, stored.OnBehalf, stored.Content));
    });

    private sealed record Resident(string Name, string IdNumber, string VillageCode, string Village);

    /// <summary>A real person of the demo's 红坡村: the head of its first household.</summary>
    private async Task<Resident> ResidentAsync()
    {
        await using var db = App.Database();
        var village = await db.Divisions.Where(d => d.Code == DemoPrefecture.FirstVillageCode).Select(d => d.Name).SingleAsync();
        var head = await db.Persons.Where(p => p.Household.VillageCode == DemoPrefecture.FirstVillageCode && p.Relation == Relation.Head)
            .OrderBy(p => p.Id).Select(p => new { p.Name, p.IdNumber }).FirstAsync();
        return new Resident(head.Name, head.IdNumber, DemoPrefecture.FirstVillageCode, village);
    }

    /// <summary>The number with its 17th digit changed, so the check character no longer fits.</summary>
    private static string Mistyped(string id) => id[..16] + (id[16] == '5' ? '6' : '5') + id[17];

    /// <summary>
    /// The pages only a filing or a lookup reaches, which AccessibilityTests cannot open: axe-core's WCAG 2.1 A/AA and
    /// best-practice rules.
    /// </summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice") });
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v =>
            $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>No sideways scrolling at 390 px, and every control a thumb can hit (44 px, or a label that tall around a radio).</summary>
    private static async Task AssertFitsAPhoneAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            () => {
              const wide = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
              const small = [];
              for (const e of document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a.button')) {
                const r = e.getBoundingClientRect();
                if (r.width === 0) continue;
                const h = e.matches('[type=radio], [type=checkbox]') ? e.closest('label').getBoundingClientRect().height : r.height;
                if (h < 43.5) small.push(`${e.tagName.toLowerCase()} ${e.name || e.innerText} ${h}px`);
              }
              return { inner: window.innerWidth, wide, small };
            }
            """);
        Assert.Equal(390, result.GetProperty("inner").GetInt32());
        Assert.True(result.GetProperty("wide").GetInt32() <= 390, $"{page.Url} is {result.GetProperty("wide")} px wide");
        Assert.Empty(result.GetProperty("small").EnumerateArray().Select(e => e.GetString()));
    }
}
