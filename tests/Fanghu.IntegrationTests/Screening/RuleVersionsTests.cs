using System.Text;
using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Screening;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Screening;

/// <summary>
/// Rules change only by new versions (§6): a county's version is for its county, the prefecture's and an
/// administrator's for everyone; an active save retires the active version it replaces, a draft changes nothing that
/// runs, and what cannot run is refused in Chinese before anything is written. A run stopped by its user writes nothing.
/// </summary>
public sealed class RuleVersionsTests : IAsyncLifetime
{
    private const string Key = "medical-self-paid-poor";
    private static readonly Actor County = new("c1", "县局 测试", Role.County);
    private static readonly Actor Admin = new("a1", "管理员 测试", Role.Admin);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_county_version_is_for_its_county_and_retires_only_the_countys_previous_active_version()
    {
        var first = await AddAsync(County, Request(3000m));
        var second = await AddAsync(County, Request(3500m));

        Assert.Equal((2, "533401", RuleStatus.Active), (first.Version, first.DivisionCode, first.Status));
        Assert.Empty(first.Retired);                                // the prefecture-wide v1 stays in force elsewhere
        Assert.Equal((3, "533401"), (second.Version, second.DivisionCode));
        Assert.Equal(["medical-self-paid-poor v2"], second.Retired);
        Assert.Equal([(1, RuleStatus.Active, null, 5000m), (2, RuleStatus.Retired, "533401", 3000m), (3, RuleStatus.Active, "533401", 3500m)],
            await VersionsAsync());
    }

    [Fact]
    public async Task An_administrators_active_version_replaces_the_one_for_everyone_and_keeps_the_rest_of_the_definition()
    {
        var saved = await AddAsync(Admin, Request(6000m) with { AgeMin = 18, Signal = " 自付费用高 " });

        Assert.Equal((2, (string?)null), (saved.Version, saved.DivisionCode));
        Assert.Equal([(1, RuleStatus.Retired, null, 5000m), (2, RuleStatus.Active, null, 6000m)], await VersionsAsync());
        await using var db = _database.Context();
        var definition = (await db.ScreeningRules.SingleAsync(r => r.Key == Key && r.Version == 2)).Definition;
        Assert.Equal((RuleKind.Threshold, "个人自付", "01", 18, "自付费用高", "管理员 测试"),
            (definition.Kind, definition.Measure, definition.RiskType, definition.AgeMin, definition.Signal,
                (await db.ScreeningRules.SingleAsync(r => r.Key == Key && r.Version == 2)).CreatedBy));
    }

    [Fact]
    public async Task A_draft_retires_nothing()
    {
        var draft = await AddAsync(Admin, Request(1000m) with { Status = RuleStatus.Draft });

        Assert.Empty(draft.Retired);
        Assert.Equal([(1, RuleStatus.Active, null, 5000m), (2, RuleStatus.Draft, null, 1000m)], await VersionsAsync());
    }

    [Theory]
    [InlineData(0, null, null, "阈值应大于 0")]
    [InlineData(5000, 15, 6, "年龄范围无效")]
    [InlineData(5000, null, null, "“77”不是风险类型代码", "77")]
    [InlineData(5000, null, null, "请填写预警信号", "01", "")]
    public async Task What_cannot_run_is_refused_in_Chinese_and_nothing_is_written(int threshold, int? ageMin, int? ageMax, string message,
        string risk = "01", string signal = "自付费用高")
    {
        var refusal = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            AddAsync(County, Request(threshold) with { AgeMin = ageMin, AgeMax = ageMax, RiskType = risk, Signal = signal }));

