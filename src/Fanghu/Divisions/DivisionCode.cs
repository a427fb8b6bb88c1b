namespace Fanghu.Divisions;

/// <summary>
/// A national statistical division code (统计用区划代码). Accepts the short form (53, 5334, 533401,
/// 533401100, 533401100001) and the 12-digit padded form (533401000000), and keeps the short form.
/// </summary>
public readonly record struct DivisionCode
{
    private DivisionCode(string value, DivisionLevel level)
    {
        Value = value;
        Level = level;
    }

    public string Value { get; }
    public DivisionLevel Level { get; }

    public override string ToString() => Value;

    /// <summary>The 12-digit padded form of the statistical tables (5334 → 533400000000).</summary>
    public string Padded => Value.PadRight(12, '0');

    public static int LengthOf(DivisionLevel level) => level switch
    {
        DivisionLevel.Province => 2,
        DivisionLevel.Prefecture => 4,
        DivisionLevel.County => 6,
        DivisionLevel.Township => 9,
        _ => 12,
    };

    /// <summary>The parent's code, or null for a province.</summary>
    public string? ParentPrefix => Level == DivisionLevel.Province ? null : Value[..LengthOf(Level - 1)];

    /// <summary>The code of the ancestor at a level at or above this one.</summary>
    public string AtLevel(DivisionLevel level) =>
        level > Level ? throw new ArgumentOutOfRangeException(nameof(level)) : Value[..LengthOf(level)];

    public static bool TryParse(string? raw, out DivisionCode code, out string error)
    {
        code = default;
        var text = (raw ?? "").Trim().TrimStart('\'');
        if (text.Length == 0)
        {
            error = "区划代码为空";
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                error = $"区划代码“{text}”只能由数字组成";
                return false;
            }
        }

        if (text.Length == 12)
            text = Shorten(text);

        DivisionLevel? level = text.Length switch
        {
            2 => DivisionLevel.Province,
            4 => DivisionLevel.Prefecture,
            6 => DivisionLevel.County,
            9 => DivisionLevel.Township,
            12 => DivisionLevel.Village,
            _ => null,
        };
        if (level is null)
        {
            error = $"区划代码“{raw?.Trim()}”长度不对：省 2 位、州市 4 位、县 6 位、乡镇 9 位、村 12 位";
            return false;
        }
        // Each level's own part must not be all zeros: 530000 is not a county.
        var own = text.AsSpan(level == DivisionLevel.Province ? 0 : LengthOf(level.Value - 1));
        if (own.IndexOfAnyExcept('0') < 0)
        {
            error = $"区划代码“{raw?.Trim()}”本级部分全为 0";
            return false;
        }
        code = new DivisionCode(text, level.Value);
        error = "";
        return true;
    }

    public static DivisionCode Parse(string raw) =>
        TryParse(raw, out var code, out var error) ? code : throw new FormatException(error);

    private static string Shorten(string twelve)
    {
        if (!twelve.EndsWith("000", StringComparison.Ordinal)) return twelve;
        if (!twelve.AsSpan(6, 3).SequenceEqual("000")) return twelve[..9];
        if (!twelve.AsSpan(4, 2).SequenceEqual("00")) return twelve[..6];
        if (!twelve.AsSpan(2, 2).SequenceEqual("00")) return twelve[..4];
        return twelve[..2];
    }
}
