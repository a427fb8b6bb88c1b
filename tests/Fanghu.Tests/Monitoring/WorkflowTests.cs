using Fanghu.Accounts;
using Fanghu.Assistance;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Tests.Monitoring;

/// <summary>Every transition of a case, and the illegal ones, at the domain level.</summary>
public class WorkflowTests
{
    private static readonly PolicyParameters Policy = DefaultPolicies.Yunnan().Single(p => p.ValidFrom == new DateOnly(2024, 1, 1)).Parameters;
    private static readonly Actor Village = new("u-v", "村干部甲", Role.Village);
    private static readonly Actor Township = new("u-t", "乡镇干部乙", Role.Township);
    private static readonly Actor County = new("u-c", "县局干部丙", Role.County);
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LeadOn = new(2025, 3, 1);

    private static Household NewHousehold() => new("5334011002010001", DivisionCode.Parse("533401100201"), HouseholdType.FormerlyPoor);

    private static MonitoringCase Opened(Household? h = null, MonitoringCase? previous = null, DateOnly? on = null)
    {
        h ??= NewHousehold();
        var c = MonitoringCase.Open(h, previous, on ?? LeadOn, Policy);
        c.Attach(new Lead(h, c, LeadChannel.CadreVisit, on ?? LeadOn, Now, Village, new LeadDetails("家中主要劳动力突发疾病", ["01"])), Village, Now);
        return c;
    }

    private static Verification Proposal(DateOnly on, params string[] risks) =>
        new(on, Propose: true, ConsentOn: on, MonitoringCategory.UnstableFormerlyPoor, risks.Length == 0 ? ["01"] : risks, FastTrack: false, null, "核实属实");

    private static MonitoringCase ToNotice(out DateOnly noticeStart)
    {
        var c = Opened();
        c.Verify(Village, Proposal(LeadOn.AddDays(1)), Policy, LeadOn.AddDays(1), Now);
        noticeStart = LeadOn.AddDays(2);
        c.RecordVillageReview(Village, new VillageReview(noticeStart, 12, 10, 1, "一致同意纳入", noticeStart), Policy, noticeStart, Now);
        return c;
    }

    private static MonitoringCase Identified()
    {
        var c = ToNotice(out var start);
        var closed = start.AddDays(Policy.PublicNoticeDays);
        c.CloseNotice(Village, closed, Policy, closed, Now);
        c.ApproveAtTownship(Township, closed.AddDays(1), "同意", Policy, closed.AddDays(1), Now);
        c.ApproveAtCounty(County, closed.AddDays(2), "审定纳入", closed.AddDays(2), Now);
        return c;
    }

    [Fact]
    public void A_lead_opens_a_case_at_verification_with_the_policy_deadlines()
    {
        var c = Opened();

        Assert.Equal(CaseStage.Verification, c.Stage);
        Assert.Equal(1, c.Episode);
        Assert.Equal(LeadOn.AddDays(Policy.VerificationDays), c.StageDueOn);
        Assert.Equal(LeadOn.AddDays(Policy.IdentificationDays), c.IdentificationDueOn);
        Assert.Equal(StepKind.LeadOpened, Assert.Single(c.Steps).Kind);
    }

    [Fact]
    public void The_whole_identification_path_ends_with_the_county_approval_date_as_identification_date()
    {
        var c = Identified();

        Assert.Equal(CaseStage.Monitored, c.Stage);
        Assert.Equal(LeadOn.AddDays(2 + Policy.PublicNoticeDays + 2), c.IdentifiedOn);
        Assert.False(c.IdentificationLate(c.IdentifiedOn!.Value));
        Assert.Equal(
            [StepKind.LeadOpened, StepKind.Verified, StepKind.VillageReviewed, StepKind.NoticeClosed, StepKind.TownshipApproved, StepKind.CountyApproved],
            c.Steps.Select(s => s.Kind));
        Assert.All(c.Steps.Skip(1), s => Assert.NotEqual(s.From, s.To));
        Assert.Null(c.StageDueOn);
    }

