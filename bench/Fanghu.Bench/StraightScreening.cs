using System.Diagnostics;
using Fanghu.Data;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Fanghu.Bench;

/// <summary>
/// The medical default rule written as the shortest straight C# pass, to show what each phase costs on
/// this machine when nothing else is done: load the registry (ID number → household type) from the
/// database, read and parse the file with Sep, match, aggregate per person and year, count the hits. It
/// writes nothing and explains nothing, so it is not a competitor to the engine: it is a yardstick for
/// the engine's phases.
/// </summary>
internal static class StraightScreening
{
    private const int FirstYear = 2000;
    private const int Years = 64;

    public static async Task<(long Hits, string Phases)> RunAsync(FanghuDbContext db, string medicalFile)
    {
        var sw = Stopwatch.StartNew();
        // The first 17 characters of an ID number are digits and fit a long; the 18th is their check character.
        var index = new Dictionary<long, int>(2_000_000);
        var poverty = new List<bool>(2_000_000);
        await foreach (var p in db.Persons.AsNoTracking().Select(p => new { p.IdNumber, p.Household.Type }).AsAsyncEnumerable())
        {
            if (Key(p.IdNumber) is { } key && index.TryAdd(key, poverty.Count))
                poverty.Add(p.Type == HouseholdType.FormerlyPoor);
        }
        var registry = sw.Elapsed;

        sw.Restart();
        var (sums, rows, matched) = Scan(medicalFile, index);
        var scan = sw.Elapsed;

        sw.Restart();
        long hits = 0;
        foreach (var ((person, _), cents) in sums)
            if (cents >= (poverty[person] ? ScreeningGenerator.PovertyThresholdCents : ScreeningGenerator.OrdinaryThresholdCents))
                hits++;
        var aggregate = sw.Elapsed;
        return (hits, $"registry {registry.TotalSeconds:F2} s ({poverty.Count:N0} persons), read+parse+match+sum {scan.TotalSeconds:F2} s " +
                      $"({rows:N0} rows, {matched:N0} matched, {sums.Count:N0} person-years), hits {aggregate.TotalSeconds:F2} s");
    }

    private const int Block = 4096;

    /// <summary>
    /// Rows are parsed a block at a time into arrays, then the block is looked up and summed in tight loops.
    /// Memory latency, not parsing, is what costs here: a lookup in a 2,000,000-entry dictionary misses the
    /// cache twice (some 400 ns on this machine when the lookups are spread between parsing), and in a tight
    /// loop the processor overlaps the misses of several rows. Row by row the same pass takes three times as long.
    /// Outside the async method, so the loop gets optimised code (on-stack replacement).
    /// </summary>
    private static (Dictionary<(int Person, int Year), long> Sums, long Rows, long Matched) Scan(string medicalFile, Dictionary<long, int> index)
    {
        var sums = new Dictionary<(int Person, int Year), long>();
        // The file's main year goes to an array by person (one memory access), other years to the dictionary.
        var main = new long[index.Count];
        var mainYear = 0;
        long rows = 0, matched = 0;
        var keys = new long[Block];
        var years = new int[Block];
        var cents = new long[Block];
        var persons = new int[Block];
        var n = 0;

        void Flush()
        {
            if (mainYear == 0 && n > 0)
                mainYear = years.AsSpan(0, n).ToArray().GroupBy(y => y).MaxBy(g => g.Count())!.Key;
            for (var i = 0; i < n; i++)
                persons[i] = keys[i] >= 0 && index.TryGetValue(keys[i], out var p) ? p : -1;
            for (var i = 0; i < n; i++)
            {
                var person = persons[i];
                if (person < 0) continue;
                matched++;
                if (years[i] == mainYear) main[person] += cents[i];
                else System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, (person, years[i]), out _) += cents[i];
            }
            n = 0;
        }

        using (var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(medicalFile))
        {
            var idCol = reader.Header.IndexOf("证件号码");
            var dateCol = reader.Header.IndexOf("结算日期");
            var paidCol = reader.Header.IndexOf("个人自付");
            foreach (var row in reader)
            {
                rows++;
                keys[n] = Key(row[idCol].Span) ?? -1;
                var date = row[dateCol].Span;
                years[n] = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
                cents[n] = Cents(row[paidCol].Span);
                if (++n == Block) Flush();
            }
            Flush();
        }
        for (var p = 0; p < main.Length; p++)
            if (main[p] != 0) sums[(p, mainYear)] = main[p];
        return (sums, rows, matched);
    }

    private static long? Key(ReadOnlySpan<char> id)
    {
        if (id.Length != 18) return null;
        long key = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = (uint)(id[i] - '0');
            if (d > 9) return null;
            key = key * 10 + d;
        }
        return key;
    }

    /// <summary>"1234.5", "1,234.50": yuan to cents.</summary>
    private static long Cents(ReadOnlySpan<char> text)
    {
        long cents = 0;
        var decimals = -1;
        foreach (var c in text)
        {
            if (c == ',') continue;
            if (c == '.') { decimals = 0; continue; }
            if (decimals >= 2) break;
            cents = cents * 10 + (c - '0');
            if (decimals >= 0) decimals++;
        }
        for (var d = Math.Max(decimals, 0); d < 2; d++) cents *= 10;
        return cents;
    }
}
