using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Tests.Monitoring;

public class EliminationProposalTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly PolicyParameters Policy = DefaultPolicies.Yunnan()[^1].Parameters;
    private static readonly Actor Village = new("v", "村级", Role.Village);

    private static MonitoringCase IdentifiedCase()
    {
        var household = new Household("5334011002010002", DivisionCode.Parse("533401100201"), HouseholdType.Ordinary);
        var c = MonitoringCase.Open(household, null, Today.AddDays(-10), Policy);
        var now = DateTimeOffset.UtcNow;
        c.Verify(Village, new Verification(Today.AddDays(-10), true, Today.AddDays(-10), MonitoringCategory.Unified, ["01"], false, null, null),
            Policy, Today, now);
        c.RecordVillageReview(Village, new VillageReview(Today.AddDays(-9), 10, 8, 1, "同意", Today.AddDays(-9)), Policy, Today, now);
        c.CloseNotice(Village, Today.AddDays(-3), Policy, Today, now);
        c.ApproveAtTownship(new Actor("t", "乡镇", Role.Township), Today.AddDays(-2), null, Policy, Today, now);
        c.ApproveAtCounty(new Actor("c", "县级", Role.County), Today.AddDays(-1), null, Today, now);
        return c;
    }

    private static EliminationCheck AllMet(EliminationMethod method) => new(method, Today, [new Criterion("条件", true, "数据")]);

    [Fact]
    public void The_village_proposes_the_elimination_of_an_identified_case_when_every_criterion_is_met()
    {
        var c = IdentifiedCase();

        c.ProposeElimination(Village, Today, EliminationMethod.Natural, AllMet(EliminationMethod.Natural), "{}", Policy, Today, DateTimeOffset.UtcNow);

        Assert.Equal(CaseStage.EliminationVillageReview, c.Stage);
        Assert.Equal(EliminationMethod.Natural, c.EliminationMethod);
    }

    [Fact]
    public void Another_level_cannot_propose_and_a_case_already_on_the_elimination_path_cannot_be_proposed_again()
    {
        var c = IdentifiedCase();
        var township = new Actor("t", "乡镇", Role.Township);

        var wrongRole = Assert.Throws<WorkflowRuleException>(() => c.ProposeElimination(township, Today, EliminationMethod.Natural,
            AllMet(EliminationMethod.Natural), "{}", Policy, Today, DateTimeOffset.UtcNow));
        c.ProposeElimination(Village, Today, EliminationMethod.Natural, AllMet(EliminationMethod.Natural), "{}", Policy, Today, DateTimeOffset.UtcNow);
        var twice = Assert.Throws<WorkflowRuleException>(() => c.ProposeElimination(Village, Today, EliminationMethod.Natural,
            AllMet(EliminationMethod.Natural), "{}", Policy, Today, DateTimeOffset.UtcNow));

        Assert.Contains("村级", wrongRole.Message);
        Assert.Contains("风险消除", twice.Message);
    }
}
