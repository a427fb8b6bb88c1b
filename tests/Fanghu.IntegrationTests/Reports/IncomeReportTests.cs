using System.Text.Json;
using Fanghu.Accounts;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Reports;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>
/// The income report over <see cref="IncomeReportWorld"/>, compared with hand-computed figures through the published
/// JSON. Each expected line is worked out in the comment above it from the world's table.
/// </summary>
public sealed class IncomeReportTests : ImportTestBase
{
    private async Task<IncomeReport.Result> RunAsync(string division, string? year, string? type = null, DataScope? scope = null)
    {
        await using var db = Database.Context(scope);
        return await new IncomeReport(db, TimeProvider.System).HandleAsync(new IncomeReport.Request(division, year, type), CancellationToken.None);
    }

    private async Task<string> JsonAsync(string division, string year, string? type = null)
    {
        var result = await RunAsync(division, year, type);
        Assert.True(result.Ok, result.Message);
        return JsonSerializer.Serialize(result.Report, IncomeReport.Json);
    }

    [Fact]
    public async Task A_village_counts_its_formerly_poor_households_with_a_record_and_rounds_a_half_yuan_away_from_zero()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        // 2021: P1 30000 (4 persons, the child born in May counts) + P2 11001 (3) = 41001 ÷ 7 = 5857.29 → 5857; P3 has no
        // 2021 record, O1 and O2 are 一般农户, P4–P7 are elsewhere. 2020: P1 26000 (3, before the birth) + P2 10500 (3)
        // + P3 4992 (2) = 41492 ÷ 8 = 5186.5 → 5187 (to even would be 5186). Change 670 = 12.917 % → 12.92.
        // Shares of 41001: 工资性 29000 → 70.73; 生产经营性 (10000 − 4000) 6000 → 14.63 (gross 10000 would be 24.39);
        // 财产性 1000 → 2.44; 转移性 5001 → 12.20.
        Assert.Equal(
            """{"division":"533401100201","year":2021,"householdType":"脱贫户","households":2,"persons":7,"perCapitaNetIncome":5857,"previousYear":5187,"change":670,"changePct":12.92,"shares":{"工资性":70.73,"生产经营性":14.63,"财产性":2.44,"转移性":12.20}}""",
            await JsonAsync(Synthetic.VillageA, "2021"));
    }

    [Fact]
    public async Task A_county_adds_its_other_villages_leaves_out_a_household_without_members_and_one_of_another_county()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        // 2021: P1 30000 (4) + P2 11001 (3) + P4 7000 (1; its operating income 5000 less 6000 expense is −1000) + P6 12000 (2)
        // = 60001 ÷ 10 = 6000.1 → 6000. P5's only member died in June: no one on 31 December, its 50000 is left out
        // (with it 110001 ÷ 10 would be 11000). P7 is in 德钦县. 2020: 26000 (3) + 10500 (3) + 4992 (2) + 6000 (1)
        // + 10000 (2) = 57492 ÷ 11 = 5226.55 → 5227. Change 773 = 14.789 % → 14.79.
        // Shares of 60001: 工资性 39000 → 65.00; 生产经营性 6000 − 1000 = 5000 → 8.33; 财产性 1000 → 1.67; 转移性 15001 → 25.00.
        Assert.Equal(
            """{"division":"533401","year":2021,"householdType":"脱贫户","households":4,"persons":10,"perCapitaNetIncome":6000,"previousYear":5227,"change":773,"changePct":14.79,"shares":{"工资性":65.00,"生产经营性":8.33,"财产性":1.67,"转移性":25.00}}""",
            await JsonAsync("533401000000", "2021", "脱贫户"));
    }

    [Fact]
    public async Task The_prefecture_takes_in_both_counties_and_its_shares_rounded_one_by_one_add_to_99_99()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        // The county's 60001 (10) + P7 100000 (5) = 160001 ÷ 15 = 10666.73 → 10667; 2020 as the county (P7 has no record)
        // 5227; change 5440 = 104.0749 % → 104.07. Shares of 160001: 139000 → 86.87, 5000 → 3.12, 1000 → 0.62,
        // 15001 → 9.38 — together 99.99.
        Assert.Equal(
            """{"division":"5334","year":2021,"householdType":"脱贫户","households":5,"persons":15,"perCapitaNetIncome":10667,"previousYear":5227,"change":5440,"changePct":104.07,"shares":{"工资性":86.87,"生产经营性":3.12,"财产性":0.62,"转移性":9.38}}""",
            await JsonAsync("5334", "2021"));
    }

    [Fact]
    public async Task Ordinary_households_are_counted_by_type_whether_monitored_or_not()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        // 2021: O1 10000 (2) + O2 30000 (3) = 40000 ÷ 5 = 8000. 2020: O1 7500 (2) = 3750 (O2 has no 2020 record).
        // Change 4250 = 113.33 %. Shares of 40000: 36000 → 90.00; 3000 − 1500 = 1500 → 3.75; 0 → 0.00; 2500 → 6.25.
        Assert.Equal(
            """{"division":"533401","year":2021,"householdType":"一般农户","households":2,"persons":5,"perCapitaNetIncome":8000,"previousYear":3750,"change":4250,"changePct":113.33,"shares":{"工资性":90.00,"生产经营性":3.75,"财产性":0.00,"转移性":6.25}}""",
            await JsonAsync(Synthetic.County, "2021", "一般农户"));
    }

    [Fact]
    public async Task Monitored_households_of_either_type_count_for_the_years_they_were_monitored_in()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        // 2021: O1 (identified 2021-03-01) 10000 (2) + P2 (eliminated 2021-08-31, still monitored in 2021) 11001 (3)
        // = 21001 ÷ 5 = 4200.2 → 4200; P6 was eliminated in 2020. 2020: P2 10500 (3) + P6 (identified and eliminated in
        // 2020) 10000 (2) = 20500 ÷ 5 = 4100; O1 was not yet identified. Change 100 = 2.439 % → 2.44.
        // Shares of 21001: 15000 → 71.43; 3000 − 1500 = 1500 → 7.14; 0 → 0.00; 4501 → 21.43.
        Assert.Equal(
            """{"division":"533401","year":2021,"householdType":"监测户","households":2,"persons":5,"perCapitaNetIncome":4200,"previousYear":4100,"change":100,"changePct":2.44,"shares":{"工资性":71.43,"生产经营性":7.14,"财产性":0.00,"转移性":21.43}}""",
            await JsonAsync(Synthetic.County, "2021", "监测户"));
        // 监测对象 is the same population under DESIGN's other word; the JSON names it 监测户.
        Assert.Equal(await JsonAsync(Synthetic.County, "2021", "监测户"), await JsonAsync(Synthetic.County, "2021", "监测对象"));
    }

    [Fact]
    public async Task A_year_without_records_is_all_zeros_with_two_decimals_and_no_change_percentage()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        // 2020 in 诺西村: P4 6000 (1); 2019: no records, so previousYear 0 and changePct 0.00 rather than a division by zero.
        Assert.Equal(
            """{"division":"533401100202","year":2020,"householdType":"脱贫户","households":1,"persons":1,"perCapitaNetIncome":6000,"previousYear":0,"change":6000,"changePct":0.00,"shares":{"工资性":0.00,"生产经营性":0.00,"财产性":0.00,"转移性":100.00}}""",
            await JsonAsync(Synthetic.VillageB, "2020"));
        Assert.Equal(
            """{"division":"533401100202","year":2019,"householdType":"一般农户","households":0,"persons":0,"perCapitaNetIncome":0,"previousYear":0,"change":0,"changePct":0.00,"shares":{"工资性":0.00,"生产经营性":0.00,"财产性":0.00,"转移性":0.00}}""",
            await JsonAsync(Synthetic.VillageB, "2019", "一般农户"));
    }

    [Fact]
    public async Task Bad_requests_are_refused_in_Chinese_and_a_division_outside_the_scope_is_not_counted_in_part()
    {
        await IncomeReportWorld.ArrangeAsync(Database);
        var nextYear = DateTime.Now.Year + 1;

        async Task Refused(ReportRefusal why, string message, string? division, string? year, string? type = null, DataScope? scope = null)
        {
            var result = await RunAsync(division!, year, type, scope);
            Assert.False(result.Ok);
            Assert.Equal((why, message), (result.Refused!.Value, result.Message));
        }

        await Refused(ReportRefusal.InvalidInput, "请指定区划代码", " ", "2021");
        await Refused(ReportRefusal.InvalidInput, "请指定年度，如 2021", Synthetic.County, null);
        await Refused(ReportRefusal.InvalidInput, "年度“21年度”无效，应为 2000 年起的四位年份，如 2021", Synthetic.County, "21年度");
        await Refused(ReportRefusal.InvalidInput, "年度“1999”无效，应为 2000 年起的四位年份，如 2021", Synthetic.County, "1999");
        await Refused(ReportRefusal.InvalidInput, $"{nextYear}年尚未开始（今年是 {nextYear - 1} 年），没有该年度的收入", Synthetic.County, $"{nextYear}");
        await Refused(ReportRefusal.InvalidInput, "户类型“贫困户”无效，应为 脱贫户、一般农户 或 监测户", Synthetic.County, "2021", "贫困户");
        await Refused(ReportRefusal.UnknownDivision, "区划 533499 不存在", "533499", "2021");
        await Refused(ReportRefusal.OutsideScope, "香格里拉市（533401）不在您的管辖范围内，不能查看其统计", Synthetic.County, "2021",
            scope: DataScope.For(Role.Village, [Synthetic.VillageA]));

        // Full-width digits and a trailing 年 are a year; within its scope a village account sees what the prefecture sees.
        var own = await RunAsync(Synthetic.VillageA, "２０２１年", scope: DataScope.For(Role.Village, [Synthetic.VillageA]));
        Assert.True(own.Ok, own.Message);
        Assert.Equal((2, 7, 5857L), (own.Report.Households, own.Report.Persons, own.Report.PerCapitaNetIncome));
    }
}
