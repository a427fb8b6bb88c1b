using Fanghu.Assistance;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Tests.Monitoring;

public class CategoryRuleTests
{
    [Theory]
    [InlineData(HouseholdType.FormerlyPoor, 8000, 8000, false, MonitoringCategory.UnstableFormerlyPoor)]
    [InlineData(HouseholdType.Ordinary, 8700, 8700, false, MonitoringCategory.MarginalAtRisk)]
    [InlineData(HouseholdType.Ordinary, 12000, 5000, false, MonitoringCategory.SuddenHardship)]
    [InlineData(HouseholdType.FormerlyPoor, 12000, 12000, true, MonitoringCategory.SuddenHardship)]
    public void The_rule_of_section_5_3_suggests_the_category(HouseholdType type, double perCapita, double afterRigid, bool loss, MonitoringCategory expected)
    {
        var (category, reason) = CategoryRule.Suggest(CategoryScheme.ThreeCategories2021, type, (decimal)perCapita, (decimal)afterRigid, loss, 8700m, hasRisk: true);
        Assert.Equal(expected, category);
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void Income_above_the_line_without_hardship_or_without_risk_suggests_nothing()
    {
        Assert.Null(CategoryRule.Suggest(CategoryScheme.ThreeCategories2021, HouseholdType.Ordinary, 12000m, 11000m, false, 8700m, true).Category);
        Assert.Null(CategoryRule.Suggest(CategoryScheme.ThreeCategories2021, HouseholdType.FormerlyPoor, 5000m, 5000m, false, 8700m, false).Category);
    }

    [Fact]
    public void From_2026_there_is_one_category()
    {
        Assert.Equal(MonitoringCategory.Unified,
            CategoryRule.Suggest(CategoryScheme.Unified2026, HouseholdType.FormerlyPoor, 5000m, 5000m, false, 8700m, true).Category);
        Assert.Equal([MonitoringCategory.Unified], CategoryRule.Allowed(CategoryScheme.Unified2026));
    }
}

public class PlanChecksTests
{
    [Fact]
    public void A_risk_type_without_a_matching_measure_is_listed()
    {
        Assert.Equal(["09"], PlanChecks.RisksWithoutMeasure(["01", "09"], [MeasureType.Health]));
        Assert.Empty(PlanChecks.RisksWithoutMeasure(["0202"], [MeasureType.HousingSafety]));
        Assert.Empty(PlanChecks.RisksWithoutMeasure(["99"], [MeasureType.Infrastructure]));
        Assert.Equal(["99"], PlanChecks.RisksWithoutMeasure(["99"], []));
    }

    [Fact]
    public void A_household_with_labour_needs_a_development_measure_within_a_month_of_identification()
    {
        var identified = new DateOnly(2025, 3, 10);
        Assert.Equal(DevelopmentState.DueLater, PlanChecks.CheckDevelopment(true, identified, [MeasureType.Health], new DateOnly(2025, 4, 10)).State);
        var missing = PlanChecks.CheckDevelopment(true, identified, [MeasureType.Health], new DateOnly(2025, 4, 11));
        Assert.Equal(DevelopmentState.Missing, missing.State);
        Assert.Equal(new DateOnly(2025, 4, 10), missing.DueOn);
        Assert.Equal(DevelopmentState.Met, PlanChecks.CheckDevelopment(true, identified, [MeasureType.PublicWelfareJob], new DateOnly(2026, 1, 1)).State);
        Assert.Equal(DevelopmentState.NotRequired, PlanChecks.CheckDevelopment(false, identified, [], new DateOnly(2026, 1, 1)).State);
    }
}

public class EliminationCheckTests
{
    private static readonly PolicyParameters Policy = DefaultPolicies.Yunnan().Single(p => p.ValidFrom.Year == 2025).Parameters;
    private static readonly DateOnly Identified = new(2025, 1, 15);
    private static readonly Household House = new("H1", Fanghu.Divisions.DivisionCode.Parse("533401100201"), HouseholdType.FormerlyPoor);

    private static Dictionary<GuaranteeAspect, GuaranteeCheck?> AllSecure() =>
        Enum.GetValues<GuaranteeAspect>().ToDictionary(a => a, a => (GuaranteeCheck?)House.RecordGuarantee(a, true, new DateOnly(2025, 6, 1), null));

    private static EliminationCheck.Inputs Inputs(IncomeAssessment? income, int measures = 1, int withLabour = 2, bool flagged = false,
        Dictionary<GuaranteeAspect, GuaranteeCheck?>? guarantees = null, EliminationMethod method = EliminationMethod.ThroughAssistance) =>
        new(Identified, method, Policy, measures, income, guarantees ?? AllSecure(), withLabour, 4, flagged);

    private static IncomeAssessment Income(decimal net, int months = 6, int size = 4) =>
        new(House, new DateOnly(2025, 7, 20), months, net, size, "村干部", null);

    [Fact]
    public void Every_criterion_met_allows_the_proposal()
    {
        var check = EliminationCheck.Evaluate(Inputs(Income(20000m)), new DateOnly(2025, 7, 20));
        Assert.True(check.AllMet, string.Join("; ", check.Criteria.Select(c => $"{c.Name}={c.Met} {c.Data}")));
        Assert.Contains(check.Criteria, c => c.Data.Contains("10,000"));
    }

    [Fact]
    public void Each_failing_criterion_is_shown_with_its_data()
    {
        var early = EliminationCheck.Evaluate(Inputs(Income(20000m)), new DateOnly(2025, 7, 14));
        Assert.False(early.Criteria[0].Met);
        Assert.Contains("已满 5 个月", early.Criteria[0].Data);

        var today = new DateOnly(2025, 8, 1);
        Assert.False(EliminationCheck.Evaluate(Inputs(Income(20000m), measures: 0), today).Criteria[1].Met);
        Assert.True(EliminationCheck.Evaluate(Inputs(Income(20000m), measures: 0, method: EliminationMethod.Natural), today).AllMet);
        var low = EliminationCheck.Evaluate(Inputs(Income(17000m)), today);
        Assert.False(low.Criteria[2].Met);
        Assert.Contains("8,500", low.Criteria[2].Data);
        Assert.False(EliminationCheck.Evaluate(Inputs(Income(40000m, months: 3)), today).Criteria[2].Met);
        Assert.False(EliminationCheck.Evaluate(Inputs(null), today).Criteria[2].Met);
        var guarantees = AllSecure();
        guarantees[GuaranteeAspect.HousingSafety] = null;
        Assert.False(EliminationCheck.Evaluate(Inputs(Income(20000m), guarantees: guarantees), today).Criteria[3].Met);
    }

    [Fact]
    public void A_whole_household_without_labour_capacity_is_never_eliminated()
    {
        var today = new DateOnly(2025, 8, 1);
        Assert.False(EliminationCheck.Evaluate(Inputs(Income(20000m), withLabour: 0), today).AllMet);
        Assert.False(EliminationCheck.Evaluate(Inputs(Income(20000m), flagged: true), today).AllMet);
        Assert.False(EliminationCheck.Evaluate(Inputs(Income(20000m), withLabour: 0, method: EliminationMethod.Natural), today).AllMet);
    }
}
