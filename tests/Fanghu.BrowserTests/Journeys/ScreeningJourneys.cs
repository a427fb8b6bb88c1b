using System.Text;
using System.Text.RegularExpressions;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>部门筛查: the 医保 officer uploads a medical settlements file, watches the run finish and reads its warning.</summary>
public sealed class ScreeningJourneys(BrowserApp app) : Journey(app)
{
    [BrowserFact]
    public Task A_medical_officer_uploads_settlements_and_reads_the_warning_of_the_one_household_over_the_threshold() => Walk(async () =>
    {
        // Three members of 脱贫户 in 德钦县 whose households have no case yet (the other journeys work in 香格里拉市).
        await using var db = App.Database();
        var people = await db.Persons.AsNoTracking()
            .Where(p => p.Status == PersonStatus.Member && p.MemberUntil == null && p.Household.CountyCode == DemoPrefecture.DeqenCode
                && p.Household.Type == HouseholdType.FormerlyPoor && !db.MonitoringCases.Any(c => c.HouseholdId == p.HouseholdId))
            .OrderByDescending(p => p.HouseholdId).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.IdNumber, p.HouseholdId })
            .ToListAsync();
        var picked = people.DistinctBy(p => p.HouseholdId).Take(3).ToList();
        Assert.Equal(3, picked.Count);
        var (sick, others) = (picked[0], picked.Skip(1).ToList());
        var year = DateTime.Today.Year - 1;
        // Self-paid 3,200 + 2,900 = 6,100 元 over the year for one person; the others stay well under 5,000.
        var csv = string.Join("\r\n",
            "证件号码,结算日期,总费用,报销,个人自付",
            $"{sick.IdNumber},{year}-03-12,8200.00,5000.00,3200.00",
            $"{sick.IdNumber},{year}-10-02,6900.00,4000.00,2900.00",
            $"{others[0].IdNumber},{year}-05-20,1500.00,1200.00,300.00",
            $"{others[1].IdNumber},{year}-07-08,2600.00,2000.00,600.00") + "\r\n";

        var page = await SignedInPageAsync("department", Screen.Desk);
        await page.GetByRole(AriaRole.Link, new() { Name = "部门筛查" }).ClickAsync();
        await page.GetByLabel("数据类型").SelectOptionAsync(new SelectOptionValue { Label = "医保 · 医保结算" });
        await page.GetByLabel("文件（CSV 或 XLSX）").SetInputFilesAsync(new FilePayload
        {
            Name = $"迪庆州医保结算{year}.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并筛查" }).ClickAsync();

        // The upload returns at once to the run's page, which reloads itself until the run is done.
        await Expect(page).ToHaveURLAsync(new Regex(@"/Screening/Run/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "筛查完成" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator(".stat").Filter(new() { HasText = "读取行数" })).ToHaveTextAsync(new Regex(@"^4\s*读取行数$"));
        await Expect(page.Locator(".stat").Filter(new() { HasText = "新增预警" })).ToHaveTextAsync(new Regex(@"^1\s*新增预警$"));
        var warning = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "medical-self-paid-poor v1" });
        await Expect(warning).ToHaveCountAsync(1);
        await Expect(warning).ToContainTextAsync(sick.Name);
        await Expect(warning).ToContainTextAsync(IdNumber.Mask(sick.IdNumber));
        await Expect(warning).ToContainTextAsync("6,100 / 5,000");
        // A department officer sees the warning, not the case it opened.
        await Expect(warning.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        // The README's picture: the counts and, under them, the warning that explains itself.
        await page.Locator("#warnings").EvaluateAsync("h => h.scrollIntoView({ block: 'center' })");
        await ShowcaseAsync(page, "screening-run");

        await using var check = App.Database();
        var written = await check.ScreeningWarnings.AsNoTracking().Where(w => w.Run!.FileName == $"迪庆州医保结算{year}.csv").ToListAsync();
        Assert.Equal([(sick.Id, year, 6100m)], written.Select(w => (w.PersonId ?? 0, w.Period, w.Value)));
        Assert.NotNull(written[0].LeadId);
    });
}
