using System.Text.Json;
using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>
/// The dashboard over <see cref="IncomeReportWorld"/> on 15 January 2022 (China), with O1 — 尼史村's one monitored household
/// not eliminated (因病, identified 2021-03-01) — given what the guarantees look at: a child of nine out of school and not
/// insured who joined on 1 January 2022 (so not in 2021's income), a house graded C, and a drinking-water check found safe
/// in January 2021 then unsafe in June. Its figures must be the monitoring and income reports' own, plus hand counts.
/// </summary>
public sealed class DashboardTests : ImportTestBase
{
    private static readonly TimeProvider Jan15 = new FixedClock(new DateTimeOffset(2022, 1, 15, 4, 0, 0, TimeSpan.Zero));

    private async Task ArrangeAsync()
    {
        await IncomeReportWorld.ArrangeAsync(Database);
        await using var db = Database.Context();
        var o1 = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == $"{Synthetic.VillageA}-O1");
        var first17 = "53340120120601" + "021";
        o1.AddMember("学龄儿童", IdNumber.Parse(first17 + IdNumber.ComputeCheckCharacter(first17)).Value!.Value,
            new PersonDetails(Relation.Son, "藏族", HealthStatus.Healthy, null, LabourCapacity.None, Schooling.NotInSchool,
                Employment.NotWorking, null, false, false, null), memberFrom: new DateOnly(2022, 1, 1));
        o1.Describe(null, HouseholdFlags.None, HousingGrade.C);
        o1.RecordGuarantee(GuaranteeAspect.DrinkingWater, true, new DateOnly(2021, 1, 10), null);
        o1.RecordGuarantee(GuaranteeAspect.DrinkingWater, false, new DateOnly(2021, 6, 1), "水源干涸");
        await db.SaveChangesAsync();
    }

    private async Task<Dashboard.Result> RunAsync(string division, string? asOf = null, DataScope? scope = null, TimeProvider? clock = null)
    {
        await using var db = Database.Context(scope);
        return await new Dashboard(db, clock ?? Jan15, Database.Settings).HandleAsync(new Dashboard.Request(division, asOf), CancellationToken.None);
    }

    [Fact]
    public async Task On_a_new_day_every_unit_is_counted_again_before_the_dashboard_answers()
    {
        await ArrangeAsync();
        await RunAsync("5334");
        var jan16 = new FixedClock(new DateTimeOffset(2022, 1, 16, 4, 0, 0, TimeSpan.Zero));

        await using (var db = Database.Context())
        {
            var units = await db.FigureUnits.CountAsync();
            Assert.True(units >= 3, "the villages with records were counted");
            Assert.Equal(units, await new FigureStore(db, jan16).PendingCountAsync("5334",
                new FigureSet((await db.DivisionFigures.Where(f => f.DivisionCode == "5334").ToListAsync()).Select(f => KeyValuePair.Create(f.Key, f.Value))),
                CancellationToken.None));
        }
        var next = await RunAsync("5334", clock: jan16);

        Assert.Equal((new DateOnly(2022, 1, 16), 0), (next.Board!.AsOf, next.Board.Pending));
        await using var check = Database.Context();
        Assert.All(await check.FigureUnits.ToListAsync(), u => Assert.Equal(new DateOnly(2022, 1, 16), u.ComputedOn));
    }

    private async Task<string> MonitoringReportJsonAsync(string division, string asOf)
    {
        await using var db = Database.Context();
        var report = await new MonitoringReport(db, Jan15).HandleAsync(new MonitoringReport.Request(division, asOf), CancellationToken.None);
        Assert.True(report.Ok, report.Message);
        return JsonSerializer.Serialize(report.Report, MonitoringReport.Json);
    }

    private async Task<IncomeReport.Report> IncomeReportAsync(string division, string type)
    {
        await using var db = Database.Context();
        var report = await new IncomeReport(db, Jan15).HandleAsync(new IncomeReport.Request(division, "2021", type), CancellationToken.None);
        Assert.True(report.Ok, report.Message);
        return report.Report;
    }

    [Fact]
    public async Task Today_the_county_reads_the_monitoring_and_income_reports_own_figures_and_the_guarantees_counted_by_hand()
    {
        await ArrangeAsync();

        var result = await RunAsync(Synthetic.County);

        Assert.True(result.Ok, result.Message);
        var board = result.Board;
        Assert.False(board.Live);
        Assert.Equal(0, board.Pending);
        Assert.Equal(await MonitoringReportJsonAsync(Synthetic.County, "2022-01-15"), JsonSerializer.Serialize(board.Monitoring, MonitoringReport.Json));
        foreach (var income in board.Incomes)
        {
            var report = await IncomeReportAsync(Synthetic.County, income.HouseholdType);
            Assert.Equal(2021, income.Year);
            Assert.Equal((report.Households, report.Persons, report.PerCapitaNetIncome, report.PreviousYear, report.Change, report.ChangePct, report.Shares),
                (income.Households, income.Persons, income.PerCapitaNetIncome, income.PreviousYear, income.Change, income.ChangePct, income.Shares));
        }
        // The hand count of the worked example of IncomeReportTests, for the county's 脱贫户 in 2021.
        Assert.Equal(6000, board.Incomes[0].PerCapitaNetIncome);
        Assert.Equal(5227, board.Incomes[0].PreviousYear);

        // O1 is the only household not eliminated: its three members on the day, two insured (66.67 %), the child of nine out
        // of school, house C, water unsafe at the latest check.
        Assert.Equal(new Dashboard.Guarantees(3, 2, 66.67m, 1, 1, 1), board.Guarantee);
        // O1's 因病 has no measure yet: one household on the mismatch list, named by its number.
        Assert.Equal(1, board.RiskGaps);
        var gap = Assert.Single(board.RiskGapRows);
        Assert.Equal(($"{Synthetic.VillageA}-O1", "尼史村"), (gap.HouseholdNumber, gap.VillageName));
        Assert.Equal(["因病"], gap.MissingRiskTypes);
        Assert.All(board.Measures, m => Assert.Equal(0, m.Measures));

        // Drilling down: the county's two townships, 建塘镇 with O1 and P2, 小中甸镇 with P6 (eliminated in 2020).
        Assert.Equal(
            [("533401100", 2, 1, 1), ("533401101", 1, 1, 0)],
            board.Children.Select(c => (c.Code, c.Monitored.Households, c.Eliminated.Households, c.RiskGaps)));
    }

    [Fact]
    public async Task A_measure_written_after_the_figures_were_counted_moves_them_at_the_next_look_through_the_trigger()
    {
        await ArrangeAsync();
        var before = await RunAsync("5334");
        Assert.Equal(1, before.Board!.RiskGaps);

        await using (var db = Database.Context())
        {
            Assert.Empty(await db.FigureChanges.ToListAsync());
            var o1Case = await db.MonitoringCases.Include(c => c.Household).SingleAsync(c => c.Household.Number == $"{Synthetic.VillageA}-O1");
            db.Measures.Add(new AssistanceMeasure(o1Case, new MeasureDetails(MeasureType.Health, "大病救助", "县医保局", "张三",
                new DateOnly(2021, 4, 1), new DateOnly(2021, 5, 1), 3000m, MeasureStatus.Completed, null), "test", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            // The triggers noted 尼史村, and only it (on PostgreSQL once per statement: the measure, and the case's version).
            Assert.Equal([Synthetic.VillageA], await db.FigureChanges.Select(c => c.UnitCode).Distinct().ToListAsync());
        }

        var after = await RunAsync("5334");

        Assert.Equal(0, after.Board!.RiskGaps);
        Assert.Empty(after.Board.RiskGapRows);
        var health = after.Board.Measures.Single(m => m.Value == MeasureType.Health);
        Assert.Equal((1, 1), (health.Measures, health.Households));
        await using var check = Database.Context();
        Assert.Empty(await check.FigureChanges.ToListAsync());
    }

    [Fact]
    public async Task Figures_kept_up_to_date_change_by_change_equal_figures_counted_again_from_scratch()
    {
        await ArrangeAsync();
        await RunAsync("5334");
        await using (var db = Database.Context())
        {
            // A death in 诺西村 and a household moved from 尼史村 to 团结村: three villages change, two townships.
            var p4 = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == $"{Synthetic.VillageB}-P4");
            p4.RecordChange(ChangeKind.Death, new DateOnly(2022, 1, 10), p4.Members[0]);
            var p2 = await db.Households.SingleAsync(h => h.Number == $"{Synthetic.VillageA}-P2");
            p2.Update(DivisionCode.Parse(Synthetic.OtherTownshipVillage), null, p2.Type, null);
            await db.SaveChangesAsync();
        }
        await RunAsync("5334");
        var kept = await FiguresAsync();

        await using (var db = Database.Context())
            await new FigureStore(db, Jan15).RebuildAsync(CancellationToken.None);

        Assert.Equal(await FiguresAsync(), kept);
        Assert.Contains(("533401101201", "m.all.h", 2L), kept);
    }

    [Fact]
    public async Task A_household_with_a_gap_moved_to_a_village_counted_before_its_old_one_moves_its_gap_with_it()
    {
        await ArrangeAsync();
        await RunAsync("5334");
        const string Lower = "533401100200";
        await using (var db = Database.Context())
        {
            db.Divisions.Add(new Division(DivisionCode.Parse(Lower), "新村", DivisionCode.Parse(Synthetic.Township)));
            var o1 = await db.Households.SingleAsync(h => h.Number == $"{Synthetic.VillageA}-O1");
            o1.Update(DivisionCode.Parse(Lower), null, o1.Type, null);
            await db.SaveChangesAsync();
        }

        // One unit at a time: the new village (lower code) is counted before the old one still lists the gap.
        await using (var db = Database.Context())
            await new FigureStore(db, Jan15, batchSize: 1).RefreshAsync("5334", int.MaxValue, CancellationToken.None);
        var result = await RunAsync("5334");

        Assert.Equal(1, result.Board!.RiskGaps);
        Assert.Equal(Lower, Assert.Single(result.Board.RiskGapRows).VillageCode);
    }

    private async Task<List<(string, string, long)>> FiguresAsync()
    {
        await using var db = Database.Context();
        // The days units were counted for are left out: a rebuild also counts the townships without any application,
        // which nothing had asked for before (their figures are all zeros either way).
        var rows = await db.DivisionFigures.AsNoTracking().Where(f => !f.Key.StartsWith(FigureKeys.CountedOnPrefix)).ToListAsync();
        return [.. rows.Select(f => (f.DivisionCode, f.Key, f.Value)).Order()];
    }

    [Fact]
    public async Task An_earlier_date_is_counted_from_the_records_and_agrees_with_the_monitoring_report()
    {
        await ArrangeAsync();

        var result = await RunAsync("533401", "2021-06-30");

        Assert.True(result.Ok, result.Message);
        Assert.True(result.Board.Live);
        Assert.Equal(await MonitoringReportJsonAsync("533401", "2021-06-30"), JsonSerializer.Serialize(result.Board.Monitoring, MonitoringReport.Json));
        // On 30 June 2021 P2 was not yet eliminated (31 August) and O1's child had not joined; O1's water was found unsafe on
        // 1 June: P2's three and O1's two, all insured; both households' 因病 without a measure.
        Assert.Equal(new Dashboard.Guarantees(5, 5, 100.00m, 0, 1, 1), result.Board.Guarantee);
        Assert.Equal(2, result.Board.RiskGaps);
    }

    [Fact]
    public async Task A_township_officer_is_refused_another_township_and_a_date_after_today()
    {
        await ArrangeAsync();
        var township = new DataScope(false, [Synthetic.Township]);

        var other = await RunAsync("533401101", scope: township);
        var future = await RunAsync(Synthetic.Township, "2022-01-16", township);
        var own = await RunAsync(Synthetic.Township, scope: township);

        Assert.Equal(ReportRefusal.OutsideScope, other.Refused);
        Assert.Equal(ReportRefusal.InvalidInput, future.Refused);
        Assert.True(own.Ok, own.Message);
        Assert.Equal(2, own.Board.Monitoring.Monitored.Households);
    }

    [Fact]
    public async Task Timeliness_counts_this_years_approvals_through_the_workflow_their_median_days_and_the_late_and_overdue_ones()
    {
        await ArrangeAsync();
        // P1: lead 2 January, approved by the county on the 7th (5 days). P3: lead 20 December 2021, approved on 9 January
        // (20 days, past the 15-day limit). O2: lead 20 December 2021, not yet verified — due 4 January, overdue on the 15th.
        // The imported episodes (P2, O1, P6) have no lead here and are left out.
        await WorkflowCaseAsync("P1", new DateOnly(2022, 1, 2), approvedAfterDays: 5);
        await WorkflowCaseAsync("P3", new DateOnly(2021, 12, 20), approvedAfterDays: 20);
        await WorkflowCaseAsync("O2", new DateOnly(2021, 12, 20), approvedAfterDays: null);

        var result = await RunAsync(Synthetic.County);

        Assert.True(result.Ok, result.Message);
        // Two approvals: the median is the lower middle of 5 and 20.
        Assert.Equal(new Dashboard.Timeliness(2, 5, false, 1, 1, 1), result.Board.Identification);
        Assert.Equal(await MonitoringReportJsonAsync(Synthetic.County, "2022-01-15"), JsonSerializer.Serialize(result.Board.Monitoring, MonitoringReport.Json));
        Assert.Equal(2, result.Board.Monitoring.NewlyIdentified.Households);
    }

    private async Task WorkflowCaseAsync(string name, DateOnly leadOn, int? approvedAfterDays)
    {
        var village = new Actor("u-v", "村干部", Role.Village);
        var (township, county) = (village with { Role = Role.Township }, village with { Role = Role.County });
        var now = DateTimeOffset.UtcNow;
        await using var db = Database.Context();
        var policy = PolicyLookup.InForce(await db.PolicySets.ToListAsync(), Synthetic.VillageA, leadOn)!.Parameters;
        var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == $"{Synthetic.VillageA}-{name}");
        var c = MonitoringCase.Open(household, null, leadOn, policy);
        db.MonitoringCases.Add(c);
        var lead = new Lead(household, c, LeadChannel.CadreVisit, leadOn, now, village, new LeadDetails("户主突发疾病", ["01"]));
        db.Leads.Add(lead);
        c.Attach(lead, village, now);
        if (approvedAfterDays is { } days)
        {
            c.Verify(village, new Verification(leadOn, true, leadOn, MonitoringCategory.MarginalAtRisk, ["01"], false, null, null), policy, leadOn, now);
            c.RecordVillageReview(village, new VillageReview(leadOn, 10, 9, 0, "同意", leadOn), policy, leadOn, now);
            var closed = leadOn.AddDays(policy.PublicNoticeDays);
            c.CloseNotice(village, closed, policy, closed, now);
            c.ApproveAtTownship(township, closed, null, policy, closed, now);
            var approved = leadOn.AddDays(days);
            c.ApproveAtCounty(county, approved, null, approved, now);
        }
        await db.SaveChangesAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
