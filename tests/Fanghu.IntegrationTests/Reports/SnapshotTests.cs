using System.Text.Json;
using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.IntegrationTests.Monitoring;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>
/// 报表冻结 on a real database, on 10 March 2022 (China time). Four households of four in 香格里拉市:
/// <code>
/// A1 尼史村  脱贫不稳定户 01, identified 2021-03-01, not eliminated when January 2022 is frozen
/// A2 尼史村  边缘易致贫户 04, identified 2021-05-10
/// A3 尼史村  never monitored
/// B1 诺西村  突发严重困难户 05, identified 2022-01-10
/// </code>
/// At the end of January 2022 the county has 3 monitored households (12 persons), none eliminated. After the freeze
/// the records are corrected: A1's risk was in fact eliminated on 20 January, and a member of B1 died on 25 January.
/// </summary>
public sealed class SnapshotTests : ImportTestBase
{
    private const string MonitoringHeader = "户编号,监测对象类别,风险类型,识别日期,风险消除日期,风险消除方式";
    private static readonly string A1 = Synthetic.VillageA + "00000", A2 = Synthetic.VillageA + "00001", B1 = Synthetic.VillageB + "00000";

    private static readonly Actor County = new("c1", "县局干部", Role.County);
    private static readonly Actor Prefecture = new("p1", "州局干部", Role.Prefecture);
    private static readonly Actor Village = new("v1", "村干部", Role.Village);
    private static readonly DataScope CountyScope = new(false, [Synthetic.County]);

    private readonly AdjustableClock _clock = new(new DateTimeOffset(2022, 3, 10, 2, 0, 0, TimeSpan.Zero));

    private async Task ArrangeAsync()
    {
        var persons = Synthetic.PersonRows(3, 0, Synthetic.VillageA).Concat(Synthetic.PersonRows(1, 100, Synthetic.VillageB));
        var registered = await ImportAsync(ImportKind.Persons, Write("persons.csv", Synthetic.Csv(Synthetic.PersonsHeader, persons)));
        Assert.True(registered.Outcome == ImportOutcome.Imported, string.Join("\n", registered.Errors));
        var monitoring = await ImportAsync(ImportKind.Monitoring, Write("monitoring.csv",
            $"{MonitoringHeader}\n{A1},脱贫不稳定户,01,2021-03-01,,\n{A2},边缘易致贫户,04,2021-05-10,,\n{B1},突发严重困难户,05,2022-01-10,,\n"));
        Assert.True(monitoring.Outcome == ImportOutcome.Imported, string.Join("\n", monitoring.Errors));
    }

