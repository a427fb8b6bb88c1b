using Fanghu.Applications;
using Fanghu.Monitoring;
using Fanghu.Reports;

namespace Fanghu.Tests.Reports;

/// <summary>The wordings of the annual summary that the integration worlds do not reach, from figures made up here.</summary>
public sealed class AnnualSummaryProseTests
{
    private static readonly DateOnly YearEnd = new(2026, 12, 31);
    private static readonly MonitoringReport.Figures None = new(0, 0);

    private static MonitoringReport.Report Cases(MonitoringReport.Figures eliminated, MonitoringReport.Figures open,
        params MonitoringReport.RiskTypeFigures[] risks) =>
        new("533401000000", YearEnd, new(eliminated.Households + open.Households, eliminated.Persons + open.Persons), eliminated, open,
            [new(MonitoringCategory.Unified, "防止返贫致贫对象", eliminated.Households + open.Households, eliminated.Persons + open.Persons)],
            risks, None, None);

    private static ApplicationsReport.Report Applied(int received, int completed, int overdue) =>
        new("533401", new(2026, 1, 1), YearEnd, received, completed, ApplicationsReport.Rate(completed, received), overdue,
            [new(ApplicationArea.Housing, "住房", received, completed)]);

    private static IncomeReport.Report Income(string type, long perCapita, long previous) =>
        new("533401", 2026, type, 10, 40, perCapita, previous, perCapita - previous, IncomeReport.Percent(perCapita - previous, previous),
            new(50.00m, 30.00m, 5.00m, 15.00m));

    private static AnnualSummary.Summary Write(MonitoringReport.Report cases, ApplicationsReport.Report applied, IncomeReport.Report poor,
        IncomeReport.Report monitored) =>
        AnnualSummary.Write("香格里拉市", "张三", new DateTime(2027, 1, 5, 9, 30, 0), cases, applied, YearEnd, poor, monitored);

    [Fact]
    public void A_fall_in_income_is_a_decrease_with_its_rate_and_no_change_is_said_to_be_level()
    {
        var s = Write(Cases(new(1, 4), None), Applied(0, 0, 0), Income("脱贫户", 10702, 10911), Income("监测户", 9000, 9000));

        var income = s.Sections[2].Paragraphs;
        Assert.Contains("家庭人均纯收入达10,702元，较2025年减少209元，降幅为1.92%。", income[0]);
        Assert.Contains("家庭人均纯收入达9,000元，与2025年持平。", income[1]);
        Assert.Contains("工资性收入占比50.00%，生产经营性净收入占比30.00%，财产性收入占比5.00%，转移性收入占比15.00%。", income[0]);
    }

    [Fact]
    public void From_2026_the_mechanism_has_its_new_name_and_states_nobody_is_in_are_said_in_words()
    {
        var s = Write(Cases(new(2, 7), None), Applied(4, 4, 0), Income("脱贫户", 1, 0), Income("监测户", 1, 0));

        Assert.Equal("香格里拉市2026年度防止返贫致贫动态监测和帮扶工作总结", s.Title);
        Assert.Equal("截至2026年12月31日，香格里拉市累计纳入防止返贫监测对象2户7人，均已消除风险，风险消除率100.0%。", s.Sections[0].Paragraphs[0]);
        Assert.Equal("2026年1月1日至2026年12月31日，香格里拉市共受理群众救助申请4件，截至2026年12月31日办结4件，办结率100.0%；无超期未办结的申请。",
            s.Sections[1].Paragraphs[0]);
        Assert.Equal("本总结由 张三 于 2027年1月5日 09:30 生成，数据截至2026年12月31日。", s.Closing);
    }

    [Fact]
    public void The_three_largest_risk_types_are_named_with_their_share_and_the_rest_counted()
    {
        var s = Write(Cases(new(100, 400), new(1134, 4000),
                new("01", "因病", 300, 1000), new("03", "因残", 50, 200), new("07", "因务工就业不稳", 400, 1500), new("99", "其他", 10, 30)),
            Applied(0, 0, 0), Income("脱贫户", 1, 0), Income("监测户", 1, 0));

        Assert.Equal("截至2026年12月31日，香格里拉市累计纳入防止返贫监测对象1,234户4,400人，其中已消除风险100户400人，未消除风险1,134户4,000人，风险消除率8.1%。",
            s.Sections[0].Paragraphs[0]);
        Assert.Equal("从致贫返贫风险类型看，主要为因务工就业不稳400户（占32.41%）、因病300户（占24.31%）、因残50户（占4.05%），共涉及4类风险（一户有多种风险的，在每种风险下各计一次）。",
            s.Sections[0].Paragraphs[^1]);
    }
}
