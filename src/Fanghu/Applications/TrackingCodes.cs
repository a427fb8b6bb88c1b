using System.Security.Cryptography;
using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// The codes residents follow their applications with (查询码): for one filed on the public page, and for each record
/// migrated from the provincial platform.
/// </summary>
internal static class TrackingCodes
{
    // Ten characters without 0/O, 1/I/L: read aloud over the phone, typed on a keypad. 31^10 codes: not guessable,
    // and a guess must also name the phone's last four digits.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int Length = 10;

    public static async Task<string> NewAsync(FanghuDbContext db, CancellationToken ct) => (await NewAsync(db, 1, ct))[0];

    /// <summary>
    /// <paramref name="count"/> codes used by no application and distinct from each other, checked with one query per
    /// round (an import asks for a batch at a time: a query per code would be a query per row).
    /// </summary>
    public static async Task<List<string>> NewAsync(FanghuDbContext db, int count, CancellationToken ct)
    {
        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var candidates = new List<string>(count - result.Count);
            while (candidates.Count < count - result.Count)
            {
                var code = Random();
                if (codes.Add(code)) candidates.Add(code);
            }
            var taken = (await db.Applications.IgnoreQueryFilters().Where(a => candidates.Contains(a.TrackingCode))
                .Select(a => a.TrackingCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            result.AddRange(candidates.Where(c => !taken.Contains(c)));
        }
        return result;
    }

    private static string Random() => string.Create(Length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>A code drawn from a seeded generator, for the demo prefecture, whose data are the same on every load.</summary>
    public static string Seeded(System.Random random) => string.Create(Length, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[r.Next(Alphabet.Length)];
    });
}
