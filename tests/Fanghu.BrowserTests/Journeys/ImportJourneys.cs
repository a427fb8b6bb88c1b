using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Fanghu.BrowserTests.Infrastructure;
using Fanghu.Demo;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Fanghu.BrowserTests.Journeys;

/// <summary>数据导入: a county officer uploads a persons file, reads the summary, then the error report of a bad file.</summary>
public sealed class ImportJourneys(BrowserApp app) : Journey(app)
{
    private const string Header = "行政区划代码,村民小组,户编号,姓名,证件号码,与户主关系,民族,健康状况,劳动技能,在校情况,务工情况,基本医疗保险,户类型,联系电话";

    [BrowserFact]
    public Task A_county_officer_imports_a_persons_file_and_reads_the_summary() => Walk(async () =>
    {
        var (first, second) = (await NewHouseholdNumbersAsync("71"), await NewHouseholdNumbersAsync("72"));
        var ids = await NewIdNumbersAsync(3);
        var village = DemoPrefecture.FirstVillageCode;
        var csv = Csv(
            $"{village},第一村民小组,{first},拉姆央宗,{ids[0]},户主,藏族,健康,普通劳动力,非在校生,县内乡外,是,一般农户,13900000001",
            $"{village},第一村民小组,{first},格桑平措,{ids[1]},之子,藏族,健康,无劳动力,小学,未务工,是,,",
            $"{village},第二村民小组,{second},和秀英,{ids[2]},户主,纳西族,长期慢性病,弱劳动力或半劳动力,非在校生,未务工,是,脱贫户,");

        var page = await SignedInPageAsync("county", Screen.Desk);
        await UploadAsync(page, "人员信息-香格里拉.csv", csv);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "导入完成" })).ToBeVisibleAsync();
        await Expect(page.Locator(".stat").Filter(new() { HasText = "新增" })).ToHaveTextAsync(new Regex(@"^3\s*新增$"));
        await Expect(page.Locator(".stat").Filter(new() { HasText = "退回" })).ToHaveTextAsync(new Regex(@"^0\s*退回$"));
        // The outcome is where the eye lands after the upload, not below the form.
        await Expect(page.GetByText("新增 2")).ToBeInViewportAsync();
        await ShowcaseAsync(page, "import-desk");

        await using var db = App.Database();
        Assert.Equal(3, await db.Persons.CountAsync(p => ids.Contains(p.IdNumber)));
        var households = await db.Households.Where(h => h.Number == first || h.Number == second)
            .Select(h => new { h.Number, h.VillageCode, Members = h.Members.Count })
            .OrderBy(h => h.Number).ToListAsync();
        Assert.Equal([(first, village, 2), (second, village, 1)], households.Select(h => (h.Number, h.VillageCode, h.Members)));
    });

    [BrowserFact]
    public Task A_bad_persons_file_is_rejected_whole_with_each_error_by_row_and_column() => Walk(async () =>
    {
        var number = await NewHouseholdNumbersAsync("73");
        var ids = await NewIdNumbersAsync(3);
        var wrongCheck = ids[2][..17] + (ids[2][17] == '0' ? '1' : '0');
        var village = DemoPrefecture.FirstVillageCode;
        var csv = Csv(
            $"{village},第一村民小组,{number},扎西顿珠,{ids[0]},户主,藏族,健康,普通劳动力,非在校生,未务工,是,一般农户,",
            $"{village},第一村民小组,{number},卓玛,{ids[1]},配偶,藏族,良好,普通劳动力,非在校生,未务工,是,,",
            $"{village},第一村民小组,{number},次仁,{wrongCheck},之子,藏族,健康,无劳动力,小学,未务工,是,,");

        var page = await SignedInPageAsync("county", Screen.Desk);
        await UploadAsync(page, "人员信息-有错.csv", csv);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "文件未导入，数据库未作任何改动" })).ToBeVisibleAsync();
        // Line 1 is the header, so the second and third persons are on lines 3 and 4 of the file.
        var health = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "良好" });
        await Expect(health.GetByRole(AriaRole.Cell)).ToHaveTextAsync([
            new Regex("^3$"), new Regex("^健康状况$"), new Regex("^健康状况“良好”不在可选值中，可选：.*健康"),
        ]);
        await Expect(health).ToBeInViewportAsync();
        var id = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "证件号码" }).Filter(new() { HasText = "校验" });
        await Expect(id.GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^4$"), new Regex("^证件号码$"), new Regex("校验位不正确")]);
        await ShowcaseAsync(page, "import-errors-desk");

        await using var db = App.Database();
        Assert.False(await db.Households.AnyAsync(h => h.Number == number), "a rejected file must not add its household");
        Assert.False(await db.Persons.AnyAsync(p => ids.Contains(p.IdNumber)), "a rejected file must not add its persons, not even the good rows");
    });

    private static async Task UploadAsync(IPage page, string fileName, string csv)
    {
        await page.GotoAsync("/Imports");
        await page.GetByLabel("导入模板").SelectOptionAsync(new SelectOptionValue { Label = "人员信息" });
        await page.GetByLabel("文件（CSV 或 XLSX）").SetInputFilesAsync(new FilePayload
        {
            Name = fileName,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
    }

    private static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    /// <summary>A 户编号 of 红坡村 that the registry does not hold yet (the demo numbers end in four digits from 0001).</summary>
    private async Task<string> NewHouseholdNumbersAsync(string series)
    {
        await using var db = App.Database();
        var prefix = DemoPrefecture.FirstVillageCode + "9" + series;
        var taken = await db.Households.Where(h => h.Number.StartsWith(prefix)).Select(h => h.Number).ToListAsync();
        return Enumerable.Range(0, 10).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).First(n => !taken.Contains(n));
    }

    /// <summary>
    /// Synthetic ID numbers of 香格里拉市 born on 1 March 1961 with a valid GB 11643 check character, none of them
    /// already in the registry.
    /// </summary>
    private async Task<string[]> NewIdNumbersAsync(int count)
    {
        const string first14 = "53340119610301";
        await using var db = App.Database();
        var taken = await db.Persons.Where(p => p.IdNumber.StartsWith(first14)).Select(p => p.IdNumber).ToListAsync();
        // No sequence ending in 00: a number ending in 000 is refused as probably truncated by Excel.
        return [.. Enumerable.Range(100, 900)
            .Where(n => n % 100 != 0)
            .Select(n => first14 + n.ToString(CultureInfo.InvariantCulture))
            .Select(first17 => first17 + IdNumber.ComputeCheckCharacter(first17))
            .Where(id => !taken.Contains(id))
            .Take(count)];
    }
}