    [Fact]
    public void Verification_without_consent_cannot_propose()
    {
        var c = Opened();
        var e = Assert.Throws<WorkflowRuleException>(() =>
            c.Verify(Village, Proposal(LeadOn) with { ConsentOn = null }, Policy, LeadOn, Now));
        Assert.Contains("承诺授权", e.Message);
        Assert.Equal(CaseStage.Verification, c.Stage);
    }

    [Fact]
    public void A_dismissal_needs_a_reason_and_closes_the_case()
    {
        var c = Opened();
        var dismiss = new Verification(LeadOn, Propose: false, null, null, [], false, DismissReason: null, null);
        Assert.Throws<WorkflowRuleException>(() => c.Verify(Village, dismiss, Policy, LeadOn, Now));

        c.Verify(Village, dismiss with { DismissReason = "收入稳定，无风险" }, Policy, LeadOn, Now);

        Assert.Equal(CaseStage.Dismissed, c.Stage);
        Assert.Equal("收入稳定，无风险", c.ClosingReason);
        Assert.True(c.Stage.IsClosed());
    }

    [Theory]
    [InlineData(Role.Township)]
    [InlineData(Role.County)]
    [InlineData(Role.Prefecture)]
    public void Only_a_village_account_verifies(Role role)
    {
        var c = Opened();
        var e = Assert.Throws<WorkflowRuleException>(() =>
            c.Verify(new Actor("x", "x", role), Proposal(LeadOn), Policy, LeadOn, Now));
        Assert.Contains("村级", e.Message);
    }

    [Fact]
    public void A_township_account_cannot_approve_at_county_level_nor_a_county_at_township_level()
    {
        var c = ToNotice(out var start);
        var closed = start.AddDays(Policy.PublicNoticeDays);
        c.CloseNotice(Village, closed, Policy, closed, Now);

        Assert.Throws<WorkflowRuleException>(() => c.ApproveAtCounty(County, closed, null, closed, Now));
        Assert.Throws<WorkflowRuleException>(() => c.ApproveAtTownship(County, closed, null, Policy, closed, Now));
        c.ApproveAtTownship(Township, closed, null, Policy, closed, Now);
        Assert.Throws<WorkflowRuleException>(() => c.ApproveAtCounty(Township, closed, null, closed, Now));
        Assert.Equal(CaseStage.CountyApproval, c.Stage);
    }

    [Fact]
    public void Steps_cannot_be_skipped()
    {
        var c = Opened();
        Assert.Throws<WorkflowRuleException>(() => c.RecordVillageReview(Village, new VillageReview(LeadOn, 5, 5, 0, "x", LeadOn), Policy, LeadOn, Now));
        Assert.Throws<WorkflowRuleException>(() => c.CloseNotice(Village, LeadOn, Policy, LeadOn, Now));
        Assert.Throws<WorkflowRuleException>(() => c.ApproveAtCounty(County, LeadOn, null, LeadOn, Now));
        Assert.Throws<WorkflowRuleException>(() => c.Return(Township, LeadOn, "x", Policy, LeadOn, Now));
        Assert.Equal(CaseStage.Verification, c.Stage);
    }

    [Fact]
    public void A_review_the_village_votes_down_dismisses_the_proposal()
    {
        var c = Opened();
        c.Verify(Village, Proposal(LeadOn), Policy, LeadOn, Now);
        c.RecordVillageReview(Village, new VillageReview(LeadOn, 10, 3, 6, "多数不同意", LeadOn), Policy, LeadOn, Now);
        Assert.Equal(CaseStage.Dismissed, c.Stage);
        Assert.Equal(CaseStage.Dismissed, c.Steps[^1].To);
    }

    [Fact]
    public void Votes_beyond_the_attendees_are_refused()
    {
        var c = Opened();
        c.Verify(Village, Proposal(LeadOn), Policy, LeadOn, Now);
        Assert.Throws<WorkflowRuleException>(() =>
            c.RecordVillageReview(Village, new VillageReview(LeadOn, 5, 5, 1, "x", LeadOn), Policy, LeadOn, Now));
    }

