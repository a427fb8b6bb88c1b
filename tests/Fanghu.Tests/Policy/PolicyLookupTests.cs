using Fanghu.Policy;

namespace Fanghu.Tests.Policy;

public class PolicyLookupTests
{
    private static PolicyParameters Line(decimal line, CategoryScheme scheme = CategoryScheme.ThreeCategories2021) =>
        new(line, 15, false, 5, 6, 1, 6, 10, scheme);

    private static decimal? LineOn(IEnumerable<PolicySet> sets, string code, int year, int month, int day) =>
        PolicyLookup.InForce(sets, code, new DateOnly(year, month, day))?.IncomeLine;

    [Fact]
    public void The_latest_set_valid_on_the_date_is_in_force()
    {
        PolicySet[] sets =
        [
            new("53", new DateOnly(2024, 1, 1), Line(8700)),
            new("53", new DateOnly(2023, 1, 1), Line(8050)),
            new("53", new DateOnly(2027, 1, 1), Line(9000)),
        ];

        Assert.Equal(8050m, LineOn(sets, "533401", 2023, 12, 31));
        Assert.Equal(8700m, LineOn(sets, "533401", 2024, 1, 1));
        Assert.Equal(8700m, LineOn(sets, "533401", 2026, 12, 31));
    }

    [Fact]
    public void A_county_override_wins_over_its_province_until_the_province_publishes_a_newer_set()
    {
        PolicySet[] sets =
        [
            new("53", new DateOnly(2024, 1, 1), Line(8700)),
            new("53", new DateOnly(2025, 1, 1), Line(8800)),
            new("533401", new DateOnly(2024, 1, 1), Line(9000)),
        ];

        Assert.Equal(9000m, LineOn(sets, "533401100201", 2024, 6, 1));
        Assert.Equal(9000m, LineOn(sets, "533401", 2024, 6, 1));
        Assert.Equal(8700m, LineOn(sets, "533422", 2024, 6, 1));
        Assert.Equal(8800m, LineOn(sets, "533401100201", 2025, 6, 1));
    }

    [Fact]
    public void Another_province_s_sets_are_ignored()
    {
        PolicySet[] sets = [new("52", new DateOnly(2021, 1, 1), Line(7000)), new("53", new DateOnly(2021, 1, 1), Line(6000))];

        Assert.Equal(6000m, LineOn(sets, "5334", 2022, 1, 1));
        Assert.Null(LineOn(sets, "6101", 2022, 1, 1));
    }

    [Fact]
    public void A_date_before_any_set_finds_nothing()
    {
        Assert.Null(LineOn(DefaultPolicies.Yunnan(), "533401", 2020, 12, 31));
    }

    [Theory]
    [InlineData(2021, 6000)]
    [InlineData(2022, 6000)]
    [InlineData(2023, 8050)]
    [InlineData(2024, 8700)]
    [InlineData(2025, 8700)]
    [InlineData(2026, 8700)]
    public void The_shipped_Yunnan_lines_apply_by_year(int year, int line)
    {
        Assert.Equal(line, LineOn(DefaultPolicies.Yunnan(), "533401100201", year, 7, 1));
    }

    [Fact]
    public void From_2026_the_unified_category_scheme_applies()
    {
        var sets = DefaultPolicies.Yunnan();

        Assert.Equal(CategoryScheme.ThreeCategories2021, PolicyLookup.InForce(sets, "533401", new DateOnly(2025, 12, 31))!.Categories);
        Assert.Equal(CategoryScheme.Unified2026, PolicyLookup.InForce(sets, "533401", new DateOnly(2026, 1, 1))!.Categories);
    }

    [Fact]
    public void The_shipped_sets_carry_the_default_time_limits()
    {
        var p = PolicyLookup.InForce(DefaultPolicies.Yunnan(), "53", new DateOnly(2025, 1, 1))!.Parameters;

        Assert.Equal(15, p.IdentificationDays);
        Assert.Equal(5, p.PublicNoticeDays);
        Assert.Equal(6, p.EliminationMinMonths);
        Assert.Equal(10, p.ApplicationEscalationDays);
    }

    [Theory]
    [InlineData("5334")]
    [InlineData("533401100")]
    [InlineData("5x")]
    public void A_policy_set_applies_to_a_province_or_a_county_only(string region)
    {
        Assert.Throws<ArgumentException>(() => new PolicySet(region, new DateOnly(2025, 1, 1), Line(8700)));
    }

    [Fact]
    public void A_policy_set_refuses_a_zero_income_line()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolicySet("53", new DateOnly(2025, 1, 1), Line(0)));
    }
}
