using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Imports;

public sealed class OtherImportsTests : ImportTestBase
{
    private const string IncomeHeader = "户编号,年度,工资性收入,生产经营性收入,生产经营性支出,财产性收入,转移性收入,理赔收入,合规自付支出";
    private const string MonitoringHeader = "户编号,监测对象类别,风险类型,识别日期,风险消除日期,风险消除方式";

    private async Task<List<string[]>> RegisterAsync(int households)
    {
        var rows = Synthetic.PersonRows(households);
        var report = await ImportAsync(ImportKind.Persons, Write("persons.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));
        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        return rows;
    }

    [Fact]
    public async Task Income_amounts_are_read_as_people_write_them_and_net_income_follows_the_formula()
    {
        var persons = await RegisterAsync(2);
        var h0 = persons[0][2];
        var h1 = persons[4][2];
        var csv = $"{IncomeHeader}\n{h0},2024,\"32,000\",1.2万元,3000元,５００,4800,,\n{h1},2025年,28000.50,0,0,0,6200,5000,18000\n";
        var report = await ImportAsync(ImportKind.Income, Write("income.csv", csv));
        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        Assert.Equal(2, report.Added);

        await using var db = Database.Context();
        var income = await db.Incomes.SingleAsync(i => i.Household.Number == h0 && i.Year == 2024);
        Assert.Equal(32000m, income.Wages);
        Assert.Equal(12000m, income.OperatingIncome);
        Assert.Equal(500m, income.PropertyIncome);
        Assert.Equal(32000m + 12000m - 3000m + 500m + 4800m, income.NetIncome);

        var again = await ImportAsync(ImportKind.Income, Write("income.csv", csv));
        Assert.Equal((0, 0, 2), (again.Added, again.Changed, again.Unchanged));

        // Without the optional columns the stored 理赔收入 and 合规自付支出 stay.
        var shortHeader = "户编号,年度,工资性收入,生产经营性收入,生产经营性支出,财产性收入,转移性收入";
        var without = await ImportAsync(ImportKind.Income, Write("short.csv", $"{shortHeader}\n{h1},2025,28000.50,0,0,0,6200\n"));
        Assert.Equal((0, 0, 1), (without.Added, without.Changed, without.Unchanged));
        await using var check = Database.Context();
        Assert.Equal(18000m, (await check.Incomes.SingleAsync(i => i.Household.Number == h1)).CompliantOutOfPocket);
    }

    [Fact]
    public async Task Income_for_an_unregistered_household_a_duplicate_year_or_a_negative_amount_is_refused()
    {
        var persons = await RegisterAsync(1);
        var h0 = persons[0][2];
        var csv = $"{IncomeHeader}\n{h0},2024,100,0,0,0,0,,\n{h0},2024,200,0,0,0,0,,\n999999,2024,1,0,0,0,0,,\n{h0},2023,-5,0,0,0,0,,\n{h0},2022,abc,0,0,0,0,,\n" +
                  $"{h0},2021,,0,0,0,0,,\n{h0},2020,\"3,5\",0,0,0,0,,\n{h0},2019,100.123,0,0,0,0,,\n";
        var report = await ImportAsync(ImportKind.Income, Write("bad-income.csv", csv));
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Contains(report.Errors, e => e.Row == 3 && e.Message.Contains("重复"));
        Assert.Contains(report.Errors, e => e.Row == 4 && e.Message.Contains("未登记"));
        Assert.Contains(report.Errors, e => e.Row == 5 && e.Column == "工资性收入" && e.Message.Contains("负数"));
        Assert.Contains(report.Errors, e => e.Row == 6 && e.Column == "工资性收入" && e.Message.Contains("不是数字"));
        Assert.Contains(report.Errors, e => e.Row == 7 && e.Column == "工资性收入" && e.Message.Contains("未填写"));
        Assert.Contains(report.Errors, e => e.Row == 8 && e.Column == "工资性收入" && e.Message.Contains("千位分隔符"));
        Assert.Contains(report.Errors, e => e.Row == 9 && e.Column == "工资性收入" && e.Message.Contains("两位小数"));
        await using var db = Database.Context();
        Assert.Equal(0, await db.Incomes.CountAsync());
    }

    [Fact]
    public async Task A_dismissed_workflow_lead_does_not_block_the_migration_but_a_case_approved_in_Fanghu_is_not_rewritten_by_it()
    {
        var persons = await RegisterAsync(2);
        var (h0, h1) = (persons[0][2], persons[4][2]);
        var village = new Actor("u-v", "村干部", Role.Village);
        var (township, county) = (village with { Role = Role.Township }, village with { Role = Role.County });
        var now = DateTimeOffset.UtcNow;
        var leadOn = new DateOnly(2024, 5, 6);
        DateOnly? approvedOn = null;
        await using (var db = Database.Context())
        {
            var policy = PolicyLookup.InForce(await db.PolicySets.ToListAsync(), Synthetic.VillageA, leadOn)!.Parameters;
            foreach (var (number, approve) in new[] { (h0, false), (h1, true) })
            {
                var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == number);
                var c = MonitoringCase.Open(household, null, leadOn, policy);
                db.MonitoringCases.Add(c);
                var lead = new Lead(household, c, LeadChannel.CadreVisit, leadOn, now, village, new LeadDetails("户主突发疾病", ["01"]));
                db.Leads.Add(lead);
                c.Attach(lead, village, now);
                c.Verify(village, new Verification(leadOn, approve, leadOn, MonitoringCategory.MarginalAtRisk, ["01"], false,
                    approve ? null : "核实后收入高于监测范围", null), policy, leadOn, now);
                if (!approve) continue;
                c.RecordVillageReview(village, new VillageReview(leadOn, 10, 9, 0, "同意", leadOn), policy, leadOn, now);
                var closed = leadOn.AddDays(policy.PublicNoticeDays);
                c.CloseNotice(village, closed, policy, closed, now);
                c.ApproveAtTownship(township, closed, null, policy, closed, now);
                c.ApproveAtCounty(county, closed, null, closed, now);
                approvedOn = c.IdentifiedOn;
            }
            await db.SaveChangesAsync();
        }

        var migrated = await ImportAsync(ImportKind.Monitoring, Write("after-dismissal.csv", $"{MonitoringHeader}\n{h0},边缘易致贫户,01,2024-07-01,,\n"));
        var rewrite = await ImportAsync(ImportKind.Monitoring,
            Write("rewrite.csv", $"{MonitoringHeader}\n{h1},边缘易致贫户,01,{approvedOn:yyyy-MM-dd},2024-12-01,自然消除\n"));

        Assert.True(migrated.Outcome == ImportOutcome.Imported, string.Join("\n", migrated.Errors));
        Assert.Equal(ImportOutcome.Rejected, rewrite.Outcome);
        Assert.Contains(rewrite.Errors, e => e.Column == "识别日期" && e.Message.Contains("由本系统流程审定"));
        await using var check = Database.Context();
        Assert.Equal([(1, CaseStage.Dismissed), (2, CaseStage.Monitored)],
            (await check.MonitoringCases.Where(c => c.Household.Number == h0).OrderBy(c => c.Episode).ToListAsync()).Select(c => (c.Episode, c.Stage)));
        var approved = await check.MonitoringCases.SingleAsync(c => c.Household.Number == h1);
        Assert.Equal((CaseStage.Monitored, (DateOnly?)null), (approved.Stage, approved.EliminatedOn));
    }

    [Fact]
    public async Task Monitoring_objects_import_with_codes_or_words_and_a_new_identification_date_is_a_new_episode()
    {
        var persons = await RegisterAsync(3);
        var (h0, h1) = (persons[0][2], persons[4][2]);
        var csv = $"{MonitoringHeader}\n{h0},脱贫不稳定户,因病;0201,2022-03-01,2023/4/5,帮扶消除\n{h1},边缘易致贫户,04；因学,2022年6月1日,,\n";
        var report = await ImportAsync(ImportKind.Monitoring, Write("m.csv", csv));
        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        Assert.Equal(2, report.Added);

        var again = await ImportAsync(ImportKind.Monitoring, Write("m.csv", csv));
        Assert.Equal((0, 0, 2), (again.Added, again.Changed, again.Unchanged));

        var undo = $"{MonitoringHeader}\n{h0},脱贫不稳定户,因病;0201,2022-03-01,,\n";
        var refused = await ImportAsync(ImportKind.Monitoring, Write("undo.csv", undo));
        Assert.Equal(ImportOutcome.Rejected, refused.Outcome);
        Assert.Contains(refused.Errors, e => e.Column == "风险消除日期" && e.Message.Contains("不能通过导入撤销"));

        var withoutElimination = $"户编号,监测对象类别,风险类型,识别日期\n{h0},脱贫不稳定户,因病;0201,2022-03-01\n";
        var kept = await ImportAsync(ImportKind.Monitoring, Write("short.csv", withoutElimination));
        Assert.Equal((0, 0, 1), (kept.Added, kept.Changed, kept.Unchanged));

        var reentry = $"{MonitoringHeader}\n{h0},防止返贫致贫对象,05,2026-02-10,,\n";
        var third = await ImportAsync(ImportKind.Monitoring, Write("m2.csv", reentry));
        Assert.True(third.Outcome == ImportOutcome.Imported, string.Join("\n", third.Errors));

        await using var db = Database.Context();
        var episodes = await db.MonitoringCases.Where(c => c.Household.Number == h0).OrderBy(c => c.Episode).ToListAsync();
        Assert.Equal([1, 2], episodes.Select(e => e.Episode));
        Assert.Equal(["01", "0201"], episodes[0].RiskTypes);
        Assert.Equal(EliminationMethod.ThroughAssistance, episodes[0].EliminationMethod);
        Assert.Equal(MonitoringCategory.Unified, episodes[1].Category);

        // Migrated objects stand in the workflow as approved (and eliminated where the file says so), with their dates.
        Assert.Equal((CaseStage.Eliminated, new DateOnly(2022, 3, 1), new DateOnly(2023, 4, 5)),
            (episodes[0].Stage, episodes[0].IdentifiedOn!.Value, episodes[0].EliminatedOn!.Value));
        Assert.Equal(CaseStage.Monitored, episodes[1].Stage);
        Assert.Null(episodes[1].StageDueOn);
        var timeline = await new HouseholdTimeline(db).HandleAsync(episodes[0].HouseholdId, default);
        Assert.Equal(["识别纳入（从国家系统导入）", "风险消除（从国家系统导入）", "识别纳入（从国家系统导入）"], timeline.Select(e => e.What));
    }

    [Fact]
    public async Task Monitoring_rows_that_break_the_rules_are_refused()
    {
        var persons = await RegisterAsync(2);
        var (h0, h1) = (persons[0][2], persons[4][2]);
        var csv = $"{MonitoringHeader}\n" +
                  $"{h0},脱贫不稳定户,01;02;03;04;05;06,2022-03-01,,\n" +
                  $"{h1},边缘易致贫户,01,2023-03-01,2022-01-01,帮扶消除\n" +
                  $"{h1},边缘易致贫户,01,2023-03-01,,\n" +
                  $"{persons[0][2]}X,突发严重困难户,因懒,2022-01-01,,\n" +
                  $"{h0}Y,脱贫不稳定户,01,2026-03-01,,\n";
        var report = await ImportAsync(ImportKind.Monitoring, Write("bad-m.csv", csv));
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Contains(report.Errors, e => e.Row == 2 && e.Message.Contains("最多 5 项"));
        Assert.Contains(report.Errors, e => e.Row == 3 && e.Message.Contains("早于识别日期"));
        Assert.Contains(report.Errors, e => e.Row == 4 && e.Message.Contains("多次"));
        Assert.Contains(report.Errors, e => e.Row == 5 && e.Message.Contains("因懒"));
        Assert.Contains(report.Errors, e => e.Row == 6 && e.Message.Contains("未登记"));
    }

    [Fact]
    public async Task Amounts_from_an_xlsx_formula_read_as_Excel_shows_them()
    {
        var persons = await RegisterAsync(1);
        var sheet = new List<object?[]>
        {
            IncomeHeader.Split(','),
            new object?[] { persons[0][2], 2025d, 12345.670000000002, 0d, 0d, 0d, 1000.1d, null, null },
        };
        var report = await ImportAsync(ImportKind.Income, Synthetic.WriteXlsx(Path.Combine(Folder, "income.xlsx"), sheet));
        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        await using var db = Database.Context();
        Assert.Equal(12345.67m, (await db.Incomes.SingleAsync()).Wages);
    }

    [Fact]
    public async Task Divisions_are_validated_and_parents_may_come_later_in_the_same_file()
    {
        var csv = "代码,名称,上级代码\n533422100201,某村,533422100\n533422100,升平镇,533422\n533422,德钦县,5334\n533422101,错镇,533401\n12345,坏代码,\n533422999999,孤村,\n";
        var report = await ImportAsync(ImportKind.Divisions, Write("d.csv", csv));
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Contains(report.Errors, e => e.Row == 5 && e.Column == "上级代码" && e.Message.Contains("533422"));
        Assert.Contains(report.Errors, e => e.Row == 6 && e.Column == "代码");
        Assert.Contains(report.Errors, e => e.Row == 7 && e.Message.Contains("533422999"));
        Assert.DoesNotContain(report.Errors, e => e.Row is 2 or 3 or 4);

        var skipped = await ImportAsync(ImportKind.Divisions, Write("d-skip.csv", "代码,名称,上级代码\n533499,坏县,5399\n533499100,孤镇,533499\n533422,德钦县,5334\n"), skipInvalid: true);
        Assert.Equal((1, 2), (skipped.Added, skipped.Rejected));
        Assert.Contains(skipped.Errors, e => e.Row == 3 && e.Message.Contains("有错误"));

        var good = await ImportAsync(ImportKind.Divisions, Write("d2.csv", "代码,名称,上级代码\n533422100201,某村,533422100\n533422100000,升平镇,533422000000\n533422,德钦县,5334\n"));
        Assert.True(good.Outcome == ImportOutcome.Imported, string.Join("\n", good.Errors));
        Assert.Equal((2, 1), (good.Added, good.Unchanged));
    }
}