    [Fact]
    public void The_notice_cannot_close_before_its_days()
    {
        var c = ToNotice(out var start);
        var early = start.AddDays(Policy.PublicNoticeDays - 1);
        var e = Assert.Throws<WorkflowRuleException>(() => c.CloseNotice(Village, early, Policy, early, Now));
        Assert.Contains($"{Policy.PublicNoticeDays} 天", e.Message);
        Assert.Equal(start.AddDays(Policy.PublicNoticeDays + 1), c.StageDueOn);
    }

    [Fact]
    public void An_objection_pauses_the_case_and_its_answer_lengthens_the_notice_and_the_time_limit()
    {
        var c = ToNotice(out var start);
        var identificationDue = c.IdentificationDueOn!.Value;
        var raised = start.AddDays(1);
        var objection = c.RaiseObjection(Village, raised, "村民丁", "该户有经营性车辆", Policy, raised, Now);
        Assert.NotNull(c.PausedSince);
        Assert.Equal(raised.AddDays(Policy.ObjectionAnswerDays), c.StageDueOn);

        var end = start.AddDays(Policy.PublicNoticeDays);
        Assert.Throws<WorkflowRuleException>(() => c.CloseNotice(Village, end, Policy, end, Now));

        typeof(Objection).GetProperty(nameof(Objection.Id))!.SetValue(objection, 7L);
        var answered = raised.AddDays(3);
        c.AnswerObjection(Village, 7, answered, "经核实车辆已报废", upheld: false, Policy, answered, Now);

        Assert.Null(c.PausedSince);
        Assert.Equal(3, c.PausedDays);
        Assert.Equal(start.AddDays(Policy.PublicNoticeDays + 3), c.NoticeEndsOn);
        Assert.Equal(identificationDue.AddDays(3), c.IdentificationDueOn);
        Assert.Throws<WorkflowRuleException>(() => c.CloseNotice(Village, end, Policy, end.AddDays(5), Now));
        c.CloseNotice(Village, c.NoticeEndsOn!.Value, Policy, c.NoticeEndsOn.Value, Now);
        Assert.Equal(CaseStage.TownshipReview, c.Stage);
    }

    [Fact]
    public void An_upheld_objection_dismisses_the_proposal()
    {
        var c = ToNotice(out var start);
        var o = c.RaiseObjection(Village, start, null, "家庭收入远高于监测范围", Policy, start, Now);
        typeof(Objection).GetProperty(nameof(Objection.Id))!.SetValue(o, 1L);
        c.AnswerObjection(Village, 1, start, "经核实异议成立", upheld: true, Policy, start, Now);
        Assert.Equal(CaseStage.Dismissed, c.Stage);
        Assert.Equal("公示异议成立", c.ClosingReason);
    }

    [Fact]
    public void The_township_returns_to_the_village_and_the_county_to_the_township_with_a_reason()
    {
        var c = ToNotice(out var start);
        var closed = start.AddDays(Policy.PublicNoticeDays);
        c.CloseNotice(Village, closed, Policy, closed, Now);
        Assert.Throws<WorkflowRuleException>(() => c.Return(Township, closed, " ", Policy, closed, Now));

        c.Return(Township, closed, "评议记录不全", Policy, closed, Now);
        Assert.Equal(CaseStage.VillageReview, c.Stage);
        Assert.Null(c.NoticeStartedOn);

        c.RecordVillageReview(Village, new VillageReview(closed, 12, 11, 0, "补充记录", closed), Policy, closed, Now);
        var closedAgain = closed.AddDays(Policy.PublicNoticeDays);
        c.CloseNotice(Village, closedAgain, Policy, closedAgain, Now);
        c.ApproveAtTownship(Township, closedAgain, null, Policy, closedAgain, Now);
        c.Return(County, closedAgain, "类别有误", Policy, closedAgain, Now);
        Assert.Equal(CaseStage.TownshipReview, c.Stage);
        Assert.Equal("类别有误", c.Steps[^1].Note);
        Assert.Equal(StepKind.Returned, c.Steps[^1].Kind);
    }

    [Fact]
    public void A_step_dated_in_the_future_or_before_its_stage_began_is_refused()
    {
        var c = Opened();
        Assert.Throws<WorkflowRuleException>(() => c.Verify(Village, Proposal(LeadOn.AddDays(1)), Policy, LeadOn, Now));
        Assert.Throws<WorkflowRuleException>(() => c.Verify(Village, Proposal(LeadOn.AddDays(-1)), Policy, LeadOn, Now));
    }

