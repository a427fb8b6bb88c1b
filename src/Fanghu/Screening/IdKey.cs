using System.Globalization;
using Fanghu.Registry;

namespace Fanghu.Screening;

/// <summary>
/// An 18-character ID number as one 64-bit number (17 digits × 11 + the check character, X = 10), so that millions
/// of department rows are matched against the registry without a string per row.
/// </summary>
internal static class IdKey
{
    /// <summary>The key of a number written the normal way (18 ASCII characters); false for anything else.</summary>
    public static bool TryFast(ReadOnlySpan<char> text, out long key)
    {
        key = 0;
        if (text.Length != 18) return false;
        long digits = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9) return false;
            digits = digits * 10 + d;
        }
        var last = text[17];
        int check;
        if (last is 'X' or 'x') check = 10;
        else if (char.IsAsciiDigit(last)) check = last - '0';
        else return false;
        key = digits * 11 + check;
        return true;
    }

    /// <summary>
    /// The key of a cell: the fast path, or the registry's own parser for what people type (full-width digits,
    /// spaces, an apostrophe, 15 digits). Null with the parser's message when the number is invalid.
    /// </summary>
    public static long? Parse(ReadOnlySpan<char> text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (TryFast(trimmed, out var key) && (IsValidPlain(trimmed) || IdNumber.Parse(trimmed.ToString()).Value is not null)) return key;
        var parsed = IdNumber.Parse(trimmed.TrimStart('\'').ToString());
        if (parsed.Value is { } id && TryFast(id.Value, out key)) return key;
        error = parsed.Error ?? "证件号码有误";
        return null;
    }

    /// <summary>
    /// Whether a number written the normal way (18 ASCII characters, an upper-case X) is one <see cref="IdNumber.Parse"/>
    /// accepts — a valid birth date, not Excel's 000 ending, the right check character — without a string; false
    /// leaves the parser to decide (and to say why).
    /// </summary>
    private static bool IsValidPlain(ReadOnlySpan<char> text) =>
        text.Length == 18 && text[17] != 'x'
        && DateOnly.TryParseExact(text.Slice(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) && birth.Year >= 1880
        && !text.EndsWith("000", StringComparison.Ordinal)
        && IdNumber.ComputeCheckCharacter(text[..17]) == text[17];

    /// <summary>The number of a key, written as the registry stores it (upper-case X).</summary>
    public static string Text(long key) => string.Create(18, key, static (span, k) =>
    {
        var check = (int)(k % 11);
        span[17] = check == 10 ? 'X' : (char)('0' + check);
        var digits = k / 11;
        for (var i = 16; i >= 0; i--, digits /= 10) span[i] = (char)('0' + digits % 10);
    });

    /// <summary>The birth date a valid number's key holds (its 7th to 14th digits).</summary>
    public static DateOnly BirthDate(long key)
    {
        var yyyymmdd = (int)(key / 11 / 1000 % 100_000_000);
        return new DateOnly(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    /// <summary>The key of a number as the registry stores it.</summary>
    public static long Of(string stored) => TryFast(stored, out var key) ? key : throw new FormatException($"not a stored ID number: {stored}");
}
