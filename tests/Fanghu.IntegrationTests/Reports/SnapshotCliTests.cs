using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>fanghu report freeze, the real command as a process.</summary>
public sealed class SnapshotCliTests : ImportTestBase
{
    [Fact]
    public async Task The_command_freezes_a_month_once_refuses_it_again_and_a_period_not_ended_with_exit_code_1()
    {
        var first = await CliProcess.RunAsync(Database, "report", "freeze", "monitoring", "--division", "533401", "--period", "2025-12", "--note", "年末");
        var again = await CliProcess.RunAsync(Database, "report", "freeze", "monitoring", "--division", "533401", "--period", "2025年12月");
        var future = await CliProcess.RunAsync(Database, "report", "freeze", "income", "--division", "533401", "--period", "2999");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Matches(@"^已冻结：监测对象统计 533401 2025年12月 第 1 版，编号 \d+", first.Out);
        Assert.Contains("\"asOf\":\"2025-12-31\"", first.Out);
        Assert.Equal(1, again.Exit);
        Assert.Contains("已由", again.Err);
        Assert.Contains("（命令行）（系统管理员）于", again.Err);
        Assert.Equal(1, future.Exit);
        Assert.Contains("只能冻结已经结束的月份或年度", future.Err);
        await using var db = Database.Context();
        Assert.Equal("年末", (await db.ReportSnapshots.SingleAsync()).Note);
    }
}
