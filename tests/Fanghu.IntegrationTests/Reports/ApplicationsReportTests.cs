using System.Text.Json;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Applications;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Reports;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>The applications' KPIs over imported history, against the hand count written down in <see cref="ApplicationsHistory"/>.</summary>
public sealed class ApplicationsReportTests : ImportTestBase
{
    private async Task ImportHistoryAsync(string csv)
    {
        var report = await ImportAsync(ImportKind.Applications, Write("history.csv", csv));
        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
    }

    private async Task<ApplicationsReport.Result> ReportAsync(string division, string from = ApplicationsHistory.From, string to = ApplicationsHistory.To,
        DataScope? scope = null)
    {
        await using var db = Database.Context(scope);
        return await new ApplicationsReport(db, TimeProvider.System).HandleAsync(new ApplicationsReport.Request(division, from, to), default);
    }

    private static (int, int, decimal, int) Headline(ApplicationsReport.Result r) =>
        (r.Report!.Received, r.Report.Completed, r.Report.CompletionRate, r.Report.Overdue);

    private static string[] Areas(ApplicationsReport.Result r) => [.. r.Report!.ByArea.Select(a => $"{a.Area} {a.Received}/{a.Completed}")];

    [Fact]
    public async Task The_KPIs_of_a_village_a_township_and_the_county_equal_the_hand_count_of_the_imported_history()
    {
        await ImportHistoryAsync(ApplicationsHistory.Csv());

        var village = await ReportAsync(Synthetic.VillageA);
        var township = await ReportAsync(Synthetic.Township);
        var county = await ReportAsync(Synthetic.County);

        Assert.Equal((5, 2, 40.0m, 2), Headline(village));
        Assert.Equal(["生活 1/0", "就业 1/0", "教育 1/1", "医疗 1/1", "住房 1/0", "饮水 0/0"], Areas(village));
        Assert.Empty(village.Children);

        Assert.Equal((7, 3, 42.9m, 3), Headline(township));

        Assert.Equal((9, 5, 55.6m, 3), Headline(county));
        Assert.Equal(["生活 1/0", "就业 2/1", "教育 1/1", "医疗 2/1", "住房 2/1", "饮水 1/1"], Areas(county));
        Assert.Equal(("533401", new DateOnly(2024, 4, 1), new DateOnly(2024, 6, 30)), (county.Report!.Division, county.Report.From, county.Report.To));
        Assert.Equal("香格里拉市", county.DivisionName);
        // The townships below, and what the county took itself: together the county's figures.
        Assert.Equal(
            ["533401100 建塘镇 7/3/42.9/3", "533401101 小中甸镇 1/1/100.0/0", "  1/1/100.0/0"],
            county.Children.Select(c => $"{c.Code} {c.Name} {c.Figures.Received}/{c.Figures.Completed}/{c.Figures.CompletionRate}/{c.Figures.Overdue}"));

        // The platform's later export closes 0004 within the quarter: the same quarter now counts it completed and not overdue.
        await ImportHistoryAsync(ApplicationsHistory.CsvWithYN20240004Closed());
        Assert.Equal((5, 3, 60.0m, 1), Headline(await ReportAsync(Synthetic.VillageA)));
        Assert.Equal((9, 6, 66.7m, 2), Headline(await ReportAsync(Synthetic.County)));

        // A period closed before anything was concluded: all received, none completed, 0.0 written with its decimal.
        var april = await ReportAsync(Synthetic.VillageA, "2024-04-01", "2024-04-05");
        Assert.Equal((1, 0, 0.0m, 0), Headline(april));
        Assert.Equal("0.0", april.Report!.CompletionRate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("100.0", (await ReportAsync(Synthetic.OtherTownshipVillage)).Report!.CompletionRate.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_JSON_has_the_published_shape_with_the_rate_as_a_number_with_one_decimal()
    {
        await ImportHistoryAsync(ApplicationsHistory.Csv());

        var json = JsonSerializer.Serialize((await ReportAsync("533401000000")).Report, ApplicationsReport.Json);
        var empty = JsonSerializer.Serialize((await ReportAsync(Synthetic.VillageB, "2023-01-01", "2023-12-31")).Report, ApplicationsReport.Json);

        Assert.Equal(
            """{"division":"533401","from":"2024-04-01","to":"2024-06-30","received":9,"completed":5,"completionRate":55.6,"overdue":3,"byArea":[{"area":"生活","received":1,"completed":0},{"area":"就业","received":2,"completed":1},{"area":"教育","received":1,"completed":1},{"area":"医疗","received":2,"completed":1},{"area":"住房","received":2,"completed":1},{"area":"饮水","received":1,"completed":1}]}""",
            json);
        Assert.Contains("\"received\":0,\"completed\":0,\"completionRate\":0.0,\"overdue\":0", empty);
    }

    [Fact]
    public async Task A_period_that_ends_after_today_judges_overdue_as_of_today()
    {
        var today = TimeProvider.System.Today();
        var csv = ApplicationsHistory.Header + "\n" +
                  $"N1,{today.AddDays(-3):yyyy-MM-dd},甲,{Synthetic.Id(6001)},13900000001,{Synthetic.VillageA},医疗,说明,,\n" +
                  $"N2,{today.AddDays(-30):yyyy-MM-dd},乙,{Synthetic.Id(6002)},13900000002,{Synthetic.VillageA},医疗,说明,,\n";
        await ImportHistoryAsync(csv);

        var result = await ReportAsync(Synthetic.VillageA, $"{today.AddDays(-60):yyyy-MM-dd}", $"{today.AddDays(30):yyyy-MM-dd}");

        // N1 is due in seven days: not late today, whatever the period's last day. N2 has been due for twenty days.
        Assert.Equal((2, 0, 0.0m, 1), Headline(result));
        Assert.Equal(today, result.OverdueAsOf);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_Chinese_reason_and_a_division_outside_the_scope_is_not_counted_in_part()
    {
        await ImportHistoryAsync(ApplicationsHistory.Csv());

        async Task Refused(ReportRefusal why, string message, string? division, string? from, string? to, DataScope? scope = null)
        {
            await using var db = Database.Context(scope);
            var result = await new ApplicationsReport(db, TimeProvider.System).HandleAsync(new ApplicationsReport.Request(division, from, to), default);
            Assert.False(result.Ok);
            Assert.Equal((why, message), (result.Refused!.Value, result.Message));
        }

        await Refused(ReportRefusal.InvalidInput, "结束日期 2024年4月1日 早于开始日期 2024年6月30日", Synthetic.County, "2024-06-30", "2024-04-01");
        await Refused(ReportRefusal.InvalidInput, "请指定开始日期", Synthetic.County, null, "2024-04-01");
        await Refused(ReportRefusal.InvalidInput, "结束日期：日期“2024-02-30”无法识别，请写成 2021-05-26 或 2021年5月26日", Synthetic.County, "2024-01-01", "2024-02-30");
        await Refused(ReportRefusal.InvalidInput, "请指定区划代码", " ", "2024-01-01", "2024-02-01");
        await Refused(ReportRefusal.UnknownDivision, "区划 533499 不存在", "533499", "2024-01-01", "2024-02-01");
        await Refused(ReportRefusal.OutsideScope, "建塘镇（533401100）不在您的管辖范围内，不能查看其统计", Synthetic.Township, "2024-01-01", "2024-12-31",
            DataScope.For(Role.Village, [Synthetic.VillageA]));

        // Within the scope the figures are whole: the village account sees its village as the county does.
        Assert.Equal((5, 2, 40.0m, 2), Headline(await ReportAsync(Synthetic.VillageA, scope: DataScope.For(Role.Village, [Synthetic.VillageA]))));
    }
}
