using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Reports;
using static Fanghu.Reports.MonitoringReport;

namespace Fanghu.Tests.Reports;

public class MonitoringTallyTests
{
    private static readonly DateOnly AsOf = new(2022, 1, 31);

    private static EpisodeRow Row(long household, int episode, string identified, string? eliminated = null,
        MonitoringCategory category = MonitoringCategory.UnstableFormerlyPoor, string risks = "01", int persons = 4,
        string village = "533401100201") =>
        new(household, episode, DateOnly.Parse(identified), eliminated is null ? null : DateOnly.Parse(eliminated), category, risks,
            persons, village);

    private static Report Tally(DateOnly asOf, params EpisodeRow[] rows)
    {
        var tally = new MonitoringTally(asOf);
        foreach (var row in rows) tally.Add(row);
        return tally.ToReport("533400000000");
    }

    [Fact]
    public void A_household_with_two_episodes_counts_once_by_its_latest_episode()
    {
        var report = Tally(AsOf,
            Row(1, 1, "2021-03-01", "2021-06-30", MonitoringCategory.UnstableFormerlyPoor, "01;0201", persons: 5),
            Row(1, 2, "2021-09-01", null, MonitoringCategory.SuddenHardship, "05", persons: 5));

        Assert.Equal(new Figures(1, 5), report.Monitored);
        Assert.Equal(new Figures(0, 0), report.Eliminated);
        Assert.Equal(new Figures(1, 5), report.NotEliminated);
        var category = Assert.Single(report.ByCategory);
        Assert.Equal((MonitoringCategory.SuddenHardship, "突发严重困难户", 1, 5), (category.Value, category.Category, category.Households, category.Persons));
        var risk = Assert.Single(report.ByRiskType);
        Assert.Equal(("05", "因意外事故", 1, 5), (risk.Code, risk.Name, risk.Households, risk.Persons));
    }

    [Fact]
    public void The_latest_episode_is_found_whatever_order_a_households_episodes_come_in()
    {
        var report = Tally(AsOf,
            Row(1, 2, "2021-09-01", "2021-12-01", MonitoringCategory.MarginalAtRisk),
            Row(1, 1, "2021-03-01", null, MonitoringCategory.UnstableFormerlyPoor));

        Assert.Equal(new Figures(1, 4), report.Eliminated);
        Assert.Equal(MonitoringCategory.MarginalAtRisk, Assert.Single(report.ByCategory).Value);
    }

    [Fact]
    public void An_episode_identified_after_the_date_does_not_count_and_does_not_hide_the_earlier_one()
    {
        var report = Tally(AsOf,
            Row(1, 1, "2021-03-01", "2021-12-20", MonitoringCategory.UnstableFormerlyPoor, "01"),
            Row(1, 2, "2022-06-01", null, MonitoringCategory.SuddenHardship, "03"),
            Row(2, 1, "2022-02-01"));

        Assert.Equal(new Figures(1, 4), report.Monitored);
        Assert.Equal(new Figures(1, 4), report.Eliminated);
        Assert.Equal(MonitoringCategory.UnstableFormerlyPoor, Assert.Single(report.ByCategory).Value);
        Assert.Equal("01", Assert.Single(report.ByRiskType).Code);
        Assert.Equal(new Figures(0, 0), report.NewlyIdentified);
    }

    [Fact]
    public void Counts_are_as_of_the_end_of_the_date_so_an_elimination_on_that_day_counts_and_one_a_day_later_does_not()
    {
        var onTheDay = Tally(new DateOnly(2021, 12, 20), Row(1, 1, "2021-03-01", "2021-12-20"));
        var dayBefore = Tally(new DateOnly(2021, 12, 19), Row(1, 1, "2021-03-01", "2021-12-20"));
        var identifiedThatDay = Tally(new DateOnly(2021, 3, 1), Row(1, 1, "2021-03-01"));

        Assert.Equal((1, 0), (onTheDay.Eliminated.Households, onTheDay.NotEliminated.Households));
        Assert.Equal((0, 1), (dayBefore.Eliminated.Households, dayBefore.NotEliminated.Households));
        Assert.Equal(1, identifiedThatDay.Monitored.Households);
    }

    [Fact]
    public void Monitored_is_always_eliminated_plus_not_eliminated()
    {
        var report = Tally(AsOf,
            Row(1, 1, "2021-03-01", "2021-12-20", persons: 4),
            Row(2, 1, "2021-05-10", "2022-03-15", persons: 3),
            Row(3, 1, "2022-01-10", persons: 2),
            Row(4, 1, "2021-02-01", "2021-06-30", persons: 6),
            Row(4, 2, "2021-09-01", "2021-11-30", persons: 6));

        Assert.Equal(new Figures(4, 15), report.Monitored);
        Assert.Equal(new Figures(2, 10), report.Eliminated);
        Assert.Equal(new Figures(2, 5), report.NotEliminated);
    }

