using System.Text;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Screening;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Fanghu.IntegrationTests.Screening;

/// <summary>
/// Each default rule of §6 against a small registry built through the real imports, with department files in which
/// every hit is planted by hand next to near misses: the rule finds exactly the planted hits, each warning becomes
/// a lead, and screening the same file again adds nothing.
/// </summary>
public sealed class DefaultRulesTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fanghu-tests", "screening-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    // The people, born on the dates their ID numbers say. P1 and P2 are 脱贫户, O1 and O2 一般农户; O2 is monitored.
    private static readonly string A = Person("19800101", 1), A2 = Person("19820202", 2), C1 = Person("20150301", 3), C2 = Person("20120505", 4);
    private static readonly string D = Person("19750303", 5), D2 = Person("20140101", 6);
    private static readonly string E = Person("19700404", 7);
    private static readonly string B = Person("19600606", 8), B2 = Person("19900707", 9);
    private static readonly string Stranger = Person("19880808", 10);

    public async Task InitializeAsync()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync();
        await ImportAsync(ImportKind.Divisions, "divisions.csv", Synthetic.DivisionsCsv);
        string Row(string village, string number, string name, string id, string relation, string labour, string type) =>
            $"{village},一组,{number},{name},{id},{relation},汉族,健康,{labour},非在校生,未务工,是,{type},";
        await ImportAsync(ImportKind.Persons, "persons.csv", string.Join("\n",
            Synthetic.PersonsHeader,
            Row(Synthetic.VillageA, "S1", "甲", A, "户主", "普通劳动力", "脱贫户"),
            Row(Synthetic.VillageA, "S1", "甲妻", A2, "配偶", "弱劳动力或半劳动力", ""),
            Row(Synthetic.VillageA, "S1", "甲子", C1, "之子", "无劳动力", ""),
            Row(Synthetic.VillageA, "S1", "甲女", C2, "之女", "无劳动力", ""),
            Row(Synthetic.VillageA, "S2", "丁", D, "户主", "技能劳动力", "一般农户"),
            Row(Synthetic.VillageA, "S2", "丁子", D2, "之子", "无劳动力", ""),
            Row(Synthetic.VillageB, "S3", "戊", E, "户主", "普通劳动力", "一般农户"),
            Row(Synthetic.VillageB, "S4", "乙", B, "户主", "弱劳动力或半劳动力", "脱贫户"),
            Row(Synthetic.VillageB, "S4", "乙子", B2, "之子", "普通劳动力", "")));
        await ImportAsync(ImportKind.Monitoring, "monitoring.csv", "户编号,监测对象类别,风险类型,识别日期\nS3,边缘易致贫户,01,2025-05-01\n");
    }

    [Fact]
    public async Task Medical_self_paid_costs_over_the_year_warn_at_5000_for_poor_and_monitored_households_and_20000_for_others()
    {
        // GBK, as many department systems export. A's two 2025 rows reach 5,000.00 exactly; 2024 is another year.
        var file = Write("医保结算.csv", Encoding.GetEncoding(936), """
            证件号码,结算日期,总费用,报销,个人自付
            {A},2025-03-01,8000.00,5000.00,3000.00
            {A},2025/9/10,6000,4000,2000.00
            {A},2024-05-01,9000,5000,4000
            {B},2025-04-01,9999.99,5000,4999.99
            {D},2025-02-02,30000,10000.01,19999.99
            {D2},2025年6月1日,"40,000.00",20000,"20,000.00"
            {E},2025-07-07,7000,1000,6000
            {Stranger},2025-01-01,90000,0,90000
            """);
        var run = await ScreenAsync("medical-settlements", file);

        Assert.Equal(ScreeningOutcome.Completed, run.Outcome);
        Assert.Equal((8, 7, 1), (run.RowsRead, run.RowsMatched, run.RowsUnmatched));
        var warnings = await WarningsAsync();
        Assert.Equal(["medical-self-paid-others:丁子:2025:20000.00", "medical-self-paid-poor:戊:2025:6000.00", "medical-self-paid-poor:甲:2025:5000.00"],
            warnings.Select(w => $"{w.RuleKey}:{w.Name}:{w.Period}:{w.Value:0.00}").Order());
        var a = warnings.Single(w => w.Name == "甲");
        Assert.Equal("2;3", a.SourceRows);
        Assert.Equal(5000m, a.Threshold);
        Assert.Contains("医保结算.csv 第 2、3 行", a.Explanation);
        Assert.Contains("medical-self-paid-poor v1", a.Explanation);

        // Every warning is a department lead on the household, and the rule's risk type (因病) comes with it.
        await using (var db = _database.Context())
        {
            var leads = await db.Leads.Where(l => l.Channel == LeadChannel.DepartmentWarning).ToListAsync();
            Assert.Equal(3, leads.Count);
            Assert.All(leads, l => Assert.Equal("01", l.RiskTypeCodes));
            Assert.All(warnings, w => Assert.Contains(leads, l => l.Id == w.LeadId));
        }

        var again = await ScreenAsync("medical-settlements", file);
        Assert.Equal((3, 0, 3, 0), (again.Hits, again.NewWarnings, again.AlreadyKnown, again.NewLeads));
        Assert.Equal(3, (await WarningsAsync()).Count);
    }

    [Fact]
    public async Task Warnings_open_one_case_per_household_and_join_an_open_case_as_the_workflow_would()
    {
        // 甲 and 甲妻 share a household with no case; 戊's household is monitored (an open case).
        var file = Write("医保结算.csv", Encoding.UTF8, """
            证件号码,结算日期,总费用,报销,个人自付
            {A},2025-03-01,8000,2000,6000.00
            {A2},2025-04-01,7000,1500,5500.50
            {E},2025-07-07,9000,2000,7000
            """);
        var run = await ScreenAsync("medical-settlements", file);
        Assert.Equal((3, 3, 1), (run.NewWarnings, run.NewLeads, run.OpenedCases));

        await using var db = _database.Context();
        var s1 = await db.MonitoringCases.Include(c => c.Steps).SingleAsync(c => c.Household.Number == "S1");
        Assert.Equal((1, CaseStage.Verification, CaseOrigin.Workflow), (s1.Episode, s1.Stage, s1.Origin));
        Assert.True(s1.StageDueOn > s1.OpenedOn);
        var s1Leads = await db.Leads.Where(l => l.Household.Number == "S1").OrderBy(l => l.Id).ToListAsync();
        Assert.Equal(2, s1Leads.Count);
        Assert.All(s1Leads, l => Assert.Equal(s1.Id, l.CaseId));
        Assert.Equal([StepKind.LeadOpened, StepKind.LeadAttached], s1.Steps.OrderBy(s => s.Id).Select(s => s.Kind));
        Assert.Equal(s1Leads.Select(l => l.Summary), s1.Steps.OrderBy(s => s.Id).Select(s => s.Note));
        Assert.Equal(["6000.00", "5500.50"], (await WarningsAsync()).Where(w => w.Number == "S1").OrderBy(w => w.LeadId).Select(w => w.Value.ToString("0.00")));

        var s3 = await db.MonitoringCases.Include(c => c.Steps).SingleAsync(c => c.Household.Number == "S3");
        Assert.Equal(CaseStage.Monitored, s3.Stage);
        var s3Lead = await db.Leads.SingleAsync(l => l.Household.Number == "S3");
        Assert.Equal(s3.Id, s3Lead.CaseId);
        Assert.Equal(StepKind.LeadAttached, s3.Steps.OrderBy(s => s.Id).Last().Kind);
        Assert.All(await WarningsAsync(), w => Assert.NotNull(w.LeadId));
    }

    [Fact]
    public async Task Members_of_poor_and_monitored_households_missing_from_the_enrolment_list_of_the_year_are_not_insured()
    {
        // One year's list, with a late row of the year before: only 2026 is checked.
        var file = Write("参保.csv", Encoding.UTF8, $"证件号码,参保年度\n{A},2026\n{A2},2026\n{C1},2026年\n{B},2026\n{D},2026\n{E},2025\n");
        await ScreenAsync("medical-enrolment", file);
        Assert.Equal(["medical-not-enrolled:乙子:2026", "medical-not-enrolled:戊:2026", "medical-not-enrolled:甲女:2026"],
            (await WarningsAsync()).Select(w => $"{w.RuleKey}:{w.Name}:{w.Period}").Order());
    }

    [Fact]
    public async Task Children_of_6_to_15_without_a_school_record_and_dropouts_are_warned_from_a_spreadsheet()
    {
        var file = Path.Combine(_folder, "学籍.xlsx");
        await MiniExcel.SaveAsAsync(file, new[]
        {
            new Dictionary<string, object> { ["证件号码"] = C1, ["学段"] = "小学", ["学校"] = "尼史村小学", ["状态"] = "在读" },
            new Dictionary<string, object> { ["证件号码"] = C2, ["学段"] = "初中", ["学校"] = "建塘中学", ["状态"] = "辍学" },
        });
        await ScreenAsync("school-enrolment", file);
        Assert.Equal(["school-dropout:甲女", "school-not-enrolled:丁子"], (await WarningsAsync()).Select(w => $"{w.RuleKey}:{w.Name}").Order());
    }

    [Fact]
    public async Task Housing_disasters_and_water_warn_the_household()
    {
        await ScreenAsync("housing", Write("住房.csv", Encoding.UTF8, $"户主证件号码,鉴定等级,日期\n{A},D级,2026-03-01\n{D},B,2026-03-01\n"));
        await ScreenAsync("disasters", Write("灾情.csv", Encoding.UTF8,
            $"户主证件号码,灾种,损失金额,日期\n{D},洪涝,3000,2025-07-01\n{D},洪涝,2500,2025-08-01\n{B},房屋倒塌,1000,2026-04-01\n{A},冰雹,800,2026-04-01\n"));
        await ScreenAsync("water", Write("饮水.csv", Encoding.UTF8, $"村代码,户编号,问题,日期\n,S4,水量不足,2026-05-01\n{Synthetic.VillageA},,水质不达标,2026-05-02\n"));

        Assert.Equal(["disaster-house-destroyed:S4", "disaster-loss:S2", "housing-unsafe:S1", "water-unsafe:S1", "water-unsafe:S2", "water-unsafe:S4"],
            (await WarningsAsync()).Select(w => $"{w.RuleKey}:{w.Number}").Order());
    }

    [Fact]
    public async Task Changes_warn_for_the_population_and_window_of_the_rule()
    {
        await ScreenAsync("civil-assistance", Write("民政.csv", Encoding.UTF8,
            $"证件号码,类别,变动,日期\n{B},低保,退出,2026-03-01\n{D},低保,退出,2026-03-01\n{D2},临时救助,新增,2026-02-01\n"));
        await ScreenAsync("disability", Write("残联.csv", Encoding.UTF8,
            $"证件号码,类别,等级,发证日期\n{A2},肢体,二级,2026-01-15\n{B},视力,一级,2024-01-01\n{D},听力,三级,2026-02-01\n"));
        await ScreenAsync("employment", Write("人社.csv", Encoding.UTF8,
            $"证件号码,状态,日期\n{A},失业,2026-02-01\n{A2},返乡,2026-02-01\n{E},返乡,2024-01-01\n"));
        await ScreenAsync("public-security", Write("公安.csv", Encoding.UTF8,
            $"证件号码,事件,日期\n{D},死亡,2026-05-01\n{B2},重伤,2026-04-01\n{B},死亡,2026-04-01\n"));

        Assert.Equal(["dibao-exit:乙", "disability-severe:甲妻", "main-labourer-death:丁", "main-labourer-injury:乙子",
                "main-labourer-unemployed:甲", "temporary-assistance:丁子"],
            (await WarningsAsync()).Select(w => $"{w.RuleKey}:{w.Name}").Order());
    }

    [Fact]
    public async Task What_if_counts_per_division_the_households_a_draft_threshold_would_flag_and_writes_nothing()
    {
        var file = Write("医保结算.csv", Encoding.UTF8, $"""
            证件号码,结算日期,总费用,报销,个人自付
            {A},2025-03-01,8000.00,3000.00,5000.00
            {B},2025-04-01,9999.99,5000,4999.99
            {D2},2025-06-01,40000,20000,20000
            """);
        await using (var db = _database.Context())
        {
            var current = await db.ScreeningRules.SingleAsync(r => r.Key == "medical-self-paid-poor");
            db.ScreeningRules.Add(new ScreeningRule(current.Key, 2, current.Dataset, current.Name, current.Definition with { Threshold = 4000m },
                RuleStatus.Draft, null, DateTimeOffset.UtcNow, "测试"));
            await db.SaveChangesAsync();
        }

        WhatIfResult w;
        await using (var db = _database.Context())
            w = await new WhatIf(new CaseWork(db, TimeProvider.System)).HandleAsync(DatasetTypes.Find("medical-settlements")!, file,
                new ScreeningOptions(Actor.System, AsOf: AsOf), default);

        Assert.Equal((2, 3, 1, 0), (w.Current, w.Proposed, w.Newly, w.NoLonger));
        Assert.Contains("medical-self-paid-poor v2", w.ProposedRules);
        Assert.Contains("medical-self-paid-poor v1", w.CurrentRules);
        var county = Assert.Single(w.Divisions, d => d.IsCounty);
        Assert.Equal(("533401", "香格里拉市", 2, 3, 1), (county.Code, county.Name, county.Current, county.Proposed, county.Newly));
        var township = Assert.Single(w.Divisions, d => !d.IsCounty);
        Assert.Equal(("533401100", 2, 3, 1), (township.Code, township.Current, township.Proposed, township.Newly));

        await using (var db = _database.Context())
        {
            Assert.Empty(await db.ScreeningRuns.ToListAsync());
            Assert.Empty(await db.ScreeningWarnings.ToListAsync());
            Assert.Empty(await db.Leads.Where(l => l.Channel == LeadChannel.DepartmentWarning).ToListAsync());
        }
    }

    [Fact]
    public async Task A_file_with_a_bad_row_is_rejected_whole_unless_bad_rows_are_skipped()
    {
        var file = Write("医保结算.csv", Encoding.UTF8,
            $"证件号码,结算日期,总费用,报销,个人自付\n{A},2025-03-01,8000,3000,5000\n{Synthetic.WithBadCheck(D)},2025-03-01,1,1,1\n{D},明天,1,1,1\n");
        var rejected = await ScreenAsync("medical-settlements", file);
        Assert.Equal(ScreeningOutcome.Rejected, rejected.Outcome);
        Assert.Equal(2, rejected.ErrorCount);
        Assert.Contains(rejected.Errors, e => e.Row == 3 && e.Column == "证件号码");
        Assert.Contains(rejected.Errors, e => e.Row == 4 && e.Column == "结算日期");
        Assert.Empty(await WarningsAsync());

        // The run keeps its errors: a page opened after a restart still says why.
        await using (var db = _database.Context())
        {
            var stored = await db.ScreeningRuns.SingleAsync();
            Assert.Equal((RunStatus.Rejected, 2), (stored.Status, stored.ErrorCount));
            Assert.Equal(rejected.Errors.Select(e => (e.Row, e.Column, e.Message)), stored.Errors.Select(e => (e.Row, e.Column, e.Message)));
        }

        await using (var db = _database.Context())
        {
            var skipped = await ScreenFile.RunAsync(db, "医保结算", file, new ScreeningOptions(Actor.System, AsOf: AsOf, SkipInvalid: true), null, default);
            Assert.Equal((ScreeningOutcome.Completed, 1, 2), (skipped.Outcome, skipped.Hits, skipped.ErrorCount));
            var stored = await db.ScreeningRuns.AsNoTracking().SingleAsync(r => r.Id == skipped.RunId);
            Assert.Equal((RunStatus.Completed, 2, 2), (stored.Status, stored.ErrorCount, stored.Errors.Count));
        }
    }

    [Fact]
    public async Task Runs_are_seen_by_the_department_that_ran_them_and_by_accounts_whose_divisions_overlap_the_area_screened()
    {
        await using (var db = _database.Context())
        {
            ScreeningRun Run(string file, string? department, DataScope scope) =>
                new(DatasetKind.MedicalSettlements, file, AsOf, "x", "x", department, scope, DateTimeOffset.UtcNow);
            db.ScreeningRuns.AddRange(
                Run("county-a.csv", null, new DataScope(false, ["533401"])),
                Run("county-b.csv", null, new DataScope(false, ["533402"])),
                Run("medical.csv", "医保", new DataScope(false, ["5334"])),
                Run("system.csv", null, DataScope.All));
            await db.SaveChangesAsync();
        }

        async Task<string[]> Seen(RunViewer viewer)
        {
            await using var db = _database.Context();
            return [.. (await new ListRuns(db).HandleAsync(viewer, 1, default)).Items.Select(r => r.FileName).Order()];
        }
        // A county sees its own runs and the prefecture-wide ones whose warnings it follows up, not the other county's.
        Assert.Equal(["county-a.csv", "medical.csv", "system.csv"], await Seen(new RunViewer(Role.County, null, new DataScope(false, ["533401"]))));
        Assert.Equal(["county-a.csv", "county-b.csv", "medical.csv", "system.csv"],
            await Seen(new RunViewer(Role.Prefecture, null, new DataScope(false, ["5334"]))));
        Assert.Equal(["medical.csv", "system.csv"], await Seen(new RunViewer(Role.County, null, new DataScope(false, ["533403"]))));
        Assert.Equal(["medical.csv"], await Seen(new RunViewer(Role.Department, "医保", new DataScope(false, ["5334"]))));
        Assert.Empty(await Seen(new RunViewer(Role.Department, "民政", new DataScope(false, ["5334"]))));
        Assert.Equal(4, (await Seen(new RunViewer(Role.Admin, null, DataScope.All))).Length);
    }

    [Fact]
    public async Task The_command_line_screens_a_file_once_and_exits_1_on_a_bad_file_or_type()
    {
        var file = Write("医保结算.csv", Encoding.GetEncoding(936), $"证件号码,结算日期,总费用,报销,个人自付\n{A},2025-03-01,8000,3000,5000\n");
        var first = await CliProcess.RunAsync(_database, "screen", "医保结算", file, "--as-of", "2026-06-30", "--format", "json");
        Assert.True(first.Exit == 0, first.Out + first.Err);
        var json = System.Text.Json.JsonDocument.Parse(first.Out).RootElement;
        Assert.Equal(("completed", 1, 1), (json.GetProperty("outcome").GetString(), json.GetProperty("hits").GetInt32(), json.GetProperty("newLeads").GetInt32()));
        await using (var db = _database.Context())
        {
            // The run's leads go straight to their tables: the run itself is the audit trail's entry.
            var entry = await db.AuditTrail.SingleAsync(e => e.Action == Fanghu.Audit.AuditTrail.Screened);
            Assert.Equal((nameof(ScreeningRun), json.GetProperty("runId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (entry.Entity, entry.EntityKey));
            Assert.Contains("\"新线索\":1", entry.After);
        }

        var again = await CliProcess.RunAsync(_database, "screen", "medical-settlements", file, "--as-of", "2026-06-30");
        Assert.True(again.Exit == 0, again.Out + again.Err);
        Assert.Contains("新增 0 条", again.Out);
        Assert.Contains("此前已有 1 条", again.Out);

        var badType = await CliProcess.RunAsync(_database, "screen", "tax-records", file);
        Assert.Equal(1, badType.Exit);
        Assert.Contains("medical-settlements（医保结算）", badType.Err);

        var bad = Write("坏.csv", Encoding.UTF8, $"证件号码,结算日期,总费用,报销,个人自付\n{Synthetic.WithBadCheck(A)},2025-03-01,1,1,1\n");
        var rejected = await CliProcess.RunAsync(_database, "screen", "medical-settlements", bad);
        Assert.Equal(1, rejected.Exit);
        Assert.Contains("第 2 行【证件号码】", rejected.Out);
    }

    [Fact]
    public async Task A_cancelled_run_writes_nothing_and_a_run_left_running_by_a_dead_process_shows_as_interrupted()
    {
        var file = Write("医保结算.csv", Encoding.UTF8, $"证件号码,结算日期,总费用,报销,个人自付\n{A},2025-03-01,8000,3000,5000\n");
        await using (var db = _database.Context())
        {
            // A run a crashed process left “running” an hour ago, and one another process is running now.
            db.ScreeningRuns.Add(new ScreeningRun(DatasetKind.MedicalSettlements, "crashed.csv", AsOf, "x", "x", null, DataScope.All, DateTimeOffset.UtcNow.AddHours(-1)));
            db.ScreeningRuns.Add(new ScreeningRun(DatasetKind.MedicalSettlements, "live.csv", AsOf, "x", "x", null, DataScope.All, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        using var cancel = new CancellationTokenSource();
        ScreeningSummary cancelled;
        await using (var db = _database.Context())
            cancelled = await ScreenFile.RunAsync(db, "medical-settlements", file, new ScreeningOptions(Actor.System, AsOf: AsOf),
                new CancelOnFirstReport(cancel), cancel.Token);

        Assert.Equal(ScreeningOutcome.Cancelled, cancelled.Outcome);
        await using (var db = _database.Context())
        {
            var runs = await db.ScreeningRuns.OrderBy(r => r.Id).Select(r => new { r.FileName, r.Status }).ToListAsync();
            Assert.Equal([("crashed.csv", RunStatus.Interrupted), ("live.csv", RunStatus.Running), ("医保结算.csv", RunStatus.Cancelled)],
                runs.Select(r => (r.FileName, r.Status)));
            Assert.Empty(await db.ScreeningWarnings.ToListAsync());
            Assert.Empty(await db.Leads.ToListAsync());
        }

        var rerun = await ScreenAsync("medical-settlements", file);
        Assert.Equal((ScreeningOutcome.Completed, 1), (rerun.Outcome, rerun.NewWarnings));
    }

    [Fact]
    public async Task A_run_cancelled_while_writing_its_warnings_rolls_them_back_and_says_cancelled()
    {
        var file = Write("医保结算.csv", Encoding.UTF8, $"证件号码,结算日期,总费用,报销,个人自付\n{A},2025-03-01,8000,3000,5000\n");
        using var cancel = new CancellationTokenSource();
        await using (var db = _database.Context())
        {
            var summary = await ScreenFile.RunAsync(db, "medical-settlements", file, new ScreeningOptions(Actor.System, AsOf: AsOf),
                new CancelOnFirstReport(cancel, "写入预警"), cancel.Token);
            Assert.Equal(ScreeningOutcome.Cancelled, summary.Outcome);
        }
        await using (var db = _database.Context())
        {
            Assert.Equal(RunStatus.Cancelled, (await db.ScreeningRuns.SingleAsync()).Status);
            Assert.Empty(await db.ScreeningWarnings.ToListAsync());
            Assert.Empty(await db.Leads.ToListAsync());
        }
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource cancel, string? phase = null) : IProgress<ScreeningProgress>
    {
        public void Report(ScreeningProgress value)
        {
            if (phase is null || value.Phase == phase) cancel.Cancel();
        }
    }

    [Fact]
    public async Task A_department_account_screens_only_its_own_departments_datasets()
    {
        var file = Write("参保.csv", Encoding.UTF8, $"证件号码,参保年度\n{A},2026\n");
        await using var db = _database.Context();
        var medical = new Actor("u1", "医保局", Fanghu.Accounts.Role.Department);
        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => ScreenFile.RunAsync(db, "school-enrolment", file,
            new ScreeningOptions(medical, Department: "医保", AsOf: AsOf), null, default));
        Assert.Contains("教育", refused.Message);
        var village = new Actor("u2", "村干部", Fanghu.Accounts.Role.Village);
        await Assert.ThrowsAsync<WorkflowRuleException>(() => ScreenFile.RunAsync(db, "medical-enrolment", file, new ScreeningOptions(village, AsOf: AsOf), null, default));
        var ok = await ScreenFile.RunAsync(db, "medical-enrolment", file, new ScreeningOptions(medical, Department: "医保", AsOf: AsOf), null, default);
        Assert.Equal(ScreeningOutcome.Completed, ok.Outcome);
    }

    private async Task<ScreeningSummary> ScreenAsync(string type, string file)
    {
        await using var db = _database.Context();
        return await ScreenFile.RunAsync(db, type, file, new ScreeningOptions(Actor.System, AsOf: AsOf), null, default);
    }

    private sealed record Seen(string RuleKey, string? Name, string Number, int Period, decimal Value, decimal Threshold, string SourceRows,
        string Explanation, long? LeadId);

    private async Task<List<Seen>> WarningsAsync()
    {
        await using var db = _database.Context();
        var warnings = await db.ScreeningWarnings.AsNoTracking().Include(w => w.Household).ToListAsync();
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name);
        return [.. warnings.Select(w => new Seen(w.RuleKey, w.PersonId is { } p ? names[p] : null, w.Household.Number, w.Period, w.Value,
            w.Threshold, w.SourceRows, w.Explanation, w.LeadId))];
    }

    private async Task ImportAsync(ImportKind kind, string name, string content)
    {
        var path = Write(name, Encoding.UTF8, content);
        await using var db = _database.Context();
        var report = await new ImportRunner(db).RunAsync(kind, path, new ImportOptions());
        Assert.True(report.Outcome != ImportOutcome.Rejected, string.Join("; ", report.Errors.Select(e => $"{e.Row} {e.Column} {e.Message}")));
    }

    /// <summary>Writes a file, putting the people's ID numbers in for {A}, {B}….</summary>
    private string Write(string name, Encoding encoding, string content)
    {
        foreach (var (key, id) in new[] { ("{A}", A), ("{A2}", A2), ("{B}", B), ("{B2}", B2), ("{D}", D), ("{D2}", D2), ("{E}", E), ("{Stranger}", Stranger) }
                     .OrderByDescending(p => p.Item1.Length))
            content = content.Replace(key, id);
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content.Replace("\r\n", "\n") + "\n", encoding);
        return path;
    }

    private static string Person(string birth, int sequence)
    {
        var first17 = $"533401{birth}{sequence:000}";
        return first17 + IdNumber.ComputeCheckCharacter(first17);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
