using Fanghu.Registry;

namespace Fanghu.Tests.Registry;

public class IncomeAmountsTests
{
    [Fact]
    public void Net_income_is_wages_plus_operating_income_minus_expense_plus_property_and_transfer()
    {
        var amounts = new IncomeAmounts(Wages: 20000, OperatingIncome: 15000, OperatingExpense: 6000, PropertyIncome: 500, TransferIncome: 4000);

        Assert.Equal(33500m, amounts.NetIncome);
    }

    [Fact]
    public void Insurance_claims_and_compliant_out_of_pocket_spending_are_not_part_of_net_income()
    {
        var amounts = new IncomeAmounts(20000, 15000, 6000, 500, 4000, InsuranceClaims: 8000, CompliantOutOfPocket: 12000);

        Assert.Equal(33500m, amounts.NetIncome);
    }

    [Fact]
    public void Net_operating_income_is_operating_income_minus_operating_expense()
    {
        Assert.Equal(9000m, new IncomeAmounts(0, 15000, 6000, 0, 0).NetOperatingIncome);
        Assert.Equal(-1000m, new IncomeAmounts(0, 2000, 3000, 0, 0).NetOperatingIncome);
    }

    [Fact]
    public void Per_capita_income_is_rounded_to_two_decimals_away_from_zero()
    {
        Assert.Equal(3333.33m, new IncomeAmounts(10000, 0, 0, 0, 0).PerCapita(3));
        Assert.Equal(0.13m, new IncomeAmounts(0, 0, 0, 0, 1).PerCapita(8));
        Assert.Equal(8700m, new IncomeAmounts(26100, 0, 0, 0, 0).PerCapita(3));
    }

    [Fact]
    public void An_empty_household_has_no_per_capita_income()
    {
        Assert.Null(new IncomeAmounts(10000, 0, 0, 0, 0).PerCapita(0));
    }

    [Fact]
    public void A_household_income_record_reports_whether_an_update_changed_it()
    {
        var household = new Household("H1", Fanghu.Divisions.DivisionCode.Parse("533401100201"), HouseholdType.Ordinary);
        var income = household.SetIncome(2025, new IncomeAmounts(1, 2, 1, 0, 0));

        Assert.False(income.Update(new IncomeAmounts(1, 2, 1, 0, 0)));
        Assert.True(income.Update(new IncomeAmounts(1, 2, 1, 0, 0, CompliantOutOfPocket: 300)));
        Assert.Equal(2m, income.NetIncome);
    }

    [Fact]
    public void An_implausible_year_is_refused()
    {
        var household = new Household("H1", Fanghu.Divisions.DivisionCode.Parse("533401100201"), HouseholdType.Ordinary);

        Assert.Throws<ArgumentOutOfRangeException>(() => household.SetIncome(1999, new IncomeAmounts(0, 0, 0, 0, 0)));
    }
}
