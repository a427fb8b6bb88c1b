using Fanghu.Reports;

namespace Fanghu.Tests.Reports;

public class SnapshotRulesTests
{
    [Theory]
    [InlineData("2025-12", PeriodKind.Month, "2025-12-31")]
    [InlineData("2025/2", PeriodKind.Month, "2025-02-28")]
    [InlineData("2024年2月", PeriodKind.Month, "2024-02-29")]
    [InlineData("202506", PeriodKind.Month, "2025-06-30")]
    [InlineData("２０２５－１２", PeriodKind.Month, "2025-12-31")]
    [InlineData("2025", PeriodKind.Year, "2025-12-31")]
    [InlineData(" 2025年度 ", PeriodKind.Year, "2025-12-31")]
    public void A_period_is_read_as_a_month_or_a_year_ending_on_its_last_day(string text, PeriodKind kind, string end)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period, out var error), error);
        Assert.Equal(new ReportPeriod(kind, DateOnly.Parse(end)), period);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-13")]
    [InlineData("2025-12-31")]
    [InlineData("1999")]
    [InlineData("十二月")]
    public void Anything_else_is_refused_with_the_two_forms_it_should_take(string text)
    {
        Assert.False(ReportPeriod.TryParse(text, out _, out var error));
        Assert.Contains("2025-12", error);
    }

    [Fact]
    public void Rows_of_a_list_are_matched_by_what_they_are_not_by_their_position()
    {
        // A category that appears today moves the others down the list; only the new one and the changed one differ.
        const string frozen = """{"byCategory":[{"category":"边缘易致贫户","households":2}],"rate":1.5}""";
        const string live = """{"byCategory":[{"category":"脱贫不稳定户","households":1},{"category":"边缘易致贫户","households":2}],"rate":2.0}""";

        var lines = CompareSnapshot.Compare(frozen, live, "");

        Assert.Equal(
            [
                new CompareSnapshot.Line("byCategory[边缘易致贫户].households", "按类别 · 边缘易致贫户 · 户数", "2", "2", false),
                new CompareSnapshot.Line("rate", "rate", "1.5", "2.0", true),
                new CompareSnapshot.Line("byCategory[脱贫不稳定户].households", "按类别 · 脱贫不稳定户 · 户数", null, "1", true),
            ],
            lines);
    }

    [Fact]
    public void Without_todays_figures_nothing_is_flagged_and_divisions_are_named_with_their_code()
    {
        var lines = CompareSnapshot.Compare("""[{"code":"533401100","name":"建塘镇","figures":{"received":3}},{"code":null,"name":null,"figures":{"received":1}}]""",
            null, "下级区划");

        Assert.Equal(
            [
                new CompareSnapshot.Line("[建塘镇（533401100）].figures.received", "下级区划 · 建塘镇（533401100） · 受理", "3", null, false),
                new CompareSnapshot.Line("[本级].figures.received", "下级区划 · 本级 · 受理", "1", null, false),
            ],
            lines);
    }
}
