using System.Globalization;
using System.Text;

namespace Fanghu.Imports;

/// <summary>Turns what people type into spreadsheets into values, or says in Chinese why it can't.</summary>
public static partial class CellParsers
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?(万元|万|元)?$")]
    private static partial System.Text.RegularExpressions.Regex ThousandsGrouping();

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>
    /// Amounts in 元: thousands separators, a 元 or 万元 suffix, full-width digits. Blank is null.
    /// </summary>
    public static bool TryAmount(string text, out decimal? value, out string error)
    {
        value = null;
        error = "";
        var t = ToHalfWidth(text).Replace("，", ",").Replace(" ", "").Replace("¥", "").Replace("￥", "");
        if (t.Length == 0) return true;
        if (t.Contains(',') && !ThousandsGrouping().IsMatch(t))
        {
            error = $"金额“{text}”中的逗号不是千位分隔符（小数点请用“.”）";
            return false;
        }
        t = t.Replace(",", "");
        decimal factor = 1;
        if (t.EndsWith("万元", StringComparison.Ordinal)) { factor = 10000; t = t[..^2]; }
        else if (t.EndsWith('万')) { factor = 10000; t = t[..^1]; }
        else if (t.EndsWith('元')) t = t[..^1];
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var number))
        {
            error = $"金额“{text}”不是数字";
            return false;
        }
        value = number * factor;
        if (value != Math.Round(value.Value, 2))
        {
            error = $"金额“{text}”超过两位小数（精确到分）";
            value = null;
            return false;
        }
        if (value > 100_000_000_000m)
        {
            error = $"金额“{text}”过大";
            value = null;
            return false;
        }
        return true;
    }

    /// <summary>Dates as 2021-05-26, 2021/5/26, 2021.5.26, 2021年5月26日, 20210526 or an Excel serial number. Blank is null.</summary>
    public static bool TryDate(string text, out DateOnly? value, out string error)
    {
        value = null;
        error = "";
        var t = ToHalfWidth(text).Trim();
        if (t.Length == 0) return true;
        // A time part (2021-05-26 00:00:00) carries nothing a date needs.
        var space = t.IndexOf(' ');
        if (space > 0) t = t[..space];
        if (t.Length == 8 && t.All(char.IsAsciiDigit))
        {
            if (DateOnly.TryParseExact(t, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) { value = d; return true; }
        }
        else if (double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 100000)
        {
            value = ExcelEpoch.AddDays((int)Math.Floor(serial));
            return true;
        }
        else
        {
            var parts = t.Replace("年", "-").Replace("月", "-").Replace("日", "").Replace('/', '-').Replace('.', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && int.TryParse(parts[0], out var y) && int.TryParse(parts[1], out var m) && int.TryParse(parts[2], out var dd)
                && y is >= 1900 and <= 2100 && m is >= 1 and <= 12 && dd >= 1 && dd <= DateTime.DaysInMonth(y, m))
            {
                value = new DateOnly(y, m, dd);
                return true;
            }
        }
        error = $"日期“{text}”无法识别，请写成 2021-05-26 或 2021年5月26日";
        return false;
    }

    /// <summary>A year such as 2021 or 2021年.</summary>
    public static bool TryYear(string text, out int year, out string error)
    {
        var t = ToHalfWidth(text).Trim().TrimEnd('年');
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 2000 and <= 2100)
        {
            error = "";
            return true;
        }
        error = $"年度“{text}”应为 2000 至 2100 之间的四位年份";
        return false;
    }

    public static string ToHalfWidth(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var mapped = c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' => '.',
                '－' => '-',
                '／' => '/',
                '\u3000' => ' ',
                _ => c,
            };
            if (mapped != c)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
            }
            sb?.Append(mapped);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>A phone number: digits, '-', '+' and spaces, 5 to 20 characters. Blank is null.</summary>
    public static bool TryPhone(string text, out string? value, out string error)
    {
        var t = ToHalfWidth(text).Trim().TrimStart('\'');
        value = null;
        error = "";
        if (t.Length == 0) return true;
        if (t.Length is < 5 or > 20 || !t.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' '))
        {
            error = $"联系电话“{text}”格式不对：应为 5 到 20 位数字，可含“-”“+”";
            return false;
        }
        value = t;
        return true;
    }
}
