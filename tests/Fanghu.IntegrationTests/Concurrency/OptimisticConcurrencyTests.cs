using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.IntegrationTests.Monitoring;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Concurrency;

/// <summary>
/// Two officers changing the same household or case at once (issue 8, ADR 0018): each works in its own unit of work,
/// both read the same version, the first save wins and the second is refused — nothing the first wrote is lost.
/// </summary>
public sealed class OptimisticConcurrencyTests : IAsyncLifetime
{
    private static readonly Actor Village = new("v1", "村干部甲", Role.Village);
    private static readonly Actor OtherVillage = new("v2", "村干部乙", Role.Village);

    private readonly AdjustableClock _clock = new(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private long _householdId;
    private long _caseId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse("53"), "云南省", null),
            new Division(DivisionCode.Parse("5334"), "迪庆州", DivisionCode.Parse("53")),
            new Division(DivisionCode.Parse("533401"), "香格里拉市", DivisionCode.Parse("5334")),
            new Division(DivisionCode.Parse(Synthetic.Township), "建塘镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse(Synthetic.VillageA), "甲村", DivisionCode.Parse(Synthetic.Township)));
        var h = new Household("C1", DivisionCode.Parse(Synthetic.VillageA), HouseholdType.FormerlyPoor);
        h.AddMember("户主并发", IdNumber.Parse(Synthetic.Id(1)).Value!.Value, new PersonDetails(Relation.Head, "汉族", HealthStatus.Healthy, null,
            LabourCapacity.Ordinary, Schooling.NotInSchool, Employment.WithinCounty, 8, true, true, null), new DateOnly(2000, 1, 1));
        db.Households.Add(h);
        var c = new MonitoringCase(h, 1, MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2024, 6, 1), CaseOrigin.Imported);
        db.MonitoringCases.Add(c);
        await db.SaveChangesAsync();
        _householdId = h.Id;
        _caseId = c.Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private DateOnly Today => _clock.Today();

    [Fact]
    public async Task Two_officers_changing_the_same_household_the_second_save_is_refused_and_the_first_change_stays()
    {
        await using var first = _db.Context();
        await using var second = _db.Context();
        var a = await first.Households.SingleAsync(h => h.Id == _householdId);
        var b = await second.Households.SingleAsync(h => h.Id == _householdId);

        a.Update(DivisionCode.Parse(a.VillageCode), "一组", a.Type, "13900000001");
        await first.SaveChangesAsync();
        b.Update(DivisionCode.Parse(b.VillageCode), "二组", b.Type, "13900000002");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _db.Context();
        var stored = await check.Households.SingleAsync(h => h.Id == _householdId);
        Assert.Equal(("一组", "13900000001", 1), (stored.Group, stored.Phone, stored.Version));
    }

    [Fact]
    public async Task A_row_added_to_a_household_changes_the_household_so_two_officers_adding_rows_at_once_conflict()
    {
        await using var first = _db.Context();
        await using var second = _db.Context();
        var a = await first.Households.SingleAsync(h => h.Id == _householdId);
        var b = await second.Households.SingleAsync(h => h.Id == _householdId);

        a.RecordGuarantee(GuaranteeAspect.HousingSafety, secure: false, Today, "房屋开裂");
        await first.SaveChangesAsync();
        b.RecordGuarantee(GuaranteeAspect.HousingSafety, secure: true, Today, "已加固");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _db.Context();
        var checks = await check.GuaranteeChecks.Where(g => g.HouseholdId == _householdId).ToListAsync();
        Assert.Equal("房屋开裂", Assert.Single(checks).Evidence);
    }

    [Fact]
    public async Task Two_officers_each_adding_a_measure_to_the_same_case_at_once_the_second_is_refused()
    {
        await using var first = _db.Context();
        await using var second = _db.Context();
        var w1 = new CaseWork(first, _clock);
        var w2 = new CaseWork(second, _clock);
        var a = await w1.LoadAsync(_caseId, null, default);
        var b = await w2.LoadAsync(_caseId, null, default);
        var seen = a.Version;

        first.Measures.Add(new AssistanceMeasure(a, Measure("医疗救助"), Village.Name, _clock.Now));
        await w1.SaveAsync(default);
        second.Measures.Add(new AssistanceMeasure(b, Measure("公益岗位"), OtherVillage.Name, _clock.Now));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => w2.SaveAsync(default));
        Assert.Contains("您看到的是旧版本", conflict.Message);

        await using var check = _db.Context();
        Assert.Equal("医疗救助", Assert.Single(await check.Measures.Where(m => m.CaseId == _caseId).ToListAsync()).Content);
        Assert.Equal(seen + 1, (await check.MonitoringCases.SingleAsync(c => c.Id == _caseId)).Version);
    }

    [Fact]
    public async Task A_form_built_from_a_version_another_officer_has_since_changed_is_refused_and_adds_nothing()
    {
        var seen = await VersionAsync();
        await As(Village, w => new SaveMeasure(w).HandleAsync(Village, new SaveMeasure.Request(_caseId, null, seen, Measure("医疗救助")), default));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => As(OtherVillage, w =>
            new SaveMeasure(w).HandleAsync(OtherVillage, new SaveMeasure.Request(_caseId, null, seen, Measure("公益岗位")), default)));

        await using var check = _db.Context();
        Assert.Equal("医疗救助", Assert.Single(await check.Measures.Where(m => m.CaseId == _caseId).ToListAsync()).Content);
        Assert.StartsWith("该案件已被", conflict.Message);
        Assert.Equal(seen + 1, await VersionAsync());
    }

    private async Task<int> VersionAsync()
    {
        await using var db = _db.Context();
        return await db.MonitoringCases.Where(c => c.Id == _caseId).Select(c => c.Version).SingleAsync();
    }

    private async Task<T> As<T>(Actor actor, Func<CaseWork, Task<T>> body)
    {
        await using var db = _db.Context(DataScope.For(actor.Role, [Synthetic.VillageA]));
        return await body(new CaseWork(db, _clock));
    }

    private MeasureDetails Measure(string content) =>
        new(MeasureType.Health, content, "县医保局", "王医保", Today, null, 3000m, MeasureStatus.InProgress, null);
}
