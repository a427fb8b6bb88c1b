using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Tests.Monitoring;

/// <summary>Objections that overlap or are answered out of order, episodes in sequence, and texts longer than their columns.</summary>
public class WorkflowEdgeTests
{
    private static readonly PolicyParameters Policy = DefaultPolicies.Yunnan().Single(p => p.ValidFrom == new DateOnly(2024, 1, 1)).Parameters;
    private static readonly Actor Village = new("u-v", "村干部甲", Role.Village);
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LeadOn = new(2025, 3, 1);

    private static Household NewHousehold() => new("5334011002010001", DivisionCode.Parse("533401100201"), HouseholdType.FormerlyPoor);

    private static MonitoringCase Opened(Household h, MonitoringCase? previous, DateOnly on)
    {
        var c = MonitoringCase.Open(h, previous, on, Policy);
        c.Attach(new Lead(h, c, LeadChannel.CadreVisit, on, Now, Village, new LeadDetails("家中主要劳动力突发疾病", ["01"])), Village, Now);
        return c;
    }

    private static MonitoringCase ToNotice(out DateOnly noticeStart)
    {
        var c = Opened(NewHousehold(), null, LeadOn);
        var verified = LeadOn.AddDays(1);
        c.Verify(Village, new Verification(verified, true, verified, MonitoringCategory.UnstableFormerlyPoor, ["01"], false, null, null),
            Policy, verified, Now);
        noticeStart = LeadOn.AddDays(2);
        c.RecordVillageReview(Village, new VillageReview(noticeStart, 12, 10, 1, "一致同意纳入", noticeStart), Policy, noticeStart, Now);
        return c;
    }

    private static Objection Raise(MonitoringCase c, long id, DateOnly on)
    {
        var o = c.RaiseObjection(Village, on, null, "该户另有收入", Policy, on, Now);
        typeof(Objection).GetProperty(nameof(Objection.Id))!.SetValue(o, id);
        return o;
    }

    [Fact]
    public void Objections_answered_out_of_order_keep_the_notice_standing_until_the_last_one_was_open()
    {
        var c = ToNotice(out var start);
        var identificationDue = c.IdentificationDueOn!.Value;
        Raise(c, 1, start.AddDays(1));
        Raise(c, 2, start.AddDays(2));

        // The first is answered on day 5, the second (raised later) already on day 3: the notice stood still days 1–5.
        c.AnswerObjection(Village, 1, start.AddDays(5), "经核实不属实", upheld: false, Policy, start.AddDays(5), Now);
        Assert.NotNull(c.PausedSince);
        c.AnswerObjection(Village, 2, start.AddDays(3), "经核实不属实", upheld: false, Policy, start.AddDays(5), Now);

        Assert.Null(c.PausedSince);
        Assert.Equal(4, c.PausedDays);
        Assert.Equal(start.AddDays(Policy.PublicNoticeDays + 4), c.NoticeEndsOn);
        Assert.Equal(identificationDue.AddDays(4), c.IdentificationDueOn);
    }

    [Fact]
    public void A_second_objection_raised_with_an_earlier_date_pauses_from_that_date_and_is_due_first()
    {
        var c = ToNotice(out var start);
        Raise(c, 1, start.AddDays(3));
        Raise(c, 2, start.AddDays(1));
        Assert.Equal(start.AddDays(1 + Policy.ObjectionAnswerDays), c.StageDueOn);

        c.AnswerObjection(Village, 2, start.AddDays(2), "不属实", upheld: false, Policy, start.AddDays(4), Now);
        Assert.Equal(start.AddDays(3 + Policy.ObjectionAnswerDays), c.StageDueOn);
        c.AnswerObjection(Village, 1, start.AddDays(4), "不属实", upheld: false, Policy, start.AddDays(4), Now);

        // Days 1–2 and 3–4 stood still; day 2–3 did not.
        Assert.Equal(2, c.PausedDays);
    }

    [Fact]
    public void A_new_episode_cannot_start_before_the_previous_one_ended()
    {
        var h = NewHousehold();
        var first = Opened(h, null, LeadOn);
        var dismissed = LeadOn.AddDays(1);
        first.Verify(Village, new Verification(dismissed, false, null, null, [], false, "无风险", null), Policy, dismissed, Now);

        var e = Assert.Throws<WorkflowRuleException>(() => MonitoringCase.Open(h, first, LeadOn, Policy));
        Assert.Contains("2025年3月2日", e.Message);
        Assert.Equal(2, MonitoringCase.Open(h, first, dismissed, Policy).Episode);
    }

    [Fact]
    public void Texts_longer_than_their_columns_are_refused_by_the_step_not_by_the_database()
    {
        var c = Opened(NewHousehold(), null, LeadOn);
        var tooLong = new string('理', 501);

        var e = Assert.Throws<WorkflowRuleException>(() => c.Verify(Village,
            new Verification(LeadOn, false, null, null, [], false, tooLong, null), Policy, LeadOn, Now));
        Assert.Contains("500", e.Message);
        Assert.Equal(CaseStage.Verification, c.Stage);

        var notice = ToNotice(out var start);
        Assert.Throws<WorkflowRuleException>(() =>
            notice.RaiseObjection(Village, start, new string('人', 101), "该户另有收入", Policy, start, Now));
        Assert.Empty(notice.Objections);
    }
}
