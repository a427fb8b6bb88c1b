using System.Globalization;
using Fanghu.Imports;

namespace Fanghu.Screening;

/// <summary>The cells of one row, as spans: a CSV row straight from the parser, or a spreadsheet row.</summary>
internal interface ICells
{
    /// <summary>The cell, or empty when the row is short.</summary>
    ReadOnlySpan<char> this[int column] { get; }
}

internal readonly struct ArrayCells(string[] cells) : ICells
{
    public ReadOnlySpan<char> this[int column] => (uint)column < (uint)cells.Length ? cells[column].AsSpan() : default;
}

/// <summary>
/// Amounts and dates in their everyday form (12345.67, 2025-03-01) parsed without allocating; anything else goes
/// to the import parsers, which accept what people type and explain what they can't.
/// </summary>
internal static class FastCells
{
    /// <summary>An amount in cents (fen): amounts have at most two decimals, so a long holds every one exactly.</summary>
    public static bool TryCents(ReadOnlySpan<char> text, out long cents, out string? error)
    {
        error = null;
        var t = text.Trim();
        if (t.IsEmpty) { cents = 0; return true; }
        if (TryPlain(t, out cents)) return true;
        if (t[0] == '\'') t = t[1..].TrimStart();
        if (CellParsers.TryAmount(t.ToString(), out var parsed, out var message)) { cents = (long)((parsed ?? 0) * 100); return true; }
        error = message;
        return false;
    }

    private static bool TryPlain(ReadOnlySpan<char> t, out long cents)
    {
        cents = 0;
        var negative = t[0] == '-';
        var i = negative ? 1 : 0;
        if (i >= t.Length) return false;
        long mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < t.Length; i++)
        {
            var c = t[i];
            if (c == '.')
            {
                if (scale >= 0) return false;
                scale = 0;
                continue;
            }
            var d = c - '0';
            if ((uint)d > 9 || ++digits > 15) return false;
            mantissa = mantissa * 10 + d;
            if (scale >= 0) scale++;
        }
        if (digits == 0 || scale is 0 or > 2) return false;
        cents = scale switch { 1 => mantissa * 10, 2 => mantissa, _ => mantissa * 100 };
        if (negative) cents = -cents;
        return true;
    }

    public static bool TryDate(ReadOnlySpan<char> text, out DateOnly value, out string? error)
    {
        error = null;
        var t = text.Trim();
        if (t.Length == 10 && t[4] == '-' && t[7] == '-'
            && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(t.Slice(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(t.Slice(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && y is >= 1900 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            value = new DateOnly(y, m, d);
            return true;
        }
        value = default;
        if (t.IsEmpty) return false;
        if (CellParsers.TryDate(t.TrimStart('\'').ToString(), out var parsed, out var message) && parsed is { } date)
        {
            value = date;
            return true;
        }
        error = message;
        return false;
    }

    /// <summary>Trimmed and half-width, as rule conditions compare values.</summary>
    public static string Word(ReadOnlySpan<char> text) => CellParsers.ToHalfWidth(text.Trim().ToString()).Trim();
}
