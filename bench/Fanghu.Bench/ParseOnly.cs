using nietras.SeparatedValues;

namespace Fanghu.Bench;

/// <summary>
/// The floor no engine can beat: Sep reads every field of the file and nothing else is done (each field's
/// length is summed so the reading cannot be optimised away).
/// </summary>
internal static class ParseOnly
{
    public static (long Rows, long Chars) Serial(string path)
    {
        using var reader = Open(path);
        long rows = 0, chars = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
                chars += row[i].Span.Length;
            rows++;
        }
        return (rows, chars);
    }

    /// <summary>Sep's parallel enumeration: one thread splits rows, the others parse them.</summary>
    public static (long Rows, long Chars) Parallel(string path)
    {
        using var reader = Open(path);
        long rows = 0, chars = 0;
        foreach (var length in reader.ParallelEnumerate(static row =>
        {
            long sum = 0;
            for (var i = 0; i < row.ColCount; i++)
                sum += row[i].Span.Length;
            return sum;
        }))
        {
            chars += length;
            rows++;
        }
        return (rows, chars);
    }

    private static SepReader Open(string path) => Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
}
