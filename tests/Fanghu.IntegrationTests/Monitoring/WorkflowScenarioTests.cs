using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Monitoring;

/// <summary>A time source the tests move forward, so deadlines and waiting periods can pass.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// Households taken through the whole workflow on a real database, each step by the account whose role owns it,
/// each in its own unit of work as separate requests would be.
/// </summary>
public sealed class WorkflowScenarioTests : IAsyncLifetime
{
    private const string VillageA = Synthetic.VillageA, VillageB = Synthetic.VillageB;
    private static readonly Actor Village = new("v1", "村干部", Role.Village);
    private static readonly Actor Township = new("t1", "乡镇干部", Role.Township);
    private static readonly Actor County = new("c1", "县局干部", Role.County);
    private static readonly Actor Department = new("d1", "医保局", Role.Department);

    private readonly AdjustableClock _clock = new(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private readonly Dictionary<string, long> _households = [];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.Context();
        db.Divisions.AddRange(
            new Division(DivisionCode.Parse("53"), "云南省", null),
            new Division(DivisionCode.Parse("5334"), "迪庆州", DivisionCode.Parse("53")),
            new Division(DivisionCode.Parse("533401"), "香格里拉市", DivisionCode.Parse("5334")),
            new Division(DivisionCode.Parse(Synthetic.Township), "建塘镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse("533401101"), "小中甸镇", DivisionCode.Parse("533401")),
            new Division(DivisionCode.Parse(VillageA), "甲村", DivisionCode.Parse(Synthetic.Township)),
            new Division(DivisionCode.Parse(VillageB), "乙村", DivisionCode.Parse(Synthetic.Township)));
        var n = 0;
        foreach (var (number, village) in new[] { ("A1", VillageA), ("A2", VillageA), ("A3", VillageA), ("A4", VillageA), ("B1", VillageB) })
        {
            var h = new Household(number, DivisionCode.Parse(village), HouseholdType.FormerlyPoor);
            h.AddMember("户主" + number, IdNumber.Parse(Synthetic.Id(++n)).Value!.Value, Details(Relation.Head, LabourCapacity.Ordinary), new DateOnly(2000, 1, 1));
            h.AddMember("配偶" + number, IdNumber.Parse(Synthetic.Id(++n)).Value!.Value, Details(Relation.Spouse, LabourCapacity.Weak), new DateOnly(2000, 1, 1));
            // 2024: 12,000 元 for two people, under the 8,700 line.
            h.SetIncome(2024, new IncomeAmounts(Wages: 8000m, OperatingIncome: 3000m, OperatingExpense: 1000m, PropertyIncome: 0m, TransferIncome: 2000m));
            db.Households.Add(h);
        }
        await db.SaveChangesAsync();
        foreach (var h in db.Households) _households[h.Number] = h.Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static PersonDetails Details(Relation relation, LabourCapacity labour) =>
        new(relation, "汉族", HealthStatus.Healthy, null, labour, Schooling.NotInSchool, Employment.WithinCounty, 8, true, true, null);

    private DateOnly Today => _clock.Today();

    /// <summary>One unit of work as the given actor sees the data: a village account sees village A only.</summary>
    private async Task<T> As<T>(Actor actor, Func<FanghuDbContext, CaseWork, Task<T>> body)
    {
        var scope = actor.Role switch
        {
            Role.Village => DataScope.For(Role.Village, [VillageA]),
            Role.Township => DataScope.For(Role.Township, [Synthetic.Township]),
            _ => DataScope.For(Role.County, ["533401"]),
        };
        await using var db = _db.Context(scope);
        return await body(db, new CaseWork(db, _clock));
    }

    private Task As(Actor actor, Func<FanghuDbContext, CaseWork, Task> body) => As<bool>(actor, async (db, w) => { await body(db, w); return true; });

    private async Task<MonitoringCase> Load(long id)
    {
        await using var db = _db.Context();
        return await db.MonitoringCases.Include(c => c.Steps).Include(c => c.Objections).SingleAsync(c => c.Id == id);
    }

    private async Task<long> LeadThrough(LeadChannel channel, string household)
    {
        var id = _households[household];
        switch (channel)
        {
            case LeadChannel.CadreVisit or LeadChannel.SelfDeclaration:
                return (await As(Village, (_, w) => new RecordLead(w).HandleAsync(Village, new RecordLead.Request(id, channel, Today,
                    "主要劳动力住院，家庭支出骤增", ["01"], channel == LeadChannel.CadreVisit ? "驻村工作队" : "户主本人", 9000m,
                    [new(GuaranteeAspect.BasicMedical, true, "已参保")]), default))).CaseId;
            case LeadChannel.DepartmentWarning:
                var idNumber = await As(County, (db, _) => db.Persons.Where(p => p.HouseholdId == id && p.Relation == Relation.Head).Select(p => p.IdNumber).SingleAsync());
                var warning = new RecordLead.Request(0, channel, Today, "年度个人自付医疗费用 6,200 元 ≥ 5,000 元", ["01"], "医保局", SourceKey: "medical:v1:" + idNumber);
                var first = await As(Department, (_, w) => new RecordLead(w).ForPersonAsync(Department, idNumber, warning, default));
                var again = await As(Department, (_, w) => new RecordLead(w).ForPersonAsync(Department, idNumber, warning, default));
                Assert.True(again.Duplicate);
                Assert.Equal(first.LeadId, again.LeadId);
                return first.CaseId;
            default:
                var scan = await As(County, (_, w) => new ScanIncomeBelowLine(w, new RecordLead(w)).HandleAsync(County, 2024, default));
                Assert.Equal(5, scan.AtOrBelowLine);
                var rerun = await As(County, (_, w) => new ScanIncomeBelowLine(w, new RecordLead(w)).HandleAsync(County, 2024, default));
                Assert.Equal(0, rerun.NewLeads);
                Assert.Equal(5, rerun.AlreadyKnown);
                return await As(County, (db, _) => db.Leads.Where(l => l.HouseholdId == id).Select(l => l.CaseId).SingleAsync());
        }
    }

    [Theory]
    [InlineData(LeadChannel.CadreVisit)]
    [InlineData(LeadChannel.SelfDeclaration)]
    [InlineData(LeadChannel.DepartmentWarning)]
    [InlineData(LeadChannel.IncomeMonitoring)]
    public async Task A_lead_from_each_channel_goes_to_approval_elimination_and_re_entry(LeadChannel channel)
    {
        var caseId = await LeadThrough(channel, "A1");
        Assert.Equal(CaseStage.Verification, (await Load(caseId)).Stage);

        // A second lead on the same household attaches to the open case.
        var second = await As(Village, (_, w) => new RecordLead(w).HandleAsync(Village,
            new RecordLead.Request(_households["A1"], LeadChannel.CadreVisit, Today, "复查：仍在住院", ["01"]), default));
        Assert.Equal(caseId, second.CaseId);
        Assert.False(second.OpenedCase);

        var suggestion = await As(Village, (_, w) => new VerifyLead(w).SuggestAsync(caseId, 12000m, 0m, false, ["01"], default));
        Assert.Equal(MonitoringCategory.UnstableFormerlyPoor, suggestion.Category);

        _clock.Advance(TimeSpan.FromDays(1));
        await As(Village, (_, w) => new VerifyLead(w).HandleAsync(Village, new VerifyLead.Request(caseId, null, Today, true, Today,
            MonitoringCategory.UnstableFormerlyPoor, ["01", "07"], false, null, "入户核实属实", 12000m, 3000m,
            [.. Enum.GetValues<GuaranteeAspect>().Select(a => new RecordLead.GuaranteeSeen(a, true, null))]), default));
        await As(Village, (_, w) => new RecordVillageReview(w).HandleAsync(Village,
            new RecordVillageReview.Request(caseId, null, Today, 15, 13, 1, "参会群众代表一致认为该户符合纳入条件", Today), default));
        var noticeStart = Today;

        _clock.Advance(TimeSpan.FromDays(2));
        await As(Village, (_, w) => new HandleObjection(w).RaiseAsync(Village, new HandleObjection.Raise(caseId, null, Today, "村民甲", "该户有务工收入"), default));
        var objectionId = (await Load(caseId)).Objections.Single().Id;
        _clock.Advance(TimeSpan.FromDays(1));
        await As(Village, (_, w) => new HandleObjection(w).AnswerAsync(Village,
            new HandleObjection.Answer(caseId, null, objectionId, Today, "务工收入已计入，仍低于监测范围", false), default));
        var paused = await Load(caseId);
        Assert.Equal(1, paused.PausedDays);
        Assert.Equal(noticeStart.AddDays(6), paused.NoticeEndsOn);

        _clock.Advance(TimeSpan.FromDays(2));
        var early = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            As(Village, (_, w) => new CloseNotice(w).HandleAsync(Village, new CloseNotice.Request(caseId, null, Today), default)));
        Assert.Contains("公示须满", early.Message);
        _clock.Advance(TimeSpan.FromDays(1));
        await As(Village, (_, w) => new CloseNotice(w).HandleAsync(Village, new CloseNotice.Request(caseId, null, Today), default));

        await Assert.ThrowsAsync<WorkflowRuleException>(() => As(County, (_, w) => new DecideCase(w).HandleAsync(County,
            new DecideCase.Request(caseId, null, DecideCase.Decision.Approve, Today, null), default)));
        await As(Township, (_, w) => new DecideCase(w).HandleAsync(Township, new DecideCase.Request(caseId, null, DecideCase.Decision.Approve, Today, "同意"), default));
        await As(County, (_, w) => new DecideCase(w).HandleAsync(County, new DecideCase.Request(caseId, null, DecideCase.Decision.Approve, Today, "审定纳入"), default));
        var identified = await Load(caseId);
        Assert.Equal(CaseStage.Monitored, identified.Stage);
        Assert.Equal(Today, identified.IdentifiedOn);
        Assert.False(identified.IdentificationLate(Today));

        await As(Village, (_, w) => new SaveMeasure(w).HandleAsync(Village, new SaveMeasure.Request(caseId, null, null,
            new MeasureDetails(MeasureType.Health, "落实医疗救助和大病保险", "县医保局", "李四", Today, null, 5000m, MeasureStatus.InProgress, null)), default));
        var plan = await As(Village, (db, _) => new GetCase(db, _clock).HandleAsync(caseId, default));
        Assert.Equal(["07"], plan!.RisksWithoutMeasure);
        await As(Village, (_, w) => new SaveMeasure(w).HandleAsync(Village, new SaveMeasure.Request(caseId, null, null,
            new MeasureDetails(MeasureType.PublicWelfareJob, "安排护林员公益岗位", "乡林业站", "王五", Today, null, 9600m, MeasureStatus.InProgress, null)), default));

        var tooEarly = await As(Village, (_, w) => new Elimination(w).CheckAsync(caseId, EliminationMethod.ThroughAssistance, default));
        Assert.False(tooEarly.AllMet);
        Assert.False(tooEarly.Criteria[0].Met);

        _clock.Advance(TimeSpan.FromDays(190));
        await As(Village, (_, w) => new Elimination(w).AssessIncomeAsync(Village, new Elimination.Assessment(caseId, Today, 6, 11000m, "务工与公益岗位收入"), default));
        var ready = await As(Village, (_, w) => new Elimination(w).CheckAsync(caseId, EliminationMethod.ThroughAssistance, default));
        // Dated back to yesterday, the proposal is judged on what was known then: no income assessment after identification.
        var backdated = await Assert.ThrowsAsync<WorkflowRuleException>(() => As(Village, (_, w) => new Elimination(w).ProposeAsync(Village,
            new Elimination.Propose(caseId, null, Today.AddDays(-1), EliminationMethod.ThroughAssistance), default)));
        Assert.Contains("收入", backdated.Message);
        Assert.True(ready.AllMet, string.Join("；", ready.Criteria.Where(c => !c.Met).Select(c => c.Name + "：" + c.Data)));
        await As(Village, (_, w) => new Elimination(w).ProposeAsync(Village, new Elimination.Propose(caseId, null, Today, EliminationMethod.ThroughAssistance), default));
        await As(Village, (_, w) => new RecordVillageReview(w).HandleAsync(Village,
            new RecordVillageReview.Request(caseId, null, Today, 11, 11, 0, "同意风险消除", Today), default));
        _clock.Advance(TimeSpan.FromDays(5));
        await As(Village, (_, w) => new CloseNotice(w).HandleAsync(Village, new CloseNotice.Request(caseId, null, Today), default));
        await As(Township, (_, w) => new DecideCase(w).HandleAsync(Township, new DecideCase.Request(caseId, null, DecideCase.Decision.Approve, Today, null), default));
        await As(County, (_, w) => new DecideCase(w).HandleAsync(County, new DecideCase.Request(caseId, null, DecideCase.Decision.Approve, Today, "同意消除"), default));

        var eliminated = await Load(caseId);
        Assert.Equal(CaseStage.Eliminated, eliminated.Stage);
        Assert.Equal(Today, eliminated.EliminatedOn);
        Assert.Contains("11,000", eliminated.EliminationSnapshot);

        // A new risk re-opens the household as a new episode; the eliminated one keeps its history.
        _clock.Advance(TimeSpan.FromDays(30));
        var reEntry = await As(Village, (_, w) => new RecordLead(w).HandleAsync(Village,
            new RecordLead.Request(_households["A1"], LeadChannel.CadreVisit, Today, "洪灾冲毁耕地", ["0201"]), default));
        Assert.True(reEntry.OpenedCase);
        Assert.True(reEntry.ReEntry);
        Assert.NotEqual(caseId, reEntry.CaseId);
        Assert.Equal(2, (await Load(reEntry.CaseId)).Episode);
        Assert.Equal(CaseStage.Eliminated, (await Load(caseId)).Stage);

        var timeline = await As(Village, (db, _) => new HouseholdTimeline(db).HandleAsync(_households["A1"], default));
        Assert.Contains(timeline, e => e.What == "县级审定纳入" && e.Who == "县局干部");
        Assert.Contains(timeline, e => e.What == "县级审定消除");
        Assert.Contains(timeline, e => e.What == "公示异议" && e.Detail == "该户有务工收入");
        Assert.Contains(timeline, e => e.What == "风险再标注" && e.Episode == 2);
        Assert.Contains(timeline, e => e.What.StartsWith("帮扶措施：公益岗位", StringComparison.Ordinal));
        Assert.Equal(timeline.OrderBy(e => e.On).Select(e => e.On), timeline.Select(e => e.On));
    }

    [Fact]
    public async Task A_village_account_cannot_see_or_act_on_another_village_and_a_township_cannot_approve_for_the_county()
    {
        var other = await As(County, (_, w) => new RecordLead(w).HandleAsync(County,
            new RecordLead.Request(_households["B1"], LeadChannel.SelfDeclaration, Today, "申报因病困难", ["01"]), default));
        await Assert.ThrowsAsync<NotFoundException>(() => As(Village, (_, w) => new VerifyLead(w).HandleAsync(Village,
            new VerifyLead.Request(other.CaseId, null, Today, false, null, null, [], false, "无", null, null, null, null), default)));
        await Assert.ThrowsAsync<NotFoundException>(() => As(Village, (_, w) => new RecordLead(w).HandleAsync(Village,
            new RecordLead.Request(_households["B1"], LeadChannel.CadreVisit, Today, "x", []), default)));

        var caseId = await LeadThrough(LeadChannel.CadreVisit, "A2");
        var e = await Assert.ThrowsAsync<WorkflowRuleException>(() => As(Township, (_, w) => new VerifyLead(w).HandleAsync(Township,
            new VerifyLead.Request(caseId, null, Today, true, Today, MonitoringCategory.MarginalAtRisk, ["01"], false, null, null, null, null, null), default)));
        Assert.Contains("村级", e.Message);
        await Assert.ThrowsAsync<WorkflowRuleException>(() => As(Department, (_, w) => new RecordLead(w).HandleAsync(Department,
            new RecordLead.Request(_households["A2"], LeadChannel.CadreVisit, Today, "x", []), default)));
    }

    [Fact]
    public async Task Two_officers_acting_on_the_same_step_at_once_one_wins_and_the_other_is_told()
    {
        var caseId = await LeadThrough(LeadChannel.CadreVisit, "A3");
        await using var first = _db.Context();
        await using var second = _db.Context();
        var w1 = new CaseWork(first, _clock);
        var w2 = new CaseWork(second, _clock);
        var a = await w1.LoadAsync(caseId, null, default);
        var b = await w2.LoadAsync(caseId, null, default);
        var policy = await w1.PolicyAsync(VillageA, Today, default);
        a.Verify(Village, new Verification(Today, true, Today, MonitoringCategory.UnstableFormerlyPoor, ["01"], false, null, null), policy, Today, _clock.Now);
        b.Verify(Village, new Verification(Today, false, null, null, [], false, "无风险", null), policy, Today, _clock.Now);
        await w1.SaveAsync(default);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => w2.SaveAsync(default));
        Assert.StartsWith("该案件已被 村干部 于", conflict.Message);
        Assert.Contains("您看到的是旧版本", conflict.Message);

        var stored = await Load(caseId);
        Assert.Equal(CaseStage.VillageReview, stored.Stage);
        Assert.Single(stored.Steps, s => s.Kind == StepKind.Verified);

        // A form built from the old version is refused too.
        await Assert.ThrowsAsync<ConflictException>(() => As(Village, (_, w) => new RecordVillageReview(w).HandleAsync(Village,
            new RecordVillageReview.Request(caseId, stored.Version - 1, Today, 10, 9, 0, "x", Today), default)));
    }