    [Fact]
    public void The_category_must_belong_to_the_scheme_in_force()
    {
        var unified = DefaultPolicies.Yunnan().Single(p => p.ValidFrom.Year == 2026).Parameters;
        var c = Opened();
        Assert.Throws<WorkflowRuleException>(() => c.Verify(Village, Proposal(LeadOn), unified, LeadOn, Now));
        c.Verify(Village, Proposal(LeadOn) with { Category = MonitoringCategory.Unified }, unified, LeadOn, Now);
        Assert.Equal(MonitoringCategory.Unified, c.Category);
    }

    [Fact]
    public void Fast_track_is_only_for_disaster_and_accident_risks_and_lets_measures_start_before_approval()
    {
        var illness = Opened();
        Assert.Throws<WorkflowRuleException>(() => illness.Verify(Village, Proposal(LeadOn, "01") with { FastTrack = true }, Policy, LeadOn, Now));

        var flood = Opened();
        Assert.False(flood.AcceptsMeasures);
        flood.Verify(Village, Proposal(LeadOn, "0201") with { FastTrack = true }, Policy, LeadOn, Now);
        Assert.True(flood.AcceptsMeasures);
        var m = new AssistanceMeasure(flood, Measure(MeasureType.HousingSafety), "村干部甲", Now);
        Assert.Equal(MeasureType.HousingSafety, m.Type);

        var normal = Opened();
        normal.Verify(Village, Proposal(LeadOn, "0201"), Policy, LeadOn, Now);
        Assert.Throws<WorkflowRuleException>(() => new AssistanceMeasure(normal, Measure(MeasureType.HousingSafety), "x", Now));
    }

    [Fact]
    public void A_lead_on_a_household_with_an_open_case_cannot_open_another()
    {
        var h = NewHousehold();
        var c = Opened(h);
        Assert.Throws<WorkflowRuleException>(() => MonitoringCase.Open(h, c, LeadOn, Policy));
    }

    [Fact]
    public void After_elimination_a_new_lead_opens_a_new_episode_marked_as_re_entry()
    {
        var h = NewHousehold();
        var first = new MonitoringCase(h, 1, MonitoringCategory.UnstableFormerlyPoor, ["01"], new DateOnly(2022, 1, 10), CaseOrigin.Imported,
            new DateOnly(2023, 1, 10), EliminationMethod.ThroughAssistance);
        Assert.Equal(CaseStage.Eliminated, first.Stage);
        Assert.Throws<WorkflowRuleException>(() => first.Attach(new Lead(h, first, LeadChannel.CadreVisit, LeadOn, Now, Village,
            new LeadDetails("x", [])), Village, Now));

        var second = Opened(h, first);

        Assert.Equal(2, second.Episode);
        Assert.True(second.IsReEntry);
        Assert.Equal(StepKind.ReEntered, second.Steps[0].Kind);
        Assert.Equal(new DateOnly(2023, 1, 10), first.EliminatedOn);
    }

    [Fact]
    public void A_new_case_after_a_dismissal_is_not_a_re_entry()
    {
        var h = NewHousehold();
        var first = Opened(h);
        first.Verify(Village, new Verification(LeadOn, false, null, null, [], false, "无风险", null), Policy, LeadOn, Now);
        var second = Opened(h, first);
        Assert.Equal(2, second.Episode);
        Assert.False(second.IsReEntry);
    }

