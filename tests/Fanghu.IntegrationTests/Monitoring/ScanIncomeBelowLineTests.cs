using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Monitoring;

/// <summary>
/// Households for the income channel, 2024 (line 8,700 元 per person in Yunnan): one exactly at the line, one below,
/// one above, one below that is already a monitoring object, one without 2024 income, and one below in another county.
/// </summary>
internal static class IncomeWorld
{
    public const string AtLine = "T533401100201-0001", Below = "T533401100201-0002", Above = "T533401100201-0003",
        Monitored = "T533401100201-0004", NoIncome = "T533401100201-0005", OtherCounty = "T533422100201-0001";

    public static async Task ArrangeAsync(TestDatabase database)
    {
        await using var db = database.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse("53"), "云南省", null),
            new Division(DivisionCode.Parse("5334"), "迪庆藏族自治州", DivisionCode.Parse("53")),
            new Division(DivisionCode.Parse("533401"), "香格里拉市", DivisionCode.Parse("5334")),
            new Division(DivisionCode.Parse("533401100"), "建塘镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse("533401100201"), "尼史村", DivisionCode.Parse("533401100")),
            new Division(DivisionCode.Parse("533422"), "德钦县", DivisionCode.Parse("5334")),
            new Division(DivisionCode.Parse("533422100"), "升平镇", DivisionCode.Parse("533422")),
            new Division(DivisionCode.Parse("533422100201"), "阿东村", DivisionCode.Parse("533422100")));
        var n = 0;
        Household Two(string number, decimal net, HouseholdType type = HouseholdType.Ordinary)
        {
            var h = new Household(number, DivisionCode.Parse(number[1..13]), type);
            foreach (var relation in new[] { Relation.Head, Relation.Spouse })
                h.AddMember($"收入{n}", IdNumber.Parse(Synthetic.Id(900 + n++)).Value!.Value,
                    new PersonDetails(relation, "藏族", HealthStatus.Healthy, null, LabourCapacity.Ordinary, Schooling.NotInSchool,
                        Employment.WithinCounty, 6, true, true, null));
            if (net > 0) h.SetIncome(2024, new IncomeAmounts(net, 0m, 0m, 0m, 0m));
            db.Households.Add(h);
            return h;
        }
        Two(AtLine, 17_400m);
        Two(Below, 10_000m);
        Two(Above, 20_000m);
        var monitored = Two(Monitored, 9_000m, HouseholdType.FormerlyPoor);
        Two(NoIncome, 0m);
        Two(OtherCounty, 8_000m);
        db.MonitoringCases.Add(new MonitoringCase(monitored, 1, MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2023, 5, 1),
            CaseOrigin.Imported));
        await db.SaveChangesAsync();
    }
}

public sealed class ScanIncomeBelowLineTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await IncomeWorld.ArrangeAsync(_database);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task<ScanIncomeBelowLine.Result> ScanAsync(Actor actor, DataScope scope, int year = 2024)
    {
        await using var db = _database.Context(scope);
        var work = new CaseWork(db, TimeProvider.System);
        return await new ScanIncomeBelowLine(work, new RecordLead(work)).HandleAsync(actor, year, CancellationToken.None);
    }

    [Fact]
    public async Task Households_at_or_below_the_line_get_a_lead_once_and_an_open_case_takes_the_lead_in()
    {
        var first = await ScanAsync(Actor.System, DataScope.All);

        Assert.Equal(new ScanIncomeBelowLine.Result(2024, HouseholdsWithIncome: 5, AtOrBelowLine: 4, NewLeads: 4, OpenedCases: 3, AlreadyKnown: 0), first);
        await using (var db = _database.Context())
        {
            var leads = await db.Leads.AsNoTracking().Include(l => l.Household).ToListAsync();
            Assert.Equal([IncomeWorld.AtLine, IncomeWorld.Below, IncomeWorld.Monitored, IncomeWorld.OtherCounty],
                leads.Select(l => l.Household.Number).Order());
            Assert.All(leads, l =>
            {
                Assert.Equal(LeadChannel.IncomeMonitoring, l.Channel);
                Assert.Equal(TimeProvider.System.Today(), l.ReportedOn); // found the day the scan runs
                Assert.Equal("income:2024", l.SourceKey);
            });
            Assert.Contains("8,700 元", leads.Single(l => l.Household.Number == IncomeWorld.AtLine).Summary);

            var cases = await db.MonitoringCases.AsNoTracking().Include(c => c.Household).ToListAsync();
            Assert.Equal(CaseStage.Verification, cases.Single(c => c.Household.Number == IncomeWorld.Below).Stage);
            var monitored = cases.Single(c => c.Household.Number == IncomeWorld.Monitored);
            Assert.Equal(CaseStage.Monitored, monitored.Stage);
            Assert.Equal(monitored.Id, leads.Single(l => l.Household.Number == IncomeWorld.Monitored).CaseId);
            Assert.Contains(await db.CaseSteps.Where(s => s.CaseId == monitored.Id).Select(s => s.Kind).ToListAsync(), k => k == StepKind.LeadAttached);
            Assert.DoesNotContain(cases, c => c.Household.Number is IncomeWorld.Above or IncomeWorld.NoIncome);
        }

        var again = await ScanAsync(Actor.System, DataScope.All);

        Assert.Equal(new ScanIncomeBelowLine.Result(2024, 5, 4, NewLeads: 0, OpenedCases: 0, AlreadyKnown: 4), again);
        await using var after = _database.Context();
        Assert.Equal(4, await after.Leads.CountAsync());
        Assert.Equal(4, await after.MonitoringCases.CountAsync());
    }

    [Fact]
    public async Task A_county_scans_only_its_own_households_and_a_village_may_not_scan()
    {
        var county = new Actor("c", "县级", Role.County);

        var result = await ScanAsync(county, new DataScope(false, ["533401"]));

        Assert.Equal(3, result.NewLeads);
        await using (var db = _database.Context())
            Assert.False(await db.Leads.AnyAsync(l => l.Household.Number == IncomeWorld.OtherCounty));
        await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            ScanAsync(new Actor("v", "村级", Role.Village), new DataScope(false, ["533401100201"])));
    }

    [Fact]
    public async Task A_source_key_sent_with_stray_spaces_still_finds_the_earlier_lead()
    {
        await using var db = _database.Context();
        var work = new CaseWork(db, TimeProvider.System);
        var leads = new RecordLead(work);
        var householdId = await db.Households.Where(h => h.Number == IncomeWorld.Below).Select(h => h.Id).SingleAsync();
        var county = new Actor("c", "县级", Role.County);
        RecordLead.Request Warning(string key) => new(householdId, LeadChannel.DepartmentWarning, work.Today, "民政：新增临时救助", [], SourceKey: key);

        var first = await leads.HandleAsync(county, Warning("minzheng:2024-0001"), CancellationToken.None);
        var again = await leads.HandleAsync(county, Warning(" minzheng:2024-0001 "), CancellationToken.None);

        Assert.True(again.Duplicate);
        Assert.Equal(first.LeadId, again.LeadId);
        Assert.Equal(1, await db.Leads.CountAsync(l => l.HouseholdId == householdId));
    }

    [Fact]
    public async Task A_year_in_the_future_is_refused()
    {
        await Assert.ThrowsAsync<WorkflowRuleException>(() => ScanAsync(Actor.System, DataScope.All, DateTime.UtcNow.Year + 1));
    }
}
