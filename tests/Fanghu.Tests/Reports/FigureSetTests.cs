using Fanghu.Reports;

namespace Fanghu.Tests.Reports;

public sealed class FigureSetTests
{
    [Fact]
    public void Zeros_are_not_kept_and_a_sum_that_comes_back_to_zero_goes_away()
    {
        var set = new FigureSet();
        set.Add("a", 0);
        set.Add("b", 3);
        set.Add("b", -3);
        set.Add("c", 2);

        Assert.Equal(["c"], set.Keys);
        Assert.Equal(0, set.Of("b"));
    }

    [Fact]
    public void Income_is_kept_in_cents_and_read_back_in_yuan()
    {
        var set = new FigureSet();
        set.AddIncome(IncomeReport.Population.FormerlyPoor, new IncomeReport.YearTotals(2021, 2, 7, 29000.10m, -1000.05m, 0m, 5001m));
        set.AddIncome(IncomeReport.Population.FormerlyPoor, new IncomeReport.YearTotals(2021, 1, 1, 0.01m, 0m, 0m, 0m));

        Assert.Equal(new IncomeReport.YearTotals(2021, 3, 8, 29000.11m, -1000.05m, 0m, 5001m), set.IncomeOf(IncomeReport.Population.FormerlyPoor, 2021));
        Assert.Equal(new IncomeReport.YearTotals(2021, 0, 0, 0m, 0m, 0m, 0m), set.IncomeOf(IncomeReport.Population.Monitored, 2021));
    }

    [Theory]
    [InlineData(new[] { 3 }, 3)]
    [InlineData(new[] { 1, 9, 4 }, 4)]
    [InlineData(new[] { 20, 5 }, 5)] // even: the lower middle
    [InlineData(new[] { 2, 2, 8, 8 }, 2)]
    public void The_median_of_days_is_read_from_their_histogram(int[] days, int median)
    {
        var set = new FigureSet();
        foreach (var d in days)
        {
            set.Add(FigureKeys.Identified, 1);
            set.Add(FigureKeys.IdentificationDays(d), 1);
        }

        Assert.Equal(median, Dashboard.TimelinessOf(set).MedianDays);
    }

    [Fact]
    public void Days_beyond_a_year_are_counted_together_and_their_median_is_said_to_be_at_least_that()
    {
        var set = new FigureSet();
        set.Add(FigureKeys.Identified, 1);
        set.Add(FigureKeys.IdentificationDays(900), 1);

        var t = Dashboard.TimelinessOf(set);

        Assert.Equal((FigureKeys.MaxDays, true), (t.MedianDays!.Value, t.MedianAboveMax));
        Assert.Null(Dashboard.TimelinessOf(new FigureSet()).MedianDays);
    }

    [Theory]
    [InlineData("53", "53", "54")]
    [InlineData("533401100209", "533401100209", "53340110021")]
    [InlineData("5339", "5339", "534")]
    [InlineData("99", "99", "A")]
    [InlineData(null, "", "A")]
    public void A_division_is_the_key_range_of_the_codes_under_it(string? division, string low, string high) =>
        Assert.Equal((low, high), FigureStore.Range(division));

    [Theory]
    [InlineData("5334", "533401100209", true)]
    [InlineData("5334", "5334", true)]
    [InlineData("5334", "533501", false)]
    [InlineData("5339", "533999100201", true)]
    [InlineData("5339", "534001", false)]
    [InlineData("533401100209", "53340110021", false)]
    public void A_code_is_in_its_divisions_range_and_no_other(string division, string code, bool inside)
    {
        var (low, high) = FigureStore.Range(division);
        Assert.Equal(inside, string.CompareOrdinal(code, low) >= 0 && string.CompareOrdinal(code, high) < 0);
    }
}
