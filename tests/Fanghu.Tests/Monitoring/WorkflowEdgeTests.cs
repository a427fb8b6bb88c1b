using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Tests.Monitoring;

/// <summary>Texts longer than their columns.</summary>
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
