using Fanghu.Imports;

namespace Fanghu.Reports;

/// <summary>The as-of date of a report, read the same way by every report that takes one.</summary>
public static class ReportDates
{
    /// <summary>
    /// A date in any form the imports accept (2022-01-31, 2022/1/31, 2022年1月31日, 20220131), blank for today; refused
    /// in Chinese when unreadable or after today. Returns the refusal, or null with <paramref name="asOf"/> set.
    /// </summary>
    public static string? AsOf(string? text, DateOnly today, out DateOnly asOf)
    {
        asOf = today;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!CellParsers.TryDate(text, out var parsed, out var error)) return "截至日期：" + error;
        if (parsed > today) return $"截至日期 {parsed:yyyy年M月d日} 晚于今天（{today:yyyy年M月d日}），只能统计到今天为止";
        asOf = parsed ?? today;
        return null;
    }
}
