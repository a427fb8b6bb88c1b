using System.Globalization;
using System.Text;

namespace Fanghu.Registry;

/// <summary>
/// A resident identity card number (公民身份号码, GB 11643-1999): six digits of region, eight of birth
/// date, three of sequence (odd for men) and a check character computed with ISO 7064 MOD 11-2.
/// </summary>
public readonly record struct IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private IdNumber(string value) => Value = value;

    public string Value { get; }

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    public Gender Gender => (Value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    public string RegionCode => Value[..6];

    public override string ToString() => Value;

    /// <summary>Shows the region and the last four characters only: 533401********1234.</summary>
    public string Masked => Mask(Value);

    public static string Mask(string value) =>
        value.Length == 18 ? string.Concat(value.AsSpan(0, 6), "********", value.AsSpan(14, 4)) : new string('*', value.Length);

    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Parses what people actually type or paste: full-width digits, a lower-case x, spaces, a leading
    /// apostrophe; converts a 15-digit first-generation number. Refuses numbers Excel has mangled: in scientific
    /// notation, or 18 digits ending in 000 unless the source says the value is text (a spreadsheet text cell,
    /// or a leading apostrophe).
    /// </summary>
    public static IdNumberParse Parse(string? raw, bool storedAsText = false)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return IdNumberParse.Fail("证件号码为空");

        // A leading apostrophe is how Excel users say "this is text": such a number was never a float.
        var markedAsText = storedAsText || raw.TrimStart().StartsWith('\'') || raw.TrimStart().StartsWith('‘');
        var text = Normalize(raw);
        if (text.Contains('E') || text.Contains('.') || text.Contains('+'))
            return IdNumberParse.Fail($"证件号码“{raw.Trim()}”被 Excel 存成了数字（科学计数法），请把该列设为“文本”格式后重新填写");

        string? note = null;
        if (text.Length == 15 && IsAllDigits(text))
        {
            var first17 = string.Concat(text.AsSpan(0, 6), "19", text.AsSpan(6));
            text = first17 + ComputeCheckCharacter(first17);
            note = $"15 位证件号码 {raw.Trim()} 已升位为 18 位 {text}";
        }

        if (text.Length != 18)
            return IdNumberParse.Fail($"证件号码“{raw.Trim()}”应为 18 位，实际 {text.Length} 位");
        if (!IsAllDigits(text.AsSpan(0, 17)) || !(char.IsAsciiDigit(text[17]) || text[17] == 'X'))
            return IdNumberParse.Fail($"证件号码“{raw.Trim()}”含有非法字符，只能是数字，最后一位可以是 X");
        if (!DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1880)
            return IdNumberParse.Fail($"证件号码“{text}”中的出生日期 {text.Substring(6, 8)} 不是有效日期");

        // Excel keeps 15 significant digits, so an ID number stored as a number ends in 000. Even when
        // the zeros happen to make a valid checksum the number is probably not the person's.
        if (text.EndsWith("000", StringComparison.Ordinal) && !markedAsText)
            return IdNumberParse.Fail($"证件号码“{text}”末三位为 000，很可能被 Excel 当作数字截断：请把该列设为“文本”格式后重新填写；如确为真实号码，请在号码前加英文单引号 '");
        if (ComputeCheckCharacter(text.AsSpan(0, 17)) != text[17])
            return IdNumberParse.Fail($"证件号码“{text}”校验位不正确，请核对整个号码");

        return new IdNumberParse(new IdNumber(text), null, note);
    }

    /// <summary>For values already validated (read back from the database).</summary>
    public static IdNumber FromTrusted(string value) => new(value);

    private static string Normalize(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var ch = c;
            if (ch >= '０' && ch <= '９') ch = (char)('0' + (ch - '０'));
            else if (ch == 'ｘ' || ch == 'Ｘ' || ch == 'x') ch = 'X';
            else if (ch == 'e' || ch == 'Ｅ') ch = 'E';
            else if (ch == '．') ch = '.';
            if (char.IsWhiteSpace(ch) || ch == '\'' || ch == '‘' || ch == '’' || ch == '\u200b' || ch == '\ufeff') continue;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static bool IsAllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}

public sealed record IdNumberParse(IdNumber? Value, string? Error, string? Note)
{
    public static IdNumberParse Fail(string error) => new(null, error, null);
    public bool Ok => Value is not null;
}

public enum Gender
{
    Female = 0,
    Male = 1,
}
