using System.Text;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Applications;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Imports;

/// <summary>The history of resident applications migrated from the provincial platform (fanghu import applications).</summary>
public sealed class ApplicationsImportTests : ImportTestBase
{
    /// <summary>The n-th synthetic ID number that ends in X (about one in eleven does).</summary>
    private static string IdEndingInX(int nth = 0) =>
        Enumerable.Range(1000, 10_000).Select(n => Synthetic.Id(n)).Where(id => id[17] == 'X').Skip(nth).First();

    private static string FullWidth(string text) =>
        string.Concat(text.Select(c => c is >= '0' and <= '9' ? (char)('０' + (c - '0')) : c == '-' ? '－' : c));

    /// <summary>Every application with its steps as comparable lines, to prove two states of the database are the same.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = Database.Context();
        var applications = await db.Applications.AsNoTracking().Include(a => a.Steps).OrderBy(a => a.ExternalNumber).ToListAsync();
        return [.. applications.Select(a =>
            $"{a.Id}|{a.ExternalNumber}|{a.TrackingCode}|{a.Source}|{a.Area}|{a.Content}|{a.ApplicantName}|{a.IdNumber}|{a.Phone}|{a.VillageCode}|" +
            $"{a.TownshipCode}|{a.CountyCode}|{a.FiledOn}|{a.DueOn}|{a.Status}|{a.ClosedOn}|{a.Reply}|{a.Version}|" +
            string.Join(";", a.Steps.OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Kind}:{s.On}:{s.Note}")))];
    }

    [Fact]
    public async Task A_messy_GBK_file_is_rejected_whole_for_one_Excel_mangled_ID_number_and_imported_without_that_row_when_skipping()
    {
        var x = IdEndingInX();
        var fullWidth = Synthetic.Id(2001);
        var eighteen = Synthetic.Id(2002);
        var fifteen = eighteen[..6] + eighteen[8..17];
        // A title row above the header, the columns in another order, an extra column, dates in five forms, a lower-case
        // x, full-width digits, a 15-digit number, a phone with +86 and spaces, a quoted cell with a comma and a line
        // break, trailing empty rows — and on row 6 an ID number Excel stored as a number.
        var csv =
            "香格里拉市救助申请历史数据（省级平台导出）,,,,,,,,,,\n" +
            "证件号码,受理编号,事项类别,申请人姓名,联系电话,行政区划代码,申请日期,诉求内容,办理结果,办结日期,备注\n" +
            $"{x.ToLowerInvariant()},YNJZ-2024-0101,医疗救助,扎西,+86 139 8870 0011,{Synthetic.VillageA},2024/3/18,妻子住院自付三万余元,已纳入医疗救助,2024年4月2日,\n" +
            $"{FullWidth(fullWidth)},YNJZ-2024-0102,住房,卓玛,13988700012,533401000000,20240506,房屋墙体开裂,,,县级受理\n" +
            $"{fifteen},YNJZ-2024-0103,就业,次仁,0887-8223456,{Synthetic.Township},2024-05-01 00:00:00,返乡后没有稳定工作,已安排公益性岗位,2024.5.20,\n" +
            $"5.33401E+17,YNJZ-2024-0104,生活,格桑,13988700014,{Synthetic.VillageB},2024-05-08,家中主要劳动力受伤,,,\n" +
            $"{Synthetic.Id(2003)},YNJZ-2024-0105,饮水,\"李福\",13988700015,{Synthetic.VillageB},{FullWidth("2024-06-03")},\"水管冻裂, 停水一周\n请尽快修复\",,,\n" +
            ",,,,,,,,,,\n,,,,,,,,,,\n";
        var path = Write("applications.csv", csv, TabularFile.Gbk);

        var rejected = await ImportAsync(ImportKind.Applications, path);

        Assert.Equal(ImportOutcome.Rejected, rejected.Outcome);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((6L, "证件号码"), (error.Row, error.Column));
        Assert.Contains("被 Excel 存成了数字", error.Message);
        Assert.Contains("“文本”格式", error.Message);
        Assert.Contains("CSV（GBK）", string.Join("\n", rejected.Notes));
        Assert.Contains("表头在第 2 行", string.Join("\n", rejected.Notes));
        Assert.Empty(await SnapshotAsync());

        var skipped = await ImportAsync(ImportKind.Applications, path, skipInvalid: true);

        Assert.True(skipped.Outcome == ImportOutcome.Imported, string.Join("\n", skipped.Errors));
        Assert.Equal((4, 0, 0, 1), (skipped.Added, skipped.Changed, skipped.Unchanged, skipped.Rejected));
        Assert.Equal(new[] { "备注" }, skipped.IgnoredColumns);
        Assert.Contains("1 个 15 位证件号码已升位为 18 位", skipped.Notes);
        Assert.True(File.Exists(skipped.RejectedRowsFile), "the rejected row is written to a file to fix");
        Assert.Contains("YNJZ-2024-0104", await File.ReadAllTextAsync(skipped.RejectedRowsFile!));

        await using var db = Database.Context();
        var all = await db.Applications.AsNoTracking().Include(a => a.Steps).ToDictionaryAsync(a => a.ExternalNumber!);
        Assert.Equal(new[] { "YNJZ-2024-0101", "YNJZ-2024-0102", "YNJZ-2024-0103", "YNJZ-2024-0105" }, all.Keys.Order());

        var closed = all["YNJZ-2024-0101"];
        Assert.Equal(x, closed.IdNumber);
        Assert.Equal("13988700011", closed.Phone);
        Assert.Equal(ApplicationArea.Medical, closed.Area);
        Assert.Equal(ApplicationSource.Imported, closed.Source);
        Assert.Equal((Synthetic.VillageA, Synthetic.Township, Synthetic.County), (closed.VillageCode, closed.TownshipCode, closed.CountyCode));
        Assert.Equal(ApplicationStatus.Closed, closed.Status);
        Assert.Equal(new DateOnly(2024, 3, 18), closed.FiledOn);
        Assert.Equal(new DateOnly(2024, 3, 28), closed.DueOn);
        Assert.Equal(new DateOnly(2024, 4, 2), closed.ClosedOn);
        Assert.Equal("已纳入医疗救助", closed.Reply);
        Assert.Equal(10, closed.TrackingCode.Length);
        Assert.Equal(new[] { (ApplicationStepKind.Filed, new DateOnly(2024, 3, 18)), (ApplicationStepKind.Closed, new DateOnly(2024, 4, 2)) },
            closed.Steps.OrderBy(s => s.Id).Select(s => (s.Kind, s.On)));

        var county = all["YNJZ-2024-0102"];
        Assert.Equal(fullWidth, county.IdNumber);
        Assert.Equal((null, null, Synthetic.County), (county.VillageCode, county.TownshipCode, county.CountyCode));
        Assert.Equal((ApplicationStatus.Received, (DateOnly?)null), (county.Status, county.ClosedOn));
        Assert.Equal(ApplicationStepKind.Filed, Assert.Single(county.Steps).Kind);

        var township = all["YNJZ-2024-0103"];
        Assert.Equal(eighteen, township.IdNumber);
        Assert.Equal("0887-8223456", township.Phone);
        Assert.Equal((null, Synthetic.Township), (township.VillageCode, township.TownshipCode));
        Assert.Equal((new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 20)), (township.FiledOn, township.ClosedOn!.Value));

        var quoted = all["YNJZ-2024-0105"];
        Assert.Equal("水管冻裂, 停水一周\n请尽快修复", quoted.Content.ReplaceLineEndings("\n"));
        Assert.Equal(new DateOnly(2024, 6, 3), quoted.FiledOn);
        Assert.Equal(4, all.Values.Select(a => a.TrackingCode).Distinct().Count());

        // The same file again changes nothing, not even a tracking code.
        var before = await SnapshotAsync();
        var again = await ImportAsync(ImportKind.Applications, path, skipInvalid: true);
        Assert.Equal((0, 0, 4, 1), (again.Added, again.Changed, again.Unchanged, again.Rejected));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_later_export_closes_what_the_platform_concluded_since_but_not_what_staff_took_up_here()
    {
        var first = await ImportAsync(ImportKind.Applications, Write("history.csv", ApplicationsHistory.Csv()));
        Assert.True(first.Outcome == ImportOutcome.Imported, string.Join("\n", first.Errors));
        Assert.Equal(ApplicationsHistory.Rows, first.Added);
        var before = await SnapshotAsync();

        var again = await ImportAsync(ImportKind.Applications, Write("history.csv", ApplicationsHistory.Csv()));
        Assert.Equal((0, 0, ApplicationsHistory.Rows), (again.Added, again.Changed, again.Unchanged));
        Assert.DoesNotContain(again.Notes, n => n.Contains("内容不同"));
        Assert.Equal(before, await SnapshotAsync());

        var later = await ImportAsync(ImportKind.Applications, Write("later.csv", ApplicationsHistory.CsvWithYN20240004Closed()));
        Assert.True(later.Outcome == ImportOutcome.Imported, string.Join("\n", later.Errors));
        Assert.Equal((0, 1, ApplicationsHistory.Rows - 1), (later.Added, later.Changed, later.Unchanged));
        await using (var db = Database.Context())
        {
            var concluded = await db.Applications.Include(a => a.Steps).SingleAsync(a => a.ExternalNumber == ApplicationsHistory.Number(4));
            Assert.Equal((ApplicationStatus.Closed, new DateOnly(2024, 6, 15), "已纳入危房改造"), (concluded.Status, concluded.ClosedOn!.Value, concluded.Reply));
            Assert.Equal(new DateOnly(2024, 6, 15), concluded.Steps.Single(s => s.Kind == ApplicationStepKind.Closed).On);
        }
        var laterAgain = await ImportAsync(ImportKind.Applications, Write("later.csv", ApplicationsHistory.CsvWithYN20240004Closed()));
        Assert.Equal((0, 0, ApplicationsHistory.Rows), (laterAgain.Added, laterAgain.Changed, laterAgain.Unchanged));
        // The earlier export, where it was still open, does not reopen it.
        var earlier = await ImportAsync(ImportKind.Applications, Write("history.csv", ApplicationsHistory.Csv()));
        Assert.Equal((0, 0, ApplicationsHistory.Rows), (earlier.Added, earlier.Changed, earlier.Unchanged));

        // Staff take up 0005 here; an export that says the platform concluded it is refused for that row, naming why.
        await using (var db = Database.Context())
        {
            var taken = await db.Applications.SingleAsync(a => a.ExternalNumber == ApplicationsHistory.Number(5));
            taken.Assign(new Actor("t1", "乡镇干部", Role.Township), ApplicationArea.Living, "民政", [], null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var staffSnapshot = await SnapshotAsync();
        var conflicting = ApplicationsHistory.Csv().Replace("困难情况说明5,,", "困难情况说明5,2024-07-01,已发放临时救助");
        var refused = await ImportAsync(ImportKind.Applications, Write("conflict.csv", conflicting));
        Assert.Equal(ImportOutcome.Rejected, refused.Outcome);
        var error = Assert.Single(refused.Errors);
        Assert.Equal((6L, "办结日期"), (error.Row, error.Column));
        Assert.Contains("在本系统中已有人办理（当前状态：已分办）", error.Message);
        Assert.Equal(staffSnapshot, await SnapshotAsync());

        // A row that differs from what was imported is left as it was, and the summary says so.
        var changedName = ApplicationsHistory.Csv().Replace($"{ApplicationsHistory.Number(2)},2024/4/2", $"{ApplicationsHistory.Number(2)},2024/4/3");
        var differing = await ImportAsync(ImportKind.Applications, Write("differing.csv", changedName));
        Assert.Equal((0, 0, ApplicationsHistory.Rows), (differing.Added, differing.Changed, differing.Unchanged));
        Assert.Contains(differing.Notes, n => n.StartsWith("1 件已导入的申请与文件内容不同", StringComparison.Ordinal) && n.Contains(ApplicationsHistory.Number(2)));
        Assert.Equal(staffSnapshot, await SnapshotAsync());
    }

    [Fact]
    public async Task Every_bad_cell_is_reported_with_its_row_column_and_a_Chinese_message_and_nothing_is_written()
    {
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)).ToString("yyyy-MM-dd");
        string Row(string number, string filed, string name, string id, string phone, string division, string area, string closed = "", string result = "") =>
            $"{number},{filed},{name},{id},{phone},{division},{area},困难情况,{closed},{result}\n";
        var csv = ApplicationsHistory.Header + "\n"
            + Row("E2", "2024-05-01", "甲", Synthetic.Id(3002), "13900000002", "533401100299", "医疗")
            + Row("E3", "2024-05-01", "乙", Synthetic.Id(3003), "13900000003", "5334", "医疗")
            + Row("E4", "2024-05-01", "丙", Synthetic.Id(3004), "13900000004", Synthetic.VillageA, "医疗", "2024-04-30", "已办结")
            + Row("E5", future, "丁", Synthetic.Id(3005), "13900000005", Synthetic.VillageA, "医疗")
            + Row("E6", "2024-05-01", "戊", Synthetic.Id(3006), "13900000006", Synthetic.VillageA, "其他")
            + Row("E7", "2024-05-01", "己", Synthetic.Id(3007), "13900000007", Synthetic.VillageA, "医疗", "", "正在协调")
            + Row("E8", "2024-05-01", "庚", Synthetic.Id(3008), "13900000008", Synthetic.VillageA, "医疗")
            + Row("E8", "2024-05-02", "辛", Synthetic.Id(3009), "13900000009", Synthetic.VillageA, "医疗")
            + Row("E10", "2024-05-01", "壬", Synthetic.Id(3010), "12345", Synthetic.VillageA, "医疗")
            + Row("E11", "2024-05-01", "癸", Synthetic.WithBadCheck(Synthetic.Id(3011)), "13900000011", Synthetic.VillageA, "医疗")
            + Row("E12", "2024-05-01", "子", "533401198001010000", "13900000012", Synthetic.VillageA, "医疗")
            + Row("E13", "2024-05-01", "", Synthetic.Id(3013), "13900000013", Synthetic.VillageA, "医疗")
            + Row("E14", "2024-02-30", "丑", Synthetic.Id(3014), "13900000014", Synthetic.VillageA, "医疗")
            + Row("2.02405E+13", "2024-05-01", "寅", Synthetic.Id(3015), "13900000015", Synthetic.VillageA, "医疗");

        var report = await ImportAsync(ImportKind.Applications, Write("bad.csv", csv));

        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        void Has(long row, string column, string fragment) =>
            Assert.True(report.Errors.Any(e => e.Row == row && e.Column == column && e.Message.Contains(fragment)),
                $"第 {row} 行【{column}】应含“{fragment}”；实际：\n{string.Join("\n", report.Errors)}");
        Has(2, "行政区划代码", "533401100299 不在区划表中");
        Has(3, "行政区划代码", "州（市）级代码");
        Has(4, "办结日期", "早于申请日期");
        Has(5, "申请日期", "晚于今天");
        Has(6, "事项类别", "可选：生活、就业、教育、医疗、住房、饮水");
        Has(7, "办理结果", "填写了办理结果但没有办结日期");
        Has(9, "受理编号", "E8 在文件中出现了多次（第 8 行已有）");
        Has(10, "联系电话", "格式不对");
        Has(11, "证件号码", "校验位不正确");
        Has(12, "证件号码", "末三位为 000");
        Has(13, "申请人姓名", "申请人姓名未填写");
        Has(14, "申请日期", "无法识别");
        Has(15, "受理编号", "被 Excel 存成了数字");
        Assert.Equal(13, report.TotalErrors);
        Assert.Equal(13, report.Rejected);
        Assert.Empty(await SnapshotAsync());

        // With --skip-invalid only row 8 is good.
        var skipped = await ImportAsync(ImportKind.Applications, Write("bad.csv", csv), skipInvalid: true);
        Assert.Equal((1, 13), (skipped.Added, skipped.Rejected));
    }

    [Fact]
    public async Task A_missing_column_is_named_before_any_row_is_read_and_a_division_outside_the_importers_scope_is_refused()
    {
        var noPhone = $"受理编号,申请日期,申请人姓名,证件号码,行政区划代码,事项类别,诉求内容\nA1,2024-05-01,甲,{Synthetic.Id(1)},533401100201,医疗,说明\n";
        var missing = await ImportAsync(ImportKind.Applications, Write("no-phone.csv", noPhone));
        Assert.Equal(ImportOutcome.Rejected, missing.Outcome);
        Assert.Equal("第 1 行：表头缺少必填列：联系电话", Assert.Single(missing.Errors).Message);

        var township = DataScope.For(Role.County, [Synthetic.Township]);
        var csv = ApplicationsHistory.Header + "\n" +
                  $"S1,2024-05-01,甲,{Synthetic.Id(4001)},13900000001,{Synthetic.VillageA},医疗,说明,,\n" +
                  $"S2,2024-05-01,乙,{Synthetic.Id(4002)},13900000002,{Synthetic.OtherTownshipVillage},医疗,说明,,\n" +
                  $"S3,2024-05-01,丙,{Synthetic.Id(4003)},13900000003,{Synthetic.County},医疗,说明,,\n";
        var report = await ImportAsync(ImportKind.Applications, Write("scope.csv", csv), scope: township);
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Equal(
            new[] { (3L, "行政区划代码", $"行政区划 {Synthetic.OtherTownshipVillage} 不在您的管辖范围内"), (4L, "行政区划代码", $"行政区划 {Synthetic.County} 不在您的管辖范围内") },
            report.Errors.Select(e => (e.Row, e.Column!, e.Message)));

        // Imported by the county, S2 is another township's: the township's own file naming it is refused, not merged.
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(ImportKind.Applications, Write("scope.csv", csv))).Outcome);
        var mine = ApplicationsHistory.Header + "\n" + $"S2,2024-05-01,乙,{Synthetic.Id(4002)},13900000002,{Synthetic.VillageA},医疗,说明,,\n";
        var clash = await ImportAsync(ImportKind.Applications, Write("clash.csv", mine), scope: township);
        Assert.Equal((2L, "受理编号", "受理编号 S2 已由您管辖范围以外的区划导入"), (clash.Errors.Single().Row, clash.Errors.Single().Column!, clash.Errors.Single().Message));
    }

    [Fact]
    public async Task An_XLSX_export_with_a_merged_title_and_Excel_dates_is_read_and_an_ID_number_stored_as_a_number_is_refused()
    {
        var header = ApplicationsHistory.Header.Split(',');
        object?[] Row(string number, object id, double filed) =>
            [number, filed, "扎西", id, "13988700001", Synthetic.VillageA, "医疗", "住院自付费用高", null, null];

        var good = Synthetic.WriteXlsx(Path.Combine(Folder, "good.xlsx"),
            [header, Row("X1", Synthetic.Id(5001), 45356d), Row("X2", Synthetic.Id(5002), 45357d)], "救助申请历史（省级平台）", titleSpan: 10);
        var imported = await ImportAsync(ImportKind.Applications, good);
        Assert.True(imported.Outcome == ImportOutcome.Imported, string.Join("\n", imported.Errors));
        Assert.Equal(2, imported.Added);
        await using (var db = Database.Context())
            Assert.Equal(new DateOnly(2024, 3, 5), await db.Applications.Where(a => a.ExternalNumber == "X1").Select(a => a.FiledOn).SingleAsync());

        var id = Synthetic.Id(5003);
        var mangled = Synthetic.WriteXlsx(Path.Combine(Folder, "mangled.xlsx"),
            [header, Row("X3", double.Parse(id[..15] + "000"), 45358d)], "救助申请历史（省级平台）", titleSpan: 10);
        var refused = await ImportAsync(ImportKind.Applications, mangled);
        Assert.Equal(ImportOutcome.Rejected, refused.Outcome);
        var error = Assert.Single(refused.Errors);
        Assert.Equal((3L, "证件号码"), (error.Row, error.Column));
        Assert.Contains("“文本”格式", error.Message);
    }
}
