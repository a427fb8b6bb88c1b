using Fanghu.Accounts;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Tests.Monitoring;

public class MonitoringCaseTests
{
    private static readonly Household Household = new("5334011002010001", DivisionCode.Parse("533401100201"), HouseholdType.FormerlyPoor);
    private static readonly DateOnly Identified = new(2024, 3, 15);

    private static MonitoringCase NewCase(params string[] risks) =>
        new(Household, 1, MonitoringCategory.UnstableFormerlyPoor, risks, Identified, CaseOrigin.Imported);

    [Fact]
    public void A_new_case_is_not_eliminated_and_keeps_its_risk_types_in_order()
    {
        var c = NewCase("01", "0201", "04");

        Assert.False(c.IsEliminated);
        Assert.Null(c.EliminationMethod);
        Assert.Equal(["01", "0201", "04"], c.RiskTypes);
        Assert.Equal("01;0201;04", c.RiskTypeCodes);
        Assert.Equal(1, c.Episode);
    }

    [Fact]
    public void Up_to_five_risk_types_are_accepted()
    {
        Assert.Equal(5, NewCase("01", "02", "03", "04", "05").RiskTypes.Count);
    }

    [Fact]
    public void More_than_five_risk_types_are_refused()
    {
        Assert.Throws<WorkflowRuleException>(() => NewCase("01", "02", "03", "04", "05", "06"));
    }

    [Fact]
    public void A_case_without_a_risk_type_is_refused()
    {
        Assert.Throws<WorkflowRuleException>(() => NewCase());
    }

    [Fact]
    public void Elimination_before_identification_is_refused()
    {
        var c = NewCase("01");

        Assert.Throws<ArgumentException>(() =>
            c.Set(MonitoringCategory.UnstableFormerlyPoor, ["01"], Identified, Identified.AddDays(-1), EliminationMethod.ThroughAssistance));
        Assert.False(c.IsEliminated);
    }

    [Fact]
    public void An_eliminated_case_needs_a_method()
    {
        var c = NewCase("01");

        Assert.Throws<ArgumentException>(() =>
            c.Set(MonitoringCategory.UnstableFormerlyPoor, ["01"], Identified, Identified.AddMonths(8), null));
    }

    [Fact]
    public void Eliminating_records_the_date_and_method_and_reports_a_change()
    {
        var c = NewCase("01");
        var eliminated = Identified.AddMonths(8);

        Assert.True(c.Set(MonitoringCategory.UnstableFormerlyPoor, ["01"], Identified, eliminated, EliminationMethod.Natural));
        Assert.True(c.IsEliminated);
        Assert.Equal(eliminated, c.EliminatedOn);
        Assert.Equal(EliminationMethod.Natural, c.EliminationMethod);
        Assert.False(c.Set(MonitoringCategory.UnstableFormerlyPoor, ["01"], Identified, eliminated, EliminationMethod.Natural));
    }

    [Fact]
    public void Without_an_elimination_date_a_method_is_not_kept()
    {
        var c = NewCase("01");

        Assert.False(c.Set(MonitoringCategory.UnstableFormerlyPoor, ["01"], Identified, null, EliminationMethod.Natural));
        Assert.Null(c.EliminationMethod);
    }

    [Fact]
    public void Setting_the_same_values_reports_no_change_and_different_ones_a_change()
    {
        var c = NewCase("01", "03");

        Assert.False(c.Set(MonitoringCategory.UnstableFormerlyPoor, ["01", "03"], Identified, null, null));
        Assert.True(c.Set(MonitoringCategory.SuddenHardship, ["01", "03"], Identified, null, null));
        Assert.True(c.Set(MonitoringCategory.SuddenHardship, ["01"], Identified, null, null));
    }

    [Fact]
    public void Category_and_elimination_method_words_parse()
    {
        Assert.True(MonitoringWords.Category.TryParse("边缘易致贫户", out var category));
        Assert.Equal(MonitoringCategory.MarginalAtRisk, category);
        Assert.True(MonitoringWords.Category.TryParse("防止返贫监测对象", out category));
        Assert.Equal(MonitoringCategory.Unified, category);
        Assert.True(MonitoringWords.Elimination.TryParse("帮扶消除", out var method));
        Assert.Equal(EliminationMethod.ThroughAssistance, method);
    }

    [Fact]
    public void The_village_proposes_the_elimination_of_a_monitored_case_that_meets_every_criterion()
    {
        var c = NewCase("01");
        var today = Identified.AddMonths(8);
        var met = new EliminationCheck(EliminationMethod.ThroughAssistance, today, [new Criterion("纳入监测满 6 个月", true, "")]);
        var policy = DefaultPolicies.Yunnan()[^1].Parameters;

        var byTownship = Assert.Throws<WorkflowRuleException>(() => c.ProposeElimination(new Actor("t", "乡镇", Role.Township), today,
            EliminationMethod.ThroughAssistance, met, "{}", policy, today, DateTimeOffset.UtcNow));
        c.ProposeElimination(new Actor("v", "村干部", Role.Village), today, EliminationMethod.ThroughAssistance, met, "{}", policy, today,
            DateTimeOffset.UtcNow);

        Assert.Equal("风险消除由村级账号申请", byTownship.Message);
        Assert.Equal(CaseStage.EliminationVillageReview, c.Stage);
        Assert.Equal(today, c.EliminationProposedOn);
        Assert.Equal(EliminationMethod.ThroughAssistance, c.EliminationMethod);
    }

    [Fact]
    public void Elimination_is_refused_while_a_criterion_fails()
    {
        var c = NewCase("01");
        var today = Identified.AddMonths(1);
        var unmet = new EliminationCheck(EliminationMethod.Natural, today, [new Criterion("纳入监测满 6 个月", false, "")]);

        var refused = Assert.Throws<WorkflowRuleException>(() => c.ProposeElimination(new Actor("v", "村干部", Role.Village), today,
            EliminationMethod.Natural, unmet, "{}", DefaultPolicies.Yunnan()[^1].Parameters, today, DateTimeOffset.UtcNow));

        Assert.Equal("不满足风险消除条件：纳入监测满 6 个月", refused.Message);
        Assert.Equal(CaseStage.Monitored, c.Stage);
    }
}