        Assert.Contains(message, refusal.Message);
        Assert.Equal([(1, RuleStatus.Active, null, 5000m)], await VersionsAsync());
    }

    [Fact]
    public async Task Roles_other_than_county_prefecture_and_admin_and_retired_or_unknown_rules_are_refused()
    {
        foreach (var role in new[] { Role.Village, Role.Township, Role.Department, Role.Auditor })
            Assert.Equal("本账号不能修改筛查规则",
                (await Assert.ThrowsAsync<WorkflowRuleException>(() => AddAsync(new Actor("x", "x", role), Request(3000m)))).Message);
        Assert.Equal("新版本只能保存为“启用”或“草稿”",
            (await Assert.ThrowsAsync<WorkflowRuleException>(() => AddAsync(Admin, Request(3000m) with { Status = RuleStatus.Retired }))).Message);
        Assert.Equal("没有筛查规则“no-such-rule”",
            (await Assert.ThrowsAsync<WorkflowRuleException>(() => AddAsync(Admin, Request(3000m) with { Key = "no-such-rule" }))).Message);
        Assert.Single(await VersionsAsync());
    }

    [Fact]
    public async Task A_run_cancelled_by_its_user_is_recorded_as_cancelled_and_writes_no_warning_or_lead()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fanghu-tests", "cancel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using (var db = _database.Context())
            {
                var divisions = Synthetic.WriteFile(folder, "divisions.csv", Synthetic.DivisionsCsv);
                await new ImportRunner(db).RunAsync(ImportKind.Divisions, divisions, new ImportOptions());
                var persons = Synthetic.WriteFile(folder, "persons.csv", Synthetic.Csv(Synthetic.PersonsHeader, Synthetic.PersonRows(3)));
                await new ImportRunner(db).RunAsync(ImportKind.Persons, persons, new ImportOptions());
            }
            await using var context = _database.Context();
            var ids = await context.Persons.Select(p => p.IdNumber).ToListAsync();
            Assert.NotEmpty(ids);
            var file = Synthetic.WriteFile(folder, "医保.csv", "证件号码,结算日期,总费用,报销,个人自付\n"
                + string.Join("\n", ids.Select(id => $"{id},2025-03-01,90000,0,90000")) + "\n", Encoding.UTF8);

            // The user presses 取消 as soon as the run reports its first step.
            using var cancel = new CancellationTokenSource();
            long? runId = null;
            var summary = await ScreenFile.RunAsync(context, "medical-settlements", file,
                new ScreeningOptions(County, AsOf: new DateOnly(2025, 12, 31), Started: id => runId = id), new CancelOnFirstReport(cancel), cancel.Token);

            Assert.Equal(ScreeningOutcome.Cancelled, summary.Outcome);
            await using var check = _database.Context();
            var run = await check.ScreeningRuns.SingleAsync();
            Assert.Equal((run.Id, RunStatus.Cancelled), (runId, run.Status));
            Assert.False(await check.ScreeningWarnings.AnyAsync());
            Assert.False(await check.Leads.AnyAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource cancel) : IProgress<ScreeningProgress>
    {
        public void Report(ScreeningProgress value) => cancel.Cancel();
    }

    private static RuleVersions.Request Request(decimal threshold) =>
        new(Key, threshold, Population.FormerlyPoorOrMonitored, RuleWindow.CalendarYear, "年度个人自付医疗费用高", "01", null, null, RuleStatus.Active);

    private async Task<RuleVersions.Saved> AddAsync(Actor actor, RuleVersions.Request request)
    {
        // A county account's context is scoped to its county, as the web app makes it.
        await using var db = _database.Context(actor.Role == Role.County ? new DataScope(false, ["533401"]) : DataScope.All);
        return await new RuleVersions(db, TimeProvider.System).AddAsync(actor, request, default);
    }

    private async Task<List<(int, RuleStatus, string?, decimal)>> VersionsAsync()
    {
        await using var db = _database.Context();
        var rules = await db.ScreeningRules.AsNoTracking().Where(r => r.Key == Key).OrderBy(r => r.Version).ToListAsync();
        return [.. rules.Select(r => (r.Version, r.Status, r.DivisionCode, r.Definition.Threshold))];
    }
}
