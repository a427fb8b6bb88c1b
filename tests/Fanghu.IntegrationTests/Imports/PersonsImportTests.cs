using System.Text;
using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Imports;

public sealed class PersonsImportTests : ImportTestBase
{
    [Fact]
    public async Task A_10000_row_file_with_one_bad_checksum_is_rejected_whole_naming_that_row_and_column_and_the_database_is_unchanged()
    {
        var first = await ImportAsync(ImportKind.Persons, Write("first.csv", Synthetic.Csv(Synthetic.PersonsHeader, Synthetic.PersonRows(10, 900_000, Synthetic.VillageB))));
        Assert.Equal(40, first.Added);
        var before = await PersonsSnapshotAsync();

        var rows = Synthetic.PersonRows(2500);
        rows[7346][4] = Synthetic.WithBadCheck(rows[7346][4]);
        var report = await ImportAsync(ImportKind.Persons, Write("persons.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));

        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        var error = Assert.Single(report.Errors);
        Assert.Equal(7346 + 2, error.Row); // header is line 1, data starts at line 2
        Assert.Equal("证件号码", error.Column);
        Assert.Contains("校验位", error.Message);
        Assert.Equal((0, 0, 0), (report.Added, report.Changed, report.Unchanged));
        Assert.Equal(before, await PersonsSnapshotAsync());

        rows[7346][4] = Synthetic.Id(7346);
        var corrected = await ImportAsync(ImportKind.Persons, Write("persons.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));
        Assert.Equal((10_000, 0), (corrected.Added, corrected.Rejected));
        Assert.Contains("户：新增 2500，变更 0", corrected.Notes);
    }

    [Fact]
    public async Task The_same_file_in_GBK_and_in_UTF8_imports_identically()
    {
        var content = Synthetic.Csv(Synthetic.PersonsHeader, Synthetic.PersonRows(30, 0, Synthetic.VillageA, Synthetic.VillageB));
        var gbk = await ImportAsync(ImportKind.Persons, Write("gbk.csv", content, TabularFile.Gbk));
        Assert.Equal(ImportOutcome.Imported, gbk.Outcome);
        Assert.Equal(120, gbk.Added);
        Assert.Contains(gbk.Notes, n => n.Contains("GBK"));
        var afterGbk = await PersonsSnapshotAsync();

        var utf8 = await ImportAsync(ImportKind.Persons, Write("utf8.csv", content, new UTF8Encoding(true)));
        Assert.Equal((0, 0, 120), (utf8.Added, utf8.Changed, utf8.Unchanged));
        Assert.Equal(afterGbk, await PersonsSnapshotAsync());
        Assert.Contains(afterGbk, line => line.Contains("纳西族") && line.Contains("女0"));
    }

    [Fact]
    public async Task Reimporting_the_same_file_changes_nothing_and_a_changed_file_updates_in_place()
    {
        var rows = Synthetic.PersonRows(5);
        var path = Write("p.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows));
        var first = await ImportAsync(ImportKind.Persons, path);
        Assert.Equal((20, 0, 0, 0), (first.Added, first.Changed, first.Unchanged, first.Rejected));

        var again = await ImportAsync(ImportKind.Persons, path);
        Assert.Equal((0, 0, 20, 0), (again.Added, again.Changed, again.Unchanged, again.Rejected));

        rows[1][7] = "患有大病";           // the spouse of household 0 fell seriously ill
        rows[4][12] = "脱贫户";            // household 1 is corrected to 脱贫户 on its head row
        var changed = await ImportAsync(ImportKind.Persons, Write("p2.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));
        Assert.Equal((0, 1, 19), (changed.Added, changed.Changed, changed.Unchanged));
        Assert.Contains(changed.Notes, n => n.Contains("变更 1"));

        await using var db = Database.Context();
        var spouse = await db.Persons.SingleAsync(p => p.IdNumber == rows[1][4]);
        Assert.Equal(Registry.HealthStatus.SeriousIllness, spouse.Health);
        Assert.Equal(20, await db.Persons.CountAsync());
        Assert.Equal(5, await db.Households.CountAsync());
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_rows_and_writes_the_bad_ones_to_a_file_that_can_be_fixed_and_reimported()
    {
        var rows = Synthetic.PersonRows(3);
        var goodId = rows[6][4];
        rows[6][4] = Synthetic.WithBadCheck(goodId);   // a child of household 1
        rows[9][7] = "良好";                            // a member of household 2: not a word of the list
        var path = Write("skip.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows));

        var report = await ImportAsync(ImportKind.Persons, path, skipInvalid: true);

        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        Assert.Equal((10, 2), (report.Added, report.Rejected));
        Assert.Contains(report.Errors, e => e.Row == 11 && e.Column == "健康状况" && e.Message.Contains("健康、长期慢性病、患有大病、残疾"));
        Assert.NotNull(report.RejectedRowsFile);
        var rejected = File.ReadAllLines(report.RejectedRowsFile!, Encoding.UTF8);
        Assert.Equal(3, rejected.Length);
        Assert.EndsWith("错误说明", rejected[0]);
        Assert.Contains("校验位", rejected[1]);

        // The user fixes both cells in the rejected file and imports it again.
        var fixedText = File.ReadAllText(report.RejectedRowsFile!).Replace(rows[6][4], goodId).Replace("良好", "健康");
        var again = await ImportAsync(ImportKind.Persons, Write("fixed.csv", fixedText));
        Assert.Equal(ImportOutcome.Imported, again.Outcome);
        Assert.Equal(2, again.Added);
        Assert.Contains("错误说明", again.IgnoredColumns);
    }

    [Fact]
    public async Task Cross_row_problems_are_clear_errors_not_crashes()
    {
        var rows = Synthetic.PersonRows(4);
        rows[5][4] = rows[1][4];                       // household 1 repeats the spouse of household 0
        rows[8][5] = "之子";                            // household 2 loses its head
        foreach (var r in rows.Skip(12)) r[0] = "533401100299";  // household 3 is in a village not in the divisions
        rows[3][1] = "第二村民小组";                      // household 0's last member names another group

        var report = await ImportAsync(ImportKind.Persons, Write("bad.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));

        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Contains(report.Errors, e => e.Row == 7 && e.Column == "证件号码" && e.Message.Contains("同时出现在两户"));
        Assert.Contains(report.Errors, e => e.Column == "与户主关系" && e.Message.Contains("没有户主"));
        Assert.Contains(report.Errors, e => e.Row == 14 && e.Column == "行政区划代码" && e.Message.Contains("不在区划表中"));
        Assert.Contains(report.Errors, e => e.Row == 5 && e.Column == "村民小组" && e.Message.Contains("不一致"));
        await using var db = Database.Context();
        Assert.Equal(0, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task A_person_registered_in_another_household_cannot_be_moved_by_import()
    {
        var rows = Synthetic.PersonRows(2);
        await ImportAsync(ImportKind.Persons, Write("a.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));
        rows[5][2] = rows[0][2];  // household 1's spouse now claimed by household 0
        rows[5][5] = "之儿媳";
        var report = await ImportAsync(ImportKind.Persons, Write("b.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows[..1].Concat([rows[5]]))));
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Contains(report.Errors, e => e.Row == 3 && e.Message.Contains("已登记在户"));
    }

    [Fact]
    public async Task After_an_import_every_registered_household_still_has_exactly_one_head()
    {
        var rows = Synthetic.PersonRows(1);
        await ImportAsync(ImportKind.Persons, Write("h.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));

        var demoted = rows.Select(r => (string[])r.Clone()).ToList();
        demoted[0][5] = "配偶";   // the head becomes a spouse and nobody takes over
        var none = await ImportAsync(ImportKind.Persons, Write("none.csv", Synthetic.Csv(Synthetic.PersonsHeader, demoted)));
        Assert.Equal(ImportOutcome.Rejected, none.Outcome);
        Assert.Contains(none.Errors, e => e.Column == "与户主关系" && e.Message.Contains("将没有户主"));

        var second = await ImportAsync(ImportKind.Persons, Write("two.csv",
            Synthetic.Csv(Synthetic.PersonsHeader, [[.. rows[2][..5], "户主", .. rows[2][6..]]])));
        Assert.Equal(ImportOutcome.Rejected, second.Outcome);
        Assert.Contains(second.Errors, e => e.Message.Contains("已登记户主"));

        var swapped = rows.Select(r => (string[])r.Clone()).ToList();
        swapped[0][5] = "配偶";
        swapped[1][5] = "户主";
        swapped[1][12] = "脱贫户";
        var swap = await ImportAsync(ImportKind.Persons, Write("swap.csv", Synthetic.Csv(Synthetic.PersonsHeader, swapped)));
        Assert.True(swap.Outcome == ImportOutcome.Imported, string.Join("\n", swap.Errors));
        await using var db = Database.Context();
        Assert.Equal(rows[1][4], (await db.Persons.SingleAsync(p => p.Relation == Registry.Relation.Head)).IdNumber);
    }

    [Fact]
    public async Task With_skip_invalid_a_household_whose_head_row_is_refused_is_left_out_whole()
    {
        var first = Synthetic.PersonRows(1);
        await ImportAsync(ImportKind.Persons, Write("a.csv", Synthetic.Csv(Synthetic.PersonsHeader, first)));

        var rows = Synthetic.PersonRows(3, 100, Synthetic.VillageB);
        rows[4][4] = first[1][4];   // household 1's head is a person registered in household 0
        var report = await ImportAsync(ImportKind.Persons, Write("b.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)), skipInvalid: true);

        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Equal((8, 4), (report.Added, report.Rejected));
        await using var db = Database.Context();
        Assert.False(await db.Households.AnyAsync(h => h.Number == rows[4][2]));
        Assert.All(await db.Households.Select(h => h.Members.Count(m => m.Relation == Registry.Relation.Head)).ToListAsync(), n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_reimport_keeps_what_the_file_does_not_carry()
    {
        var rows = Synthetic.PersonRows(1);
        await ImportAsync(ImportKind.Persons, Write("full.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)));

        var header = Synthetic.PersonsHeader.Replace("村民小组,", "");
        var withoutGroup = rows.Select(r => r.Where((_, i) => i != 1).ToArray());
        var report = await ImportAsync(ImportKind.Persons, Write("nogroup.csv", Synthetic.Csv(header, withoutGroup)));

        Assert.Equal((0, 0, 4), (report.Added, report.Changed, report.Unchanged));
        await using var db = Database.Context();
        Assert.Equal("第一村民小组", (await db.Households.SingleAsync()).Group);
    }

    [Fact]
    public async Task Skip_invalid_with_every_row_bad_imports_nothing_and_says_so()
    {
        var rows = Synthetic.PersonRows(1);
        foreach (var r in rows) r[7] = "良好";
        var report = await ImportAsync(ImportKind.Persons, Write("allbad.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows)), skipInvalid: true);
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Equal(4, report.Rejected);
        Assert.NotNull(report.RejectedRowsFile);
    }

    [Fact]
    public async Task Messy_files_as_people_send_them_are_understood()
    {
        var id15Base = "533401800101001"; // a first-generation number: born 1980-01-01
        var rows = Synthetic.PersonRows(1);
        var header = "说明,民族,姓名,证件号码,户编号,与户主关系,行政区划代码,健康状况,劳动技能,在校情况,务工情况,基本医疗保险,户类型*,联系电话,村民小组";
        string Line(string[] r, string id, string note) =>
            string.Join(',', note, r[6], r[3], id, r[2], r[5], r[0], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[1]);
        var text = new StringBuilder();
        text.Append("迪庆州防返贫监测人员信息表,,,,,,,,,,,,,,\r\n");
        text.Append("填报单位：建塘镇,,,,,,,,,,,,,,\r\n");
        text.Append(header + "\r\n");
        text.Append(Line(rows[0], "'" + rows[0][4].Replace('0', '０'), "\"户主，常年务工\n返乡\"") + "\r\n");
        text.Append(Line(rows[1], id15Base, "") + "\r\n");
        text.Append(Line(rows[2], rows[2][4][..17] + rows[2][4][17].ToString().ToLowerInvariant(), "") + "\r\n");
        text.Append(Line(rows[3], " " + rows[3][4][..6] + " " + rows[3][4][6..] + " ", "") + "\r\n");
        text.Append(",,,,,,,,,,,,,,\r\n,,,,,,,,,,,,,,\r\n");

        var report = await ImportAsync(ImportKind.Persons, Write("messy.csv", text.ToString()));

        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        Assert.Equal(4, report.Added);
        Assert.Contains("说明", report.IgnoredColumns);
        Assert.Contains(report.Notes, n => n.Contains("表头在第 3 行"));
        Assert.Contains(report.Notes, n => n.Contains("15 位"));
        await using var db = Database.Context();
        var converted = await db.Persons.SingleAsync(p => p.IdNumber.StartsWith("53340119800101001"));
        Assert.Equal(new DateOnly(1980, 1, 1), converted.BirthDate);
    }

    [Fact]
    public async Task A_missing_required_column_is_named_before_any_row_is_read()
    {
        var header = Synthetic.PersonsHeader.Replace(",证件号码", "");
        var rows = Synthetic.PersonRows(1).Select(r => r.Where((_, i) => i != 4).ToArray());
        var report = await ImportAsync(ImportKind.Persons, Write("nocol.csv", Synthetic.Csv(header, rows)));
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        var error = Assert.Single(report.Errors);
        Assert.Contains("缺少必填列：证件号码", error.Message);
    }

    [Fact]
    public async Task An_xlsx_with_a_merged_title_row_imports_and_an_id_number_stored_as_a_number_is_refused_with_advice()
    {
        var rows = Synthetic.PersonRows(2);
        var sheet = new List<object?[]> { Synthetic.PersonsHeader.Split(',') };
        sheet.AddRange(rows.Select(r => r.Cast<object?>().ToArray()));
        var path = Synthetic.WriteXlsx(Path.Combine(Folder, "persons.xlsx"), sheet, "迪庆州人员信息表", 14);
        var report = await ImportAsync(ImportKind.Persons, path);
        Assert.True(report.Outcome == ImportOutcome.Imported, string.Join("\n", report.Errors));
        Assert.Equal(8, report.Added);
        Assert.Contains(report.Notes, n => n.Contains("XLSX") && n.Contains("表头在第 2 行"));

        sheet[3][4] = 5.33401199001011E+17;   // Excel turned the ID number into a number
        sheet[2][4] = 533401198001014000d;     // the same damage, written out in digits
        var bad = await ImportAsync(ImportKind.Persons, Synthetic.WriteXlsx(Path.Combine(Folder, "bad.xlsx"), sheet, "迪庆州人员信息表", 14));
        Assert.Equal(ImportOutcome.Rejected, bad.Outcome);
        Assert.Contains(bad.Errors, e => e.Row == 5 && e.Column == "证件号码" && e.Message.Contains("文本"));
        Assert.Contains(bad.Errors, e => e.Row == 4 && e.Column == "证件号码" && e.Message.Contains("文本"));

        // A household number stored as a number loses its last digits: refused, never merged with another.
        var numeric = sheet.Select(r => (object?[])r.Clone()).ToList();
        numeric[1][2] = 5334011002010000d;
        var merged = await ImportAsync(ImportKind.Persons, Synthetic.WriteXlsx(Path.Combine(Folder, "numeric.xlsx"), numeric, "迪庆州人员信息表", 14));
        Assert.Contains(merged.Errors, e => e.Row == 3 && e.Column == "户编号" && e.Message.Contains("文本"));

        // A real number ending in 000 typed into a text cell is the person's own.
        sheet[2][4] = "533401198001014000";
        sheet[3][4] = rows[2][4];
        var text = await ImportAsync(ImportKind.Persons, Synthetic.WriteXlsx(Path.Combine(Folder, "text.xlsx"), sheet, "迪庆州人员信息表", 14));
        Assert.True(text.Outcome == ImportOutcome.Imported, string.Join("\n", text.Errors));
    }

    [Fact]
    public async Task A_village_account_cannot_import_into_another_village()
    {
        var scope = DataScope.For(Role.Village, [Synthetic.VillageA]);
        var report = await ImportAsync(ImportKind.Persons,
            Write("b.csv", Synthetic.Csv(Synthetic.PersonsHeader, Synthetic.PersonRows(1, 0, Synthetic.VillageB))), scope: scope);
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Contains(report.Errors, e => e.Message.Contains("不在您的管辖范围"));
    }

    [Fact]
    public async Task A_file_in_neither_UTF8_nor_GBK_nor_XLSX_is_refused_with_a_message()
    {
        var bytes = new byte[] { 0x81, 0x30, 0xFF, 0xFE, 0x00, 0x80, 0x80, 0x0A };
        var path = Path.Combine(Folder, "binary.csv");
        await File.WriteAllBytesAsync(path, bytes);
        var report = await ImportAsync(ImportKind.Persons, path);
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.NotEmpty(report.Errors);
    }
}
