using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Tests.Monitoring;

/// <summary>
/// JSON lets an API caller send an enum as any number. The workflow must refuse a number that is none of the
/// values rather than treat it as one of them (an approval, a natural elimination) or fail on it.
/// </summary>
public class MadeUpValuesTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly PolicyParameters Policy = DefaultPolicies.Yunnan()[^1].Parameters;
    private static readonly Actor County = new("c", "县级", Role.County);

    private static MonitoringCase CaseAtCountyApproval()
    {
        var household = new Household("5334011002010001", DivisionCode.Parse("533401100201"), HouseholdType.Ordinary);
        var c = MonitoringCase.Open(household, null, Today.AddDays(-10), Policy);
        var village = new Actor("v", "村级", Role.Village);
        var now = DateTimeOffset.UtcNow;
        c.Verify(village, new Verification(Today.AddDays(-10), true, Today.AddDays(-10), MonitoringCategory.Unified, ["01"], false, null, null),
            Policy, Today, now);
        c.RecordVillageReview(village, new VillageReview(Today.AddDays(-9), 10, 8, 1, "同意", Today.AddDays(-9)), Policy, Today, now);
        c.CloseNotice(village, Today.AddDays(-3), Policy, Today, now);
        c.ApproveAtTownship(new Actor("t", "乡镇", Role.Township), Today.AddDays(-2), null, Policy, Today, now);
        return c;
    }

    [Fact]
    public void A_decision_that_is_neither_approve_nor_return_is_refused_and_the_case_stays_where_it_was()
    {
        var c = CaseAtCountyApproval();

        Assert.Throws<WorkflowRuleException>(() =>
            DecideCase.Apply(c, County, (DecideCase.Decision)3, Today, null, Policy, Today, DateTimeOffset.UtcNow));
        Assert.Equal(CaseStage.CountyApproval, c.Stage);
        Assert.False(c.IsIdentified);

        DecideCase.Apply(c, County, DecideCase.Decision.Approve, Today, "同意纳入", Policy, Today, DateTimeOffset.UtcNow);
        Assert.Equal(CaseStage.Monitored, c.Stage);
    }

    [Fact]
    public void An_elimination_method_that_is_neither_assistance_nor_natural_is_not_checked_as_a_natural_one()
    {
        var inputs = new EliminationCheck.Inputs(Today.AddYears(-1), (EliminationMethod)7, Policy, 0, null,
            new Dictionary<GuaranteeAspect, GuaranteeCheck?>(), 1, 2, false);

        Assert.Throws<WorkflowRuleException>(() => EliminationCheck.Evaluate(inputs, Today));
    }

    [Fact]
    public void No_role_may_record_a_lead_of_a_channel_that_does_not_exist()
    {
        Assert.Empty(RecordLead.RolesFor((LeadChannel)9));
        Assert.Contains(Role.County, RecordLead.RolesFor(LeadChannel.IncomeMonitoring));
    }

    [Fact]
    public void A_guarantee_aspect_that_does_not_exist_is_refused()
    {
        Assert.Throws<WorkflowRuleException>(() =>
            RecordLead.CheckGuarantees([new RecordLead.GuaranteeSeen((GuaranteeAspect)42, true, null)]));
        RecordLead.CheckGuarantees([new RecordLead.GuaranteeSeen(Enum.GetValues<GuaranteeAspect>()[0], true, null)]);
    }
}