    [Fact]
    public async Task Overdue_work_shows_on_the_board_of_its_level_and_escalated_on_the_boards_above()
    {
        var verification = await LeadThrough(LeadChannel.CadreVisit, "A1");
        var atTownship = await LeadThrough(LeadChannel.CadreVisit, "A2");
        await As(Village, (_, w) => new VerifyLead(w).HandleAsync(Village, new VerifyLead.Request(atTownship, null, Today, true, Today,
            MonitoringCategory.UnstableFormerlyPoor, ["01"], false, null, null, null, null, null), default));
        await As(Village, (_, w) => new RecordVillageReview(w).HandleAsync(Village,
            new RecordVillageReview.Request(atTownship, null, Today, 10, 9, 0, "同意", Today), default));
        _clock.Advance(TimeSpan.FromDays(5));
        await As(Village, (_, w) => new CloseNotice(w).HandleAsync(Village, new CloseNotice.Request(atTownship, null, Today), default));
        var township = await Load(atTownship);
        Assert.Equal(CaseStage.TownshipReview, township.Stage);

        // The verification was due 2 days after the lead: 3 days late now. The township review is not late yet.
        async Task<SupervisionBoard.Result> Board(Actor actor, string code) =>
            (await As(actor, (db, _) => new SupervisionBoard(db, _clock).HandleAsync(DivisionCode.Parse(code), default)))!;
        var villageBoard = await Board(Village, VillageA);
        Assert.Equal(verification, Assert.Single(villageBoard.OwnLevel).CaseId);
        Assert.Equal(3, villageBoard.OwnLevel[0].DaysLate);
        var townshipBoard = await Board(Township, Synthetic.Township);
        Assert.Empty(townshipBoard.OwnLevel);
        Assert.Equal(ResponsibleLevel.Village, Assert.Single(townshipBoard.Escalated).Level);

        _clock.Advance(TimeSpan.FromDays(3));
        townshipBoard = await Board(Township, Synthetic.Township);
        Assert.Equal(atTownship, Assert.Single(townshipBoard.OwnLevel).CaseId);
        // The village board lists only the village's own late work: the township's review is not its to chase.
        Assert.DoesNotContain((await Board(Village, VillageA)).OwnLevel, i => i.CaseId == atTownship);
        Assert.DoesNotContain((await Board(Village, VillageA)).Escalated, i => i.CaseId == atTownship);
        var countyBoard = await Board(County, "533401");
        Assert.Empty(countyBoard.OwnLevel);
        Assert.Equal(2, countyBoard.Escalated.Count);
        var rollup = Assert.Single(countyBoard.ByChild, r => r.Code == Synthetic.Township);
        Assert.Equal((1, 1, 0), (rollup.Village, rollup.Township, rollup.County));
        Assert.Equal(0, Assert.Single(countyBoard.ByChild, r => r.Code == "533401101").Total);
        Assert.True(countyBoard.Escalated.Single(i => i.CaseId == verification).IdentificationLate is false);

        _clock.Advance(TimeSpan.FromDays(10));
        Assert.True((await Board(County, "533401")).Escalated.Single(i => i.CaseId == verification).IdentificationLate);

        // The work queue of each role lists what waits for it, most urgent first.
        var villageQueue = await As(Village, (db, _) => new WorkQueue(db, _clock).HandleAsync(Role.Village, null, default));
        Assert.Equal(verification, Assert.Single(villageQueue).CaseId);
        var townshipQueue = await As(Township, (db, _) => new WorkQueue(db, _clock).HandleAsync(Role.Township, null, default));
        Assert.Equal(atTownship, Assert.Single(townshipQueue).CaseId);
    }
}
