using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Imports;

/// <summary>
/// The rejected-rows CSV a skipping import writes is opened in Excel to be fixed, and Excel evaluates a CSV cell
/// starting with = + - @: those cells carry a protective apostrophe, and the fixed file imports the values as they were.
/// </summary>
public sealed class RejectedRowsExportTests : ImportTestBase
{
    private const string Header = "受理编号,申请日期,申请人姓名,证件号码,联系电话,行政区划代码,事项类别,诉求内容,办理结果,办结日期";
    private const string Hyperlink = "=HYPERLINK(\"http://example.com/x\",\"点击\")";

    [Fact]
    public async Task Formula_like_cells_are_written_with_an_apostrophe_and_the_fixed_file_imports_them_unchanged()
    {
        static string Quoted(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";
        var csv = Header + "\n" +
                  $"YNJZ-1,2024-05-01,扎西,{Synthetic.Id(3001)},13988700011,{Synthetic.VillageA},医疗救助,住院自付三万余元,,\n" +
                  $"YNJZ-2,2024-05-02,卓玛,5.33401E+17,+86 139 8870 0012,{Synthetic.VillageA},医疗救助,{Quoted(Hyperlink)},-2+3,2024-05-20\n" +
                  $"@SUM(A1),2024-05-03,次仁,5.33401E+17,13988700013,{Synthetic.VillageB},住房,＝1+1,+1,2024-05-21\n";

        var skipped = await ImportAsync(ImportKind.Applications, Write("applications.csv", csv), skipInvalid: true);

        Assert.True(skipped.Outcome == ImportOutcome.Imported, string.Join("\n", skipped.Errors));
        Assert.Equal((1, 2), (skipped.Added, skipped.Rejected));
        var rows = TabularFile.Open(skipped.RejectedRowsFile!).ReadRows().Select(r => r.Cells).ToList();
        Assert.Equal([.. Header.Split(','), "错误说明"], rows[0]);
        Assert.Equal(["'+86 139 8870 0012", "'" + Hyperlink, "'-2+3"], [rows[1][4], rows[1][7], rows[1][8]]);
        Assert.Equal(["'@SUM(A1)", "'＝1+1", "'+1"], [rows[2][0], rows[2][7], rows[2][8]]);
        Assert.Equal(["YNJZ-2", "卓玛", "2024-05-20"], [rows[1][0], rows[1][2], rows[1][9]]);

        // The clerk types the right ID numbers over the ones Excel damaged and imports the file as it is.
        var text = await File.ReadAllTextAsync(skipped.RejectedRowsFile!);
        var first = text.IndexOf("5.33401E+17", StringComparison.Ordinal);
        text = text[..first] + Synthetic.Id(3002) + text[(first + "5.33401E+17".Length)..];
        text = text.Replace("5.33401E+17", Synthetic.Id(3003), StringComparison.Ordinal);
        var fixedFile = Write("fixed.csv", text.TrimStart('\uFEFF'));

        var again = await ImportAsync(ImportKind.Applications, fixedFile);

        Assert.True(again.Outcome == ImportOutcome.Imported, string.Join("\n", again.Errors));
        Assert.Equal((2, 0), (again.Added, again.Rejected));
        await using var db = Database.Context();
        var imported = await db.Applications.AsNoTracking().Where(a => a.ExternalNumber != "YNJZ-1")
            .OrderBy(a => a.FiledOn).Select(a => new { a.ExternalNumber, a.ApplicantName, a.IdNumber, a.Phone, a.Content, a.Reply, a.ClosedOn })
            .ToListAsync();
        Assert.Equal(2, imported.Count);
        Assert.Equal(("YNJZ-2", "卓玛", Synthetic.Id(3002), "13988700012", Hyperlink, "-2+3", new DateOnly(2024, 5, 20)),
            (imported[0].ExternalNumber, imported[0].ApplicantName, imported[0].IdNumber, imported[0].Phone, imported[0].Content, imported[0].Reply, imported[0].ClosedOn!.Value));
        Assert.Equal(("@SUM(A1)", "次仁", Synthetic.Id(3003), "13988700013", "＝1+1", "+1", new DateOnly(2024, 5, 21)),
            (imported[1].ExternalNumber, imported[1].ApplicantName, imported[1].IdNumber, imported[1].Phone, imported[1].Content, imported[1].Reply, imported[1].ClosedOn!.Value));
    }
}