    /// <summary>The corrections made after January was frozen, both dated inside January.</summary>
    private async Task CorrectJanuaryAsync()
    {
        await using var db = Database.Context();
        var a1 = await db.MonitoringCases.SingleAsync(c => c.Household.Number == A1);
        a1.Set(MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2021, 3, 1), new DateOnly(2022, 1, 20), EliminationMethod.ThroughAssistance);
        var b1 = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == B1);
        b1.RecordChange(ChangeKind.Death, new DateOnly(2022, 1, 25), b1.Members.Single(m => m.Relation == Relation.Spouse));
        await db.SaveChangesAsync();
    }

    private async Task<FreezeReport.Result> FreezeAsync(Actor actor, FreezeReport.Request request, DataScope? scope = null)
    {
        await using var db = Database.Context(scope ?? CountyScope);
        return await new FreezeReport(db, _clock).HandleAsync(actor, request, CancellationToken.None);
    }

    private async Task<CompareSnapshot.Result> CompareAsync(long id, DataScope? scope = null)
    {
        await using var db = Database.Context(scope ?? CountyScope);
        return await new CompareSnapshot(db, _clock).HandleAsync(id, CancellationToken.None);
    }

    private static FreezeReport.Request January(string division = Synthetic.County, string kind = "monitoring") => new(kind, division, "2022-01");

    [Fact]
    public async Task A_frozen_month_keeps_its_figures_after_a_correction_and_the_comparison_names_what_changed()
    {
        await ArrangeAsync();

        var frozen = await FreezeAsync(County, January() with { Note = "1月月报" });
        Assert.True(frozen.Ok, frozen.Message);
        await CorrectJanuaryAsync();
        var compared = await CompareAsync(frozen.Snapshot.Id);

        // The snapshot is the report's published JSON as it stood at the freeze: 3 households of 12, none eliminated.
        await using (var db = Database.Context())
        {
            var stored = await db.ReportSnapshots.AsNoTracking().SingleAsync();
            var report = JsonDocument.Parse(stored.ReportJson).RootElement;
            Assert.Equal(("533401000000", "2022-01-31"), (report.GetProperty("division").GetString(), report.GetProperty("asOf").GetString()));
            Assert.Equal(0, report.GetProperty("eliminated").GetProperty("households").GetInt32());
            Assert.Equal(12, report.GetProperty("monitored").GetProperty("persons").GetInt32());
            Assert.Equal((PeriodKind.Month, new DateOnly(2022, 1, 31), 1, "县局干部", Role.County, "1月月报"),
                (stored.PeriodKind, stored.PeriodEnd, stored.Version, stored.FrozenByName, stored.FrozenByRole, stored.Note));
            Assert.Contains("\"code\":\"533401100\"", stored.ChildrenJson);
        }
        Assert.True(compared.Ok, compared.Message);
        Assert.Equal("香格里拉市", compared.DivisionName);
        var lines = compared.Lines.ToDictionary(l => l.Path);
        Assert.Equal(new CompareSnapshot.Line("eliminated.households", "已消除风险 · 户数", "0", "1", true), lines["eliminated.households"]);
        Assert.Equal(new CompareSnapshot.Line("notEliminated.households", "未消除风险 · 户数", "3", "2", true), lines["notEliminated.households"]);
        Assert.Equal(new CompareSnapshot.Line("monitored.persons", "累计纳入监测 · 人数", "12", "11", true), lines["monitored.persons"]);
        Assert.False(lines["monitored.households"].Changed);
        Assert.Equal(("0", "33.3"), (lines["eliminationRate"].Frozen, lines["eliminationRate"].Live));
        Assert.Equal(("4", "3"), (lines["byCategory[突发严重困难户].persons"].Frozen, lines["byCategory[突发严重困难户].persons"].Live));
        Assert.Contains(compared.ChildLines, l => l.Label == "下级区划 · 建塘镇（533401100） · 已消除风险 · 户数" && l is { Frozen: "0", Live: "1", Changed: true });
        Assert.StartsWith("冻结后数据有更正：累计纳入监测 · 人数 由 12 变为 11；已消除风险 · 户数 由 0 变为 1；", compared.Summary);
    }

    [Fact]
    public async Task A_frozen_month_compared_before_any_correction_shows_no_difference()
    {
        await ArrangeAsync();
        var frozen = await FreezeAsync(County, January(kind: "applications"));
        Assert.True(frozen.Ok, frozen.Message);

        var compared = await CompareAsync(frozen.Snapshot.Id);

        Assert.Equal(0, compared.Changes);
        Assert.Equal("", compared.Summary);
        Assert.Contains(compared.Lines, l => l is { Path: "received", Frozen: "0", Live: "0", Changed: false });
        Assert.Equal("""{"division":"533401","from":"2022-01-01","to":"2022-01-31","received":0,"completed":0,"completionRate":0.0,"overdue":0,"byArea":[{"area":"生活","received":0,"completed":0},{"area":"就业","received":0,"completed":0},{"area":"教育","received":0,"completed":0},{"area":"医疗","received":0,"completed":0},{"area":"住房","received":0,"completed":0},{"area":"饮水","received":0,"completed":0}]}""",
            frozen.Snapshot.ReportJson);
    }

    [Fact]
    public async Task Freezing_the_same_report_again_is_refused_naming_who_froze_it_and_when_and_a_correction_needs_a_reason()
    {
        await ArrangeAsync();
        Assert.True((await FreezeAsync(County, January())).Ok);
        await CorrectJanuaryAsync();
        _clock.Advance(TimeSpan.FromDays(1));

        var again = await FreezeAsync(Prefecture, January(), new DataScope(false, [Synthetic.Prefecture]));
        var corrected = await FreezeAsync(County, January() with { Correction = "1月20日尼史村一户风险消除漏报" });

        Assert.Equal(SnapshotRefusal.AlreadyFrozen, again.Refused);
        Assert.Equal("监测对象统计（533401，2022年1月）已由县局干部（县级）于 2022年3月10日 10:00 冻结，不能重复冻结；如数据有误，请填写更正原因，另存为更正版本",
            again.Message);
        Assert.True(corrected.Ok, corrected.Message);
        Assert.Equal((2, "1月20日尼史村一户风险消除漏报"), (corrected.Snapshot.Version, corrected.Snapshot.Reason));
        await using var db = Database.Context();
        var versions = await db.ReportSnapshots.AsNoTracking().OrderBy(s => s.Version).ToListAsync();
        Assert.Equal([0, 1], versions.Select(s => JsonDocument.Parse(s.ReportJson).RootElement.GetProperty("eliminated").GetProperty("households").GetInt32()));
    }

    [Fact]
    public async Task A_correction_of_a_report_never_frozen_is_refused()
    {
        await ArrangeAsync();

        var result = await FreezeAsync(County, January() with { Correction = "更正" });

        Assert.Equal(SnapshotRefusal.InvalidInput, result.Refused);
        Assert.Contains("尚未冻结", result.Message);
    }

    [Fact]
    public async Task A_village_account_may_not_freeze_and_a_county_may_not_freeze_the_prefecture()
    {
        await ArrangeAsync();

        var village = await FreezeAsync(Village, January(Synthetic.VillageA), new DataScope(false, [Synthetic.VillageA]));
        var township = await FreezeAsync(Village with { Role = Role.Township }, January(Synthetic.Township), new DataScope(false, [Synthetic.Township]));
        var outside = await FreezeAsync(County, January(Synthetic.Prefecture));

        Assert.Equal((SnapshotRefusal.NotAllowed, "只有县级、州级和系统管理员账号可以冻结报表"), (village.Refused, village.Message));
        Assert.Equal(SnapshotRefusal.NotAllowed, township.Refused);
        Assert.Equal((SnapshotRefusal.OutsideScope, "迪庆藏族自治州（533400000000）不在您的管辖范围内，不能查看其统计"), (outside.Refused, outside.Message));
        await using var db = Database.Context();
        Assert.Equal(0, await db.ReportSnapshots.CountAsync());
    }

    [Fact]
    public async Task A_period_not_yet_ended_is_refused_and_the_income_report_is_frozen_by_year_only()
    {
        await ArrangeAsync();

        var march = await FreezeAsync(County, January() with { Period = "2022-03" });
        var year = await FreezeAsync(County, January() with { Period = "2022" });
        var incomeMonth = await FreezeAsync(County, January(kind: "income"));
        var badPeriod = await FreezeAsync(County, January() with { Period = "2022-13" });
        var income2021 = await FreezeAsync(County, new FreezeReport.Request("income", Synthetic.County, "2021年", "监测户"));

        Assert.Equal((SnapshotRefusal.InvalidInput, "报告期 2022年3月 到 2022年3月31日 才结束，只能冻结已经结束的月份或年度"), (march.Refused, march.Message));
        Assert.Equal(SnapshotRefusal.InvalidInput, year.Refused);
        Assert.Equal("收入统计按年度统计，只能冻结年报（报告期如 2025）", incomeMonth.Message);
        Assert.Equal("报告期“2022-13”无效，应为 2025-12（月报）或 2025（年报）", badPeriod.Message);
        Assert.True(income2021.Ok, income2021.Message);
        Assert.Equal((PeriodKind.Year, new DateOnly(2021, 12, 31), "监测户", null), (income2021.Snapshot.PeriodKind, income2021.Snapshot.PeriodEnd,
            income2021.Snapshot.Variant, income2021.Snapshot.ChildrenJson));
    }

    [Fact]
    public async Task Snapshots_are_seen_by_the_accounts_whose_divisions_cover_them_and_cannot_be_changed_or_deleted()
    {
        await ArrangeAsync();
        var county = await FreezeAsync(County, January());
        var village = await FreezeAsync(County, January(Synthetic.VillageB));
        Assert.True(county.Ok && village.Ok);

        async Task<IReadOnlyList<string>> ListAsync(DataScope scope, string? division = null)
        {
            await using var db = Database.Context(scope);
            return [.. (await new ListSnapshots(db).HandleAsync(division, CancellationToken.None)).Rows.Select(r => r.Division)];
        }

        Assert.Equal([Synthetic.VillageB, Synthetic.County], await ListAsync(new DataScope(false, [Synthetic.Prefecture])));
        Assert.Equal([Synthetic.VillageB], await ListAsync(new DataScope(false, [Synthetic.Township])));
        Assert.Equal([Synthetic.VillageB], await ListAsync(CountyScope, Synthetic.VillageB));
        Assert.Empty(await ListAsync(new DataScope(false, [Synthetic.VillageA])));
        var hidden = await CompareAsync(county.Snapshot.Id, new DataScope(false, [Synthetic.VillageB]));
        Assert.Equal(SnapshotRefusal.NotFound, hidden.Refused);

        await using var db = Database.Context();
        db.ReportSnapshots.Remove(await db.ReportSnapshots.FirstAsync());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal("冻结的报表不能修改或删除；如需更正，请另存更正版本", error.Message);

        // Nor by hand-written SQL: the database's own triggers refuse it.
        await using var raw = Database.Context();
        var update = await Assert.ThrowsAnyAsync<Exception>(() => raw.Database.ExecuteSqlRawAsync("UPDATE \"ReportSnapshots\" SET \"Note\" = 'x'"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => raw.Database.ExecuteSqlRawAsync("DELETE FROM \"ReportSnapshots\""));
        Assert.Contains("冻结的报表不能修改或删除", update.Message);
        Assert.Contains("冻结的报表不能修改或删除", delete.Message);
        Assert.Equal(2, await raw.ReportSnapshots.CountAsync(s => s.Note == null));
    }
}
