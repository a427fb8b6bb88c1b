using System.Diagnostics;
using System.Text.Json;
using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore;
using static Fanghu.Reports.MonitoringReport;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>
/// The monitoring report over data brought in through the real imports, checked field by field against a hand
/// count. Six households of four, each named here by its role in the story:
/// <code>
/// A1 village A  ep1 2021-03-01 脱贫不稳定户 01;0201 eliminated 2021-12-20; ep2 (re-entry) 2022-06-01 突发严重困难户 03
/// A2 village A  2021-05-10 边缘易致贫户 01;04, eliminated 2022-03-15
/// A3 village A  never monitored
/// A4 village A  2022-02-01 脱贫不稳定户 09
/// B1 village B  2022-01-10 突发严重困难户 05; the spouse died on 2022-01-20 (three members from that day)
/// C1 village C  (another township) ep1 2021-02-01 脱贫不稳定户 01 eliminated 2021-06-30; ep2 2021-09-01 边缘易致贫户 07 eliminated 2021-11-30
/// </code>
/// </summary>
public sealed class MonitoringReportTests : ImportTestBase
{
    private const string MonitoringHeader = "户编号,监测对象类别,风险类型,识别日期,风险消除日期,风险消除方式";

    private static readonly string A1 = Synthetic.VillageA + "00000", A2 = Synthetic.VillageA + "00001", A4 = Synthetic.VillageA + "00003";
    private static readonly string B1 = Synthetic.VillageB + "00000", C1 = Synthetic.OtherTownshipVillage + "00000";

