using System.Text;
using Fanghu.IntegrationTests.Applications;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>fanghu import applications and fanghu report applications, the real command as a process.</summary>
public sealed class ApplicationsReportCliTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("fanghu-cli-applications-").FullName;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, true);
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => CliProcess.RunAsync(_database, args);

    private async Task ImportHistoryAsync()
    {
        var divisions = await RunAsync("import", "divisions", Synthetic.WriteFile(_folder, "divisions.csv", Synthetic.DivisionsCsv));
        Assert.True(divisions.Exit == 0, divisions.Out + divisions.Err);
        var history = Synthetic.WriteFile(_folder, "history.csv", ApplicationsHistory.Csv(), Fanghu.Imports.TabularFile.Gbk);
        var imported = await RunAsync("import", "applications", history);
        Assert.True(imported.Exit == 0, imported.Out + imported.Err);
        Assert.Contains($"导入完成：新增 {ApplicationsHistory.Rows}，变更 0，未变 0，拒绝 0。", imported.Out);
        var again = await RunAsync("import", "applications", history);
        Assert.Contains($"导入完成：新增 0，变更 0，未变 {ApplicationsHistory.Rows}，拒绝 0。", again.Out);
    }

    [Fact]
    public async Task The_command_imports_the_history_and_prints_the_counties_KPIs_as_the_published_JSON()
    {
        await ImportHistoryAsync();

        var county = await RunAsync("report", "applications", "--division", "533401", "--from", ApplicationsHistory.From, "--to", ApplicationsHistory.To,
            "--format", "json");
        var village = await RunAsync("report", "applications", "--division", Synthetic.OtherTownshipVillage, "--from", "2024年4月1日", "--to", "20240630",
            "--format", "json");
        var text = await RunAsync("report", "applications", "--division", Synthetic.Township, "--from", ApplicationsHistory.From, "--to", ApplicationsHistory.To);

        Assert.True(county.Exit == 0, county.Err);
        Assert.Equal(
            """{"division":"533401","from":"2024-04-01","to":"2024-06-30","received":9,"completed":5,"completionRate":55.6,"overdue":3,"byArea":[{"area":"生活","received":1,"completed":0},{"area":"就业","received":2,"completed":1},{"area":"教育","received":1,"completed":1},{"area":"医疗","received":2,"completed":1},{"area":"住房","received":2,"completed":1},{"area":"饮水","received":1,"completed":1}]}""",
            county.Out.Trim());
        Assert.Equal(0, village.Exit);
        Assert.StartsWith($$"""{"division":"{{Synthetic.OtherTownshipVillage}}","from":"2024-04-01","to":"2024-06-30","received":1,"completed":1,"completionRate":100.0,"overdue":0,""", village.Out.Trim());
        Assert.Equal(0, text.Exit);
        Assert.Contains("救助申请统计　建塘镇（533401100）　2024年4月1日至2024年6月30日", text.Out);
        Assert.Contains("42.9%", text.Out);
    }

    [Fact]
    public async Task Refused_requests_and_a_rejected_file_exit_with_1_and_say_why_in_Chinese_and_write_nothing()
    {
        await ImportHistoryAsync();

        var backwards = await RunAsync("report", "applications", "--division", "533401", "--from", "2024-06-30", "--to", "2024-04-01", "--format", "json");
        var unknown = await RunAsync("report", "applications", "--division", "533499", "--from", "2024-01-01", "--to", "2024-06-30", "--format", "json");
        var badDate = await RunAsync("report", "applications", "--division", "533401", "--from", "2024-13-01", "--to", "2024-06-30");
        var noFrom = await RunAsync("report", "applications", "--division", "533401", "--to", "2024-06-30");

        Assert.Equal((1, "结束日期 2024年4月1日 早于开始日期 2024年6月30日"), (backwards.Exit, backwards.Err.Trim()));
        Assert.Equal("", backwards.Out);
        Assert.Equal((1, "区划 533499 不存在"), (unknown.Exit, unknown.Err.Trim()));
        Assert.Equal(1, badDate.Exit);
        Assert.Contains("开始日期：日期“2024-13-01”无法识别", badDate.Err);
        Assert.Equal((1, "请指定开始日期"), (noFrom.Exit, noFrom.Err.Trim()));

        var bad = ApplicationsHistory.Header + "\n" +
                  $"Z1,2024-05-01,甲,{Synthetic.Id(8001)},13900000001,{Synthetic.VillageA},医疗,说明,,\n" +
                  $"Z2,2024-05-01,乙,{Synthetic.WithBadCheck(Synthetic.Id(8002))},13900000002,{Synthetic.VillageA},医疗,说明,,\n";
        var rejected = await RunAsync("import", "applications", Synthetic.WriteFile(_folder, "bad.csv", bad, new UTF8Encoding(true)));
        Assert.Equal(1, rejected.Exit);
        Assert.Contains("数据库未作任何改动", rejected.Err);
        Assert.Contains("第 3 行【证件号码】", rejected.Err);
        await using var db = _database.Context();
        Assert.Equal(ApplicationsHistory.Rows, await db.Applications.CountAsync());
    }
}
