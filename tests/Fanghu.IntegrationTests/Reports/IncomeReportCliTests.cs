using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>fanghu report income, the real command as a process, over <see cref="IncomeReportWorld"/>.</summary>
public sealed class IncomeReportCliTests : ImportTestBase
{
    [Fact]
    public async Task The_command_prints_the_published_JSON_a_Chinese_table_and_refuses_a_bad_type_with_exit_code_1()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        var json = await CliProcess.RunAsync(Database, "report", "income", "--division", "533401", "--year", "2021", "--format", "json");
        var text = await CliProcess.RunAsync(Database, "report", "income", "--division", "533401", "--year", "2021", "--household-type", "监测户");
        var badType = await CliProcess.RunAsync(Database, "report", "income", "--division", "533401", "--year", "2021", "--household-type", "贫困户");
        var unknown = await CliProcess.RunAsync(Database, "report", "income", "--division", "533499", "--year", "2021");

        // The county's 脱贫户, worked out in IncomeReportTests: 60001 ÷ 10 → 6000; 2020 57492 ÷ 11 → 5227.
        Assert.True(json.Exit == 0, json.Err);
        Assert.Equal(
            """{"division":"533401","year":2021,"householdType":"脱贫户","households":4,"persons":10,"perCapitaNetIncome":6000,"previousYear":5227,"change":773,"changePct":14.79,"shares":{"工资性":65.00,"生产经营性":8.33,"财产性":1.67,"转移性":25.00}}""",
            json.Out.TrimEnd());
        Assert.True(text.Exit == 0, text.Err);
        Assert.Contains("收入统计　香格里拉市（533401）　2021年　监测户", text.Out);
        Assert.Matches(@"人均纯收入（元）\s+4,200\s+4,100", text.Out);
        Assert.Contains("较上年增减：+100 元（+2.44%）", text.Out);
        Assert.Matches(@"生产经营性净收入\s+1,500\.00\s+7\.14%", text.Out);
        Assert.Equal((1, "户类型“贫困户”无效，应为 脱贫户、一般农户 或 监测户"), (badType.Exit, badType.Err.Trim()));
        Assert.Equal((1, "区划 533499 不存在"), (unknown.Exit, unknown.Err.Trim()));
    }
}