    [Fact]
    public void Elimination_is_refused_unless_every_criterion_is_met_and_then_runs_the_same_path()
    {
        var c = Identified();
        var on = c.IdentifiedOn!.Value.AddMonths(7);
        var failing = new EliminationCheck(EliminationMethod.ThroughAssistance, on, [new Criterion("收入", false, "低于监测范围")]);
        var e = Assert.Throws<WorkflowRuleException>(() =>
            c.ProposeElimination(Village, on, EliminationMethod.ThroughAssistance, failing, "{}", Policy, on, Now));
        Assert.Contains("收入", e.Message);

        var passing = new EliminationCheck(EliminationMethod.ThroughAssistance, on, [new Criterion("收入", true, "高于监测范围")]);
        c.ProposeElimination(Village, on, EliminationMethod.ThroughAssistance, passing, "{\"snapshot\":1}", Policy, on, Now);
        Assert.Equal(CaseStage.EliminationVillageReview, c.Stage);
        c.RecordVillageReview(Village, new VillageReview(on, 9, 9, 0, "同意消除", on), Policy, on, Now);
        Assert.Equal(CaseStage.EliminationNotice, c.Stage);
        var closed = on.AddDays(Policy.PublicNoticeDays);
        c.CloseNotice(Village, closed, Policy, closed, Now);
        c.ApproveAtTownship(Township, closed, null, Policy, closed, Now);
        c.ApproveAtCounty(County, closed, "同意消除", closed, Now);

        Assert.Equal(CaseStage.Eliminated, c.Stage);
        Assert.Equal(closed, c.EliminatedOn);
        Assert.Equal(EliminationMethod.ThroughAssistance, c.EliminationMethod);
        Assert.Equal("{\"snapshot\":1}", c.EliminationSnapshot);
        Assert.Equal(StepKind.Eliminated, c.Steps[^1].Kind);
    }

    [Fact]
    public void An_elimination_voted_down_keeps_the_household_under_assistance()
    {
        var c = Identified();
        var on = c.IdentifiedOn!.Value.AddMonths(7);
        c.ProposeElimination(Village, on, EliminationMethod.Natural, new EliminationCheck(EliminationMethod.Natural, on, []), "{}", Policy, on, Now);
        c.RecordVillageReview(Village, new VillageReview(on, 9, 2, 7, "收入仍不稳定", on), Policy, on, Now);
        Assert.Equal(CaseStage.Monitored, c.Stage);
        Assert.Null(c.EliminationMethod);
        Assert.Null(c.EliminatedOn);
    }

    [Fact]
    public void Overdue_work_names_the_level_that_owes_it()
    {
        var c = Opened();
        Assert.Null(c.Overdue(c.StageDueOn!.Value));
        var late = c.Overdue(c.StageDueOn!.Value.AddDays(1));
        Assert.Equal(ResponsibleLevel.Village, late!.Value.Level);
        Assert.Equal(1, Deadlines.DaysLate(late.Value.Due, c.StageDueOn!.Value.AddDays(1)));

        var identified = Identified();
        Assert.Null(identified.Overdue(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Identification_past_its_overall_limit_is_late()
    {
        var c = Opened();
        Assert.False(c.IdentificationLate(c.IdentificationDueOn!.Value));
        Assert.True(c.IdentificationLate(c.IdentificationDueOn!.Value.AddDays(1)));
    }

    [Fact]
    public void Working_days_skip_weekends()
    {
        var friday = new DateOnly(2025, 2, 28);
        Assert.Equal(new DateOnly(2025, 3, 3), Deadlines.Add(friday, 1, workingDays: true));
        Assert.Equal(new DateOnly(2025, 3, 28), Deadlines.Add(friday, 20, workingDays: true));
        Assert.Equal(new DateOnly(2025, 3, 1), Deadlines.Add(friday, 1, workingDays: false));
    }

    [Fact]
    public void Migrated_records_change_stage_when_a_re_import_adds_the_elimination()
    {
        var c = new MonitoringCase(NewHousehold(), 1, MonitoringCategory.MarginalAtRisk, ["07"], new DateOnly(2022, 5, 1), CaseOrigin.Imported);
        Assert.Equal(CaseStage.Monitored, c.Stage);
        c.Set(MonitoringCategory.MarginalAtRisk, ["07"], new DateOnly(2022, 5, 1), new DateOnly(2023, 6, 1), EliminationMethod.Natural);
        Assert.Equal(CaseStage.Eliminated, c.Stage);
    }

    private static MeasureDetails Measure(MeasureType type) =>
        new(type, "危房改造补助", "县住建局", "张三", LeadOn, null, 20000m, MeasureStatus.InProgress, null);
}