    [Fact]
    public void Newly_identified_and_newly_eliminated_cover_the_calendar_year_up_to_the_date_and_count_a_household_once()
    {
        var asOf = new DateOnly(2021, 12, 31);
        var report = Tally(asOf,
            // Two identifications and two eliminations in the year: once each.
            Row(1, 1, "2021-02-01", "2021-06-30", persons: 4),
            Row(1, 2, "2021-09-01", "2021-11-30", persons: 4),
            // Identified on the last day of the previous year: not new; eliminated this year: new.
            Row(2, 1, "2020-12-31", "2021-01-01", persons: 3),
            // Eliminated this year, then re-entered: newly eliminated although not eliminated now.
            Row(3, 1, "2020-05-01", "2021-03-01", persons: 2),
            Row(3, 2, "2021-10-01", persons: 2));

        Assert.Equal(new Figures(2, 6), report.NewlyIdentified);
        Assert.Equal(new Figures(3, 9), report.NewlyEliminated);
        Assert.Equal(new Figures(1, 2), report.NotEliminated);
    }

    [Fact]
    public void Risk_types_count_a_household_under_each_of_its_types_once_in_national_code_order()
    {
        var report = Tally(AsOf,
            Row(1, 1, "2021-03-01", risks: "99;01;0201", persons: 4),
            Row(2, 1, "2021-03-01", risks: "01;01", persons: 3),
            Row(3, 1, "2021-03-01", risks: "0201;XX", persons: 2));

        Assert.Equal(
            [("01", "因病", 2, 7), ("0201", "洪涝灾害", 2, 6), ("99", "其他", 1, 4), ("XX", "XX", 1, 2)],
            report.ByRiskType.Select(r => (r.Code, r.Name, r.Households, r.Persons)));
    }

    [Fact]
    public void Categories_without_households_are_left_out_and_the_rest_follow_the_enum_order()
    {
        var report = Tally(AsOf,
            Row(1, 1, "2021-03-01", category: MonitoringCategory.SuddenHardship, persons: 2),
            Row(2, 1, "2021-03-01", category: MonitoringCategory.UnstableFormerlyPoor, persons: 3),
            Row(3, 1, "2021-03-01", category: MonitoringCategory.SuddenHardship, persons: 4));

        Assert.Equal(
            [("脱贫不稳定户", 1, 3), ("突发严重困难户", 2, 6)],
            report.ByCategory.Select(c => (c.Category, c.Households, c.Persons)));
    }

    [Fact]
    public void Nothing_monitored_gives_zeros_and_empty_lists()
    {
        var report = Tally(AsOf);

        Assert.Equal(new Figures(0, 0), report.Monitored);
        Assert.Empty(report.ByCategory);
        Assert.Empty(report.ByRiskType);
        Assert.Equal(AsOf, report.AsOf);
        Assert.Equal("533400000000", report.Division);
    }

    [Fact]
    public void Rows_not_ordered_by_household_are_refused_rather_than_counted_twice()
    {
        var tally = new MonitoringTally(AsOf);
        tally.Add(Row(2, 1, "2021-03-01"));

        Assert.Throws<ArgumentException>(() => tally.Add(Row(1, 1, "2021-03-01")));
    }

    [Fact]
    public void Headline_figures_are_also_counted_per_division_one_level_down()
    {
        var tally = new MonitoringTally(AsOf, DivisionLevel.Township);
        tally.Add(Row(1, 1, "2021-03-01", "2021-12-01", persons: 4, village: "533401100201"));
        tally.Add(Row(2, 1, "2021-03-01", null, persons: 3, village: "533401100202"));
        tally.Add(Row(3, 1, "2021-03-01", null, persons: 2, village: "533401101201"));
        tally.Add(Row(4, 1, "2022-03-01", null, persons: 5, village: "533401102201"));

        var children = tally.ByChild();

        Assert.Equal(["533401100", "533401101"], children.Keys.Order());
        Assert.Equal(new DivisionFigures(new Figures(2, 7), new Figures(1, 4), new Figures(1, 3)), children["533401100"]);
        Assert.Equal(new DivisionFigures(new Figures(1, 2), new Figures(0, 0), new Figures(1, 2)), children["533401101"]);
    }
}

public class EliminationRateTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1973, 1507, 76.4)]
    [InlineData(3, 1, 33.3)]
    [InlineData(8, 1, 12.5)]
    public void The_elimination_rate_is_eliminated_over_monitored_households_in_percent_with_one_decimal(int monitored, int eliminated, double expected)
    {
        var r = new Fanghu.Reports.MonitoringReport.Report("533400000000", new DateOnly(2022, 1, 31), new(monitored, 0), new(eliminated, 0),
            new(monitored - eliminated, 0), [], [], new(0, 0), new(0, 0));
        Assert.Equal((decimal)expected, r.EliminationRate);
    }
}
