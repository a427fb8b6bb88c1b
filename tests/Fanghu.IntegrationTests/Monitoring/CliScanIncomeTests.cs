using System.Diagnostics;
using System.Text.Json;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Monitoring;

/// <summary><c>fanghu monitoring scan-income</c>, run as the real process against the test database.</summary>
public sealed class CliScanIncomeTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await IncomeWorld.ArrangeAsync(_database);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => CliProcess.RunAsync(_database, args);

    [Fact]
    public async Task The_scan_runs_over_the_whole_registry_once_and_reports_in_text_or_json()
    {
        var first = await RunAsync("monitoring", "scan-income", "--year", "2024");
        Assert.True(first.Exit == 0, first.Out + first.Err);
        Assert.Contains("新增线索 4 条（新开案件 3 件", first.Out);

        var again = await RunAsync("monitoring", "scan-income", "--year", "2024", "--format", "json");
        Assert.True(again.Exit == 0, again.Out + again.Err);
        var json = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal(0, json.GetProperty("newLeads").GetInt32());
        Assert.Equal(4, json.GetProperty("alreadyKnown").GetInt32());
        Assert.Equal(4, json.GetProperty("atOrBelowLine").GetInt32());

        await using var db = _database.Context();
        Assert.Equal(4, await db.Leads.CountAsync());
        Assert.All(await db.Leads.Select(l => l.RecordedByName).ToListAsync(), name => Assert.Equal("系统", name));
    }

    [Fact]
    public async Task A_what_if_line_counts_per_division_next_to_the_line_in_force_and_writes_nothing()
    {
        var higher = await RunAsync("monitoring", "scan-income", "--year", "2024", "--what-if", "--line", "10000", "--format", "json");
        Assert.True(higher.Exit == 0, higher.Out + higher.Err);
        var json = JsonDocument.Parse(higher.Out).RootElement;
        // 8,700 (at the line), 5,000, 4,500 and 4,000 per person now; 10,000 adds the household at exactly 10,000.
        Assert.Equal((4, 5, 1, 0), (json.GetProperty("current").GetInt32(), json.GetProperty("proposed").GetInt32(),
            json.GetProperty("newly").GetInt32(), json.GetProperty("noLonger").GetInt32()));
        var shangriLa = json.GetProperty("divisions").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "533401");
        Assert.Equal((3, 4, 1), (shangriLa.GetProperty("current").GetInt32(), shangriLa.GetProperty("proposed").GetInt32(), shangriLa.GetProperty("newly").GetInt32()));

        var lower = await RunAsync("monitoring", "scan-income", "--year", "2024", "--what-if", "--line", "6000");
        Assert.True(lower.Exit == 0, lower.Out + lower.Err);
        Assert.Contains("合计\t4\t3\t0\t1", lower.Out);

        var noLine = await RunAsync("monitoring", "scan-income", "--year", "2024", "--what-if");
        Assert.Equal(1, noLine.Exit);

        await using var db = _database.Context();
        Assert.Equal(0, await db.Leads.CountAsync());
    }

    [Fact]
    public async Task A_refused_year_exits_with_1_and_a_missing_year_is_a_usage_error()
    {
        var future = await RunAsync("monitoring", "scan-income", "--year", (DateTime.UtcNow.Year + 1).ToString(), "--format", "json");
        var missing = await RunAsync("monitoring", "scan-income");

        Assert.Equal(1, future.Exit);
        Assert.Contains("年度不合理", future.Err);
        Assert.Equal("rejected", JsonDocument.Parse(future.Out).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(1, missing.Exit);
        Assert.Contains("--year", missing.Err);
    }
}
