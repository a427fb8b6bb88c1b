using Fanghu.Imports;
using Fanghu.Reports;

namespace Fanghu.Tests.Imports;

/// <summary>
/// What an export protects with an apostrophe (a rejected-rows file, a workbook) reads back through the import column
/// map as the value it was, whatever the column's kind: text, amount, date, phone.
/// </summary>
public sealed class ExportedCellsReadBackTests
{
    private static readonly ColumnSpec[] Columns = [new("说明", true), new("金额", true), new("日期", true), new("电话", true)];

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\",\"点击\")", "-1500.50", "2024-05-20", "+86 139 8870 0012")]
    [InlineData("@SUM(A1)", "-2", "2024年5月20日", "-")]
    [InlineData("＝1+1", "－3", "20240520", "＋86 13988700012")]
    [InlineData("-2+3", "+1", "45432", "13988700012")]
    public void A_protected_cell_reads_back_as_the_value_it_was(string note, string amount, string date, string phone)
    {
        string[] original = [note, amount, date, phone];
        var (map, errors) = ColumnMap.Find(Rows([.. original.Select(SpreadsheetExport.ProtectText)]), Columns);
        Assert.Empty(errors);
        var (bare, _) = ColumnMap.Find(Rows(original), Columns);
        var protectedRow = new SourceRow(2, [.. original.Select(SpreadsheetExport.ProtectText)]);
        var bareRow = new SourceRow(2, original);

        Assert.Equal(note, map!.Get(protectedRow, "说明"));
        foreach (var column in new[] { "说明", "金额", "日期", "电话" })
            Assert.Equal(bare!.Get(bareRow, column), map.Get(protectedRow, column));
        Assert.True(CellParsers.TryAmount(map.Get(protectedRow, "金额"), out var parsed, out var error), error);
        Assert.True(CellParsers.TryAmount(amount, out var expected, out _));
        Assert.Equal(expected, parsed);
        Assert.True(CellParsers.TryDate(map.Get(protectedRow, "日期"), out var day, out error), error);
        Assert.Equal(new DateOnly(2024, 5, 20), day);
    }

    private static IEnumerator<SourceRow> Rows(string[] data)
    {
        yield return new SourceRow(1, ["说明", "金额", "日期", "电话"]);
        yield return new SourceRow(2, data);
    }
}
