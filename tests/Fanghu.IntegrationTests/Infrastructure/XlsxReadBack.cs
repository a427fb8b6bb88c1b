using System.Globalization;
using MiniExcelLibs;

namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>An exported workbook read back with MiniExcel, as a spreadsheet would open it: sheets by name, rows of cell texts.</summary>
public static class XlsxReadBack
{
    public static Dictionary<string, List<string[]>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var sheets = new Dictionary<string, List<string[]>>();
        foreach (var name in MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            sheets[name] = [.. MiniExcel.Query(stream, useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>()
                .Select(row => row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray())];
            stream.Position = 0;
        }
        return sheets;
    }
}