    private async Task ArrangeAsync()
    {
        var persons = Synthetic.PersonRows(4, 0, Synthetic.VillageA)
            .Concat(Synthetic.PersonRows(1, 100, Synthetic.VillageB))
            .Concat(Synthetic.PersonRows(1, 200, Synthetic.OtherTownshipVillage));
        var registered = await ImportAsync(ImportKind.Persons, Write("persons.csv", Synthetic.Csv(Synthetic.PersonsHeader, persons)));
        Assert.True(registered.Outcome == ImportOutcome.Imported, string.Join("\n", registered.Errors));

        // One row per household per file: the earlier episodes come first, as a migration from the national system would.
        var first = $"{MonitoringHeader}\n" +
                    $"{A1},脱贫不稳定户,01;0201,2021-03-01,2021-12-20,帮扶消除\n" +
                    $"{A2},边缘易致贫户,因病;因缺劳动力,2021/5/10,2022年3月15日,自然消除\n" +
                    $"{B1},突发严重困难户,05,2022年1月10日,,\n" +
                    $"{C1},脱贫不稳定户,01,20210201,2021-06-30,帮扶消除\n" +
                    $"{A4},脱贫不稳定户,因学,2022-02-01,,\n";
        var second = $"{MonitoringHeader}\n" +
                     $"{A1},突发严重困难户,03,2022-06-01,,\n" +
                     $"{C1},边缘易致贫户,07,2021-09-01,2021-11-30,自然消除\n";
        foreach (var (name, csv) in new[] { ("monitoring-1.csv", first), ("monitoring-2.csv", second) })
        {
            var report = await ImportAsync(ImportKind.Monitoring, Write(name, csv));
            Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        }

        await using var db = Database.Context();
        var b1 = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == B1);
        b1.RecordChange(ChangeKind.Death, new DateOnly(2022, 1, 20), b1.Members.Single(m => m.Relation == Relation.Spouse));
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.MonitoringCases.CountAsync(c => c.Household.Number == A1));
    }

    private async Task<Result> RunAsync(string division, string? asOf, DataScope? scope = null, TimeProvider? clock = null)
    {
        await using var db = Database.Context(scope);
        return await new MonitoringReport(db, clock ?? TimeProvider.System).HandleAsync(new Request(division, asOf), CancellationToken.None);
    }

    private static Report Expected(string division, string asOf, (int, int) monitored, (int, int) eliminated, (int, int) notEliminated,
        (MonitoringCategory, int, int)[] byCategory, (string, int, int)[] byRiskType, (int, int) newlyIdentified, (int, int) newlyEliminated) =>
        new(division, DateOnly.Parse(asOf), F(monitored), F(eliminated), F(notEliminated),
            [.. byCategory.Select(c => new CategoryFigures(c.Item1, MonitoringWords.Category.Word(c.Item1), c.Item2, c.Item3))],
            [.. byRiskType.Select(r => new RiskTypeFigures(r.Item1, RiskTypes.NameOf(r.Item1), r.Item2, r.Item3))],
            F(newlyIdentified), F(newlyEliminated));

    private static Figures F((int Households, int Persons) f) => new(f.Households, f.Persons);

    /// <summary>Compares every field, through the published JSON, so a difference shows as two readable lines.</summary>
    private static void AssertReport(Report expected, Result actual)
    {
        Assert.True(actual.Ok, actual.Message);
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual.Report, Json));
    }

    private static readonly Report PrefectureJanuary2022 = Expected("533400000000", "2022-01-31",
        monitored: (4, 15), eliminated: (2, 8), notEliminated: (2, 7),
        [(MonitoringCategory.UnstableFormerlyPoor, 1, 4), (MonitoringCategory.MarginalAtRisk, 2, 8), (MonitoringCategory.SuddenHardship, 1, 3)],
        [("01", 2, 8), ("0201", 1, 4), ("04", 1, 4), ("05", 1, 3), ("07", 1, 4)],
        newlyIdentified: (1, 3), newlyEliminated: (0, 0));

    [Fact]
    public async Task The_prefecture_at_the_end_of_January_2022_counts_each_household_once_by_its_latest_episode_and_persons_alive_on_the_date()
    {
        await ArrangeAsync();

        // A1 eliminated (its re-entry is later), A2 not yet eliminated, B1 three members, C1 by its second episode, A4 not yet.
        AssertReport(PrefectureJanuary2022, await RunAsync("5334", "2022-01-31"));
    }

    [Fact]
    public async Task The_prefecture_at_the_end_of_2022_sees_the_re_entry_the_later_elimination_and_the_years_new_households()
    {
        await ArrangeAsync();

        AssertReport(Expected("533400000000", "2022-12-31",
            monitored: (5, 19), eliminated: (2, 8), notEliminated: (3, 11),
            [(MonitoringCategory.UnstableFormerlyPoor, 1, 4), (MonitoringCategory.MarginalAtRisk, 2, 8), (MonitoringCategory.SuddenHardship, 2, 7)],
            [("01", 1, 4), ("03", 1, 4), ("04", 1, 4), ("05", 1, 3), ("07", 1, 4), ("09", 1, 4)],
            newlyIdentified: (3, 11), newlyEliminated: (1, 4)),
            await RunAsync("533400000000", "2022-12-31"));
    }

    [Fact]
    public async Task A_county_in_mid_2021_counts_an_earlier_episode_that_was_later_followed_by_another()
    {
        await ArrangeAsync();

        AssertReport(Expected("533401000000", "2021-07-15",
            monitored: (3, 12), eliminated: (1, 4), notEliminated: (2, 8),
            [(MonitoringCategory.UnstableFormerlyPoor, 2, 8), (MonitoringCategory.MarginalAtRisk, 1, 4)],
            [("01", 3, 12), ("0201", 1, 4), ("04", 1, 4)],
            newlyIdentified: (3, 12), newlyEliminated: (1, 4)),
            await RunAsync("533401", "2021-07-15"));
    }

    [Fact]
    public async Task A_township_counts_only_its_villages_and_lists_them_for_drilling_down()
    {
        await ArrangeAsync();

        var result = await RunAsync(Synthetic.Township, "2022-01-31");

        AssertReport(Expected("533401100000", "2022-01-31",
            monitored: (3, 11), eliminated: (1, 4), notEliminated: (2, 7),
            [(MonitoringCategory.UnstableFormerlyPoor, 1, 4), (MonitoringCategory.MarginalAtRisk, 1, 4), (MonitoringCategory.SuddenHardship, 1, 3)],
            [("01", 2, 8), ("0201", 1, 4), ("04", 1, 4), ("05", 1, 3)],
            newlyIdentified: (1, 3), newlyEliminated: (0, 0)), result);
        Assert.Equal("建塘镇", result.DivisionName);
        Assert.Equal(
            [
                (Synthetic.VillageA, "尼史村", new DivisionFigures(new(2, 8), new(1, 4), new(1, 4))),
                (Synthetic.VillageB, "诺西村", new DivisionFigures(new(1, 3), new(0, 0), new(1, 3))),
            ],
            result.Children.Select(c => (c.Code, c.Name, c.Figures)));
    }

    [Fact]
    public async Task A_village_given_by_its_12_digit_code_counts_two_eliminations_in_a_year_as_one_household()
    {
        await ArrangeAsync();

        var result = await RunAsync(Synthetic.OtherTownshipVillage, "2021-12-31");

        AssertReport(Expected(Synthetic.OtherTownshipVillage, "2021-12-31",
            monitored: (1, 4), eliminated: (1, 4), notEliminated: (0, 0),
            [(MonitoringCategory.MarginalAtRisk, 1, 4)],
            [("07", 1, 4)],
            newlyIdentified: (1, 4), newlyEliminated: (1, 4)), result);
        Assert.Empty(result.Children);
    }

    [Fact]
    public async Task Persons_are_the_members_on_the_date_so_a_death_counts_from_its_day()
    {
        await ArrangeAsync();

        var before = await RunAsync(Synthetic.VillageB, "2022-01-19");
        var onTheDay = await RunAsync(Synthetic.VillageB, "2022-01-20");

        Assert.Equal(new Figures(1, 4), before.Report!.Monitored);
        Assert.Equal(new Figures(1, 3), onTheDay.Report!.Monitored);
    }

    [Fact]
    public async Task Dates_are_read_in_the_forms_the_imports_accept_and_default_to_today()
    {
        await ArrangeAsync();
        var clock = new FixedClock(new DateTimeOffset(2022, 1, 31, 15, 0, 0, TimeSpan.Zero));

        AssertReport(PrefectureJanuary2022, await RunAsync("5334", "2022年1月31日"));
        AssertReport(PrefectureJanuary2022, await RunAsync("5334", "20220131"));
        AssertReport(PrefectureJanuary2022, await RunAsync("5334", "2022/1/31"));
        AssertReport(PrefectureJanuary2022, await RunAsync("5334", null, clock: clock));
    }

    [Fact]
    public async Task Today_is_the_date_in_China_even_on_a_server_that_keeps_UTC()
    {
        await ArrangeAsync();
        // 20:00 UTC on 1 March is 04:00 on 2 March in China.
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero));

        var chinaToday = await RunAsync("5334", "2026-03-02", clock: clock);
        var byDefault = await RunAsync("5334", null, clock: clock);

        Assert.True(chinaToday.Ok, chinaToday.Message);
        Assert.Equal(new DateOnly(2026, 3, 2), byDefault.Report!.AsOf);
    }

    [Fact]
    public async Task A_bad_code_an_unknown_division_a_bad_date_or_a_future_date_is_refused_with_a_Chinese_message()
    {
        await ArrangeAsync();
        var clock = new FixedClock(new DateTimeOffset(2022, 1, 31, 15, 0, 0, TimeSpan.Zero));

        var badCode = await RunAsync("53340", "2022-01-31");
        var unknown = await RunAsync("533499", "2022-01-31");
        var badDate = await RunAsync("5334", "2022-02-30");
        var future = await RunAsync("5334", "2022-02-01", clock: clock);
        var missing = await RunAsync(" ", null);

        Assert.Equal((ReportRefusal.InvalidInput, false), (badCode.Refused!.Value, badCode.Ok));
        Assert.Contains("长度不对", badCode.Message);
        Assert.Equal(ReportRefusal.UnknownDivision, unknown.Refused);
        Assert.Equal("区划 533499000000 不存在", unknown.Message);
        Assert.Equal(ReportRefusal.InvalidInput, badDate.Refused);
        Assert.Contains("无法识别", badDate.Message);
        Assert.Equal(ReportRefusal.InvalidInput, future.Refused);
        Assert.Contains("晚于今天", future.Message);
        Assert.Equal(ReportRefusal.InvalidInput, missing.Refused);
    }

    [Fact]
    public async Task A_scoped_user_gets_their_own_village_but_a_division_they_only_partly_cover_is_refused_not_counted_in_part()
    {
        await ArrangeAsync();
        var villageA = new DataScope(false, [Synthetic.VillageA]);

        var own = await RunAsync(Synthetic.VillageA, "2022-01-31", villageA);
        var township = await RunAsync(Synthetic.Township, "2022-01-31", villageA);
        var other = await RunAsync(Synthetic.VillageB, "2022-01-31", villageA);

        Assert.Equal(new Figures(2, 8), own.Report!.Monitored);
        Assert.Equal(ReportRefusal.OutsideScope, township.Refused);
        Assert.Equal("建塘镇（533401100000）不在您的管辖范围内，不能查看其统计", township.Message);
        Assert.Equal(ReportRefusal.OutsideScope, other.Refused);
    }

    [Fact]
    public async Task The_command_prints_the_same_report_as_json_a_Chinese_table_as_text_and_exits_1_on_an_unknown_division()
    {
        await ArrangeAsync();

        var json = await CliAsync("report", "monitoring", "--division", "533400000000", "--as-of", "2022-01-31", "--format", "json");
        var text = await CliAsync("report", "monitoring", "--division", "5334", "--as-of", "2022年1月31日");
        var unknown = await CliAsync("report", "monitoring", "--division", "533499", "--format", "json");

        Assert.True(json.Exit == 0, json.Out + json.Err);
        using var parsed = JsonDocument.Parse(json.Out);
        var root = parsed.RootElement;
        Assert.Equal("533400000000", root.GetProperty("division").GetString());
        Assert.Equal("2022-01-31", root.GetProperty("asOf").GetString());
        Assert.Equal(4, root.GetProperty("monitored").GetProperty("households").GetInt32());
        Assert.Equal(15, root.GetProperty("monitored").GetProperty("persons").GetInt32());
        Assert.Equal("脱贫不稳定户", root.GetProperty("byCategory")[0].GetProperty("category").GetString());
        Assert.Contains("\"name\":\"因病\"", json.Out);
        Assert.Equal(JsonSerializer.Serialize(PrefectureJanuary2022, Json), json.Out.Trim());

        Assert.True(text.Exit == 0, text.Out + text.Err);
        Assert.Contains("迪庆藏族自治州（533400000000）", text.Out);
        Assert.Matches(@"累计纳入监测\s+4\s+15", text.Out);
        Assert.Matches(@"未消除风险\s+2\s+7", text.Out);
        Assert.Matches(@"突发严重困难户\s+1\s+3", text.Out);

        Assert.Equal(1, unknown.Exit);
        Assert.Contains("区划 533499000000 不存在", unknown.Err);
    }

    [Fact]
    public async Task The_command_exports_xlsx_with_the_summary_sheet_first_and_refuses_xlsx_without_an_output_file()
    {
        await ArrangeAsync();
        var path = Path.Combine(Folder, "监测对象统计.xlsx");

        var written = await CliAsync("report", "monitoring", "--division", "5334", "--as-of", "2022-01-31", "--format", "xlsx", "--output", path);
        var noOutput = await CliAsync("report", "monitoring", "--division", "5334", "--format", "xlsx");

        Assert.True(written.Exit == 0, written.Out + written.Err);
        Assert.Contains("已导出", written.Out);
        var rows = XlsxReader.ReadRows(path).Select(r => string.Join("|", r.Cells)).ToList();
        Assert.Equal(["迪庆藏族自治州（5334）监测对象统计 截至2022年1月31日||", "项目|户数|人数", "累计纳入监测|4|15", "已消除风险|2|8", "未消除风险|2|7", "2022年新识别纳入|1|3", "2022年新消除风险|0|0"], rows);
        Assert.False(File.Exists(path + ".part"));
        Assert.Equal(1, noOutput.Exit);
        Assert.Contains("--output", noOutput.Err);
    }

    private Task<(int Exit, string Out, string Err)> CliAsync(params string[] args) => CliProcess.RunAsync(Database, args);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
