using System.Text;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>
/// Keeps the dashboard's figures up to date, unit by unit (ADR 0012). A unit (a village; a township or a county for its
/// own applications) is counted again when its records changed — database triggers note it in
/// <see cref="FigureChange"/> — or when it was counted before today, since figures depend on the date. Its new figures
/// replace its old ones, and every division above it is summed again from its children, so a province's figures
/// are one read of a few hundred rows however many persons it has.
/// <para>
/// Needs an unrestricted context: the figures of a unit are all of its records. One refresh runs at a time in a
/// process (the dashboard and the background refresher share it); the writes of one batch are one transaction.
/// </para>
/// </summary>
public sealed class FigureStore(FanghuDbContext db, TimeProvider clock, int batchSize = FigureStore.BatchSize)
{
    /// <summary>Units counted together: neighbours (codes in order), so their queries read close rows.</summary>
    public const int BatchSize = 200;

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>
    /// Units under the division (or everywhere for null) whose figures are not today's: those whose records changed
    /// (<see cref="FigureChange"/>) and those counted before today. A unit never counted is in the first list: the
    /// migration noted every existing one, and the triggers note a new one with its first record (one without any
    /// record has nothing to count).
    /// </summary>
    public async Task<List<string>> PendingAsync(string? division, int max, CancellationToken ct)
    {
        var today = clock.Today();
        var (low, high) = Range(division);
        var changed = await db.FigureChanges.AsNoTracking()
            .Where(c => string.Compare(c.UnitCode, low) >= 0 && string.Compare(c.UnitCode, high) < 0)
            .Select(c => c.UnitCode).Distinct().OrderBy(u => u).Take(max).ToListAsync(ct);
        var stale = await db.FigureUnits.AsNoTracking()
            .Where(u => string.Compare(u.UnitCode, low) >= 0 && string.Compare(u.UnitCode, high) < 0 && u.ComputedOn < today)
            .OrderBy(u => u.UnitCode).Select(u => u.UnitCode).Take(max).ToListAsync(ct);
        return [.. changed.Union(stale, StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(max)];
    }

    /// <summary>
    /// How many units under the division are not today's (at most: a unit both stale and changed counts twice), from the division's own figures (every unit adds one under
    /// the key of the day it was counted for, <see cref="FigureKeys.CountedOn"/>) and the changes noted under it: no scan
    /// of the divisions, since this runs before every dashboard.
    /// </summary>
    public async Task<int> PendingCountAsync(string division, FigureSet figures, CancellationToken ct)
    {
        var today = FigureKeys.CountedOn(clock.Today());
        var (low, high) = Range(division);
        var changed = await db.FigureChanges.AsNoTracking()
            .Where(c => string.Compare(c.UnitCode, low) >= 0 && string.Compare(c.UnitCode, high) < 0)
            .Select(c => c.UnitCode).Distinct().CountAsync(ct);
        var stale = figures.Where(f => f.Key.StartsWith(FigureKeys.CountedOnPrefix, StringComparison.Ordinal) && f.Key != today).Sum(f => f.Value);
        return changed + (int)stale;
    }

    /// <summary>
    /// The codes under a division as a key range [low, high), which an index can read (LIKE 'x%' cannot use one on
    /// PostgreSQL outside the C collation, nor on SQLite by default). High is the next code of the same or a shorter
    /// length (5334 → 5335, 5339 → 534): digits only, so every collation orders it the same way. Everything is the
    /// range from "" to "A", letters sorting after digits in every collation too.
    /// </summary>
    public static (string Low, string High) Range(string? division)
    {
        if (string.IsNullOrEmpty(division)) return ("", "A");
        var digits = division.TrimEnd('9');
        if (digits.Length == 0) return (division, "A");
        return (division, digits[..^1] + (char)(digits[^1] + 1));
    }

    /// <summary>
    /// Counts again up to <paramref name="max"/> pending units under the division (everywhere for null); returns how many.
    /// A batch that fails is counted again unit by unit, and a unit that fails alone is left pending for the next round,
    /// so one bad unit cannot hold up the others behind it; the first such failure is thrown once the rest are done.
    /// </summary>
    /// <param name="wait">How long to wait for another refresh to end (null: as long as it takes). A request that would
    /// rather answer with the figures as they are than queue behind others (the dashboard) gives a short time; when it
    /// runs out nothing is counted.</param>
    public async Task<int> RefreshAsync(string? division, int max, CancellationToken ct, TimeSpan? wait = null)
    {
        if (!await OneAtATime.WaitAsync(wait ?? Timeout.InfiniteTimeSpan, ct)) return 0;
        try
        {
            var done = 0;
            var failed = new HashSet<string>(StringComparer.Ordinal);
            Exception? first = null;
            while (done < max)
            {
                var units = (await PendingAsync(division, Math.Min(batchSize, max - done) + failed.Count, ct))
                    .Where(u => !failed.Contains(u)).Take(Math.Min(batchSize, max - done)).ToList();
                if (units.Count == 0) break;
                try
                {
                    await CountAndStoreAsync(units, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    db.ChangeTracker.Clear();
                    if (units.Count == 1)
                    {
                        failed.Add(units[0]);
                        first ??= e;
                        continue;
                    }
                    foreach (var unit in units)
                    {
                        try
                        {
                            await CountAndStoreAsync([unit], ct);
                        }
                        catch (Exception one) when (one is not OperationCanceledException)
                        {
                            db.ChangeTracker.Clear();
                            failed.Add(unit);
                            first ??= one;
                        }
                    }
                }
                done += units.Count;
            }
            if (first is not null) throw new FigureRefreshException($"{failed.Count} 个单位的统计未能更新：{string.Join("、", failed.Take(5))}", first);
            return done;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Every unit counted again (after a bulk load, or to check the figures against the records).</summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await NoteEveryUnitAsync(db, ct);
        return await RefreshAsync(null, int.MaxValue, ct);
    }

    /// <summary>Notes every unit (a village, township or county) as changed: all are counted again at the next refresh.</summary>
    public static Task<int> NoteEveryUnitAsync(FanghuDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "FigureChanges" ("UnitCode") SELECT d."Code" FROM "Divisions" d WHERE d."Level" >= {0}""",
            [(int)DivisionLevel.County], ct);

    private async Task CountAndStoreAsync(List<string> units, CancellationToken ct)
    {
        var today = clock.Today();
        // The notes seen now are the ones this count answers; a note written while we count (by a transaction that commits
        // later) has a higher id and stays for the next round. They go in the transaction that stores the figures.
        var noted = await db.FigureChanges.AsNoTracking().Where(c => units.Contains(c.UnitCode)).MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var counted = await FigureCounter.CountAsync(db, units, today, ct);

        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One refresher writes at a time per database, whatever process it runs in (SQLite's write lock does this already).
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7244731)", ct);
        await db.FigureChanges.Where(c => units.Contains(c.UnitCode) && c.Id <= noted).ExecuteDeleteAsync(ct);
        await db.UnitFigures.Where(f => units.Contains(f.UnitCode)).ExecuteDeleteAsync(ct);
        await db.RiskGaps.Where(g => units.Contains(g.UnitCode)).ExecuteDeleteAsync(ct);
        await db.FigureUnits.Where(u => units.Contains(u.UnitCode)).ExecuteDeleteAsync(ct);
        foreach (var (unit, set) in counted.Units)
            db.UnitFigures.AddRange(set.Select(f => new UnitFigure(unit, f.Key, f.Value)));
        db.RiskGaps.AddRange(counted.Gaps);
        db.FigureUnits.AddRange(units.Select(u => new FigureUnit(u, today)));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await RollUpAsync(units, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Sums again the units' divisions and every division above them, level by level from the bottom: a division's
    /// figures are its children's plus its own unit's.
    /// </summary>
    private async Task RollUpAsync(List<string> units, CancellationToken ct)
    {
        var affected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
            foreach (var length in DivisionLengths)
                if (length <= unit.Length) affected.Add(unit[..length]);
        foreach (var length in DivisionLengths.Reverse())
        {
            var codes = affected.Where(c => c.Length == length).Order(StringComparer.Ordinal).ToArray();
            if (codes.Length == 0) continue;
            var list = new StringBuilder();
            for (var i = 0; i < codes.Length; i++) list.Append(i == 0 ? "" : ", ").Append('{').Append(i).Append('}');
            var args = codes.Cast<object>().ToArray();
            // Only placeholders ({0}, {1}…) are put into the SQL; the codes travel as parameters.
            var delete = $"""DELETE FROM "DivisionFigures" WHERE "DivisionCode" IN ({list})""";
            var sum = $"""
                INSERT INTO "DivisionFigures" ("DivisionCode", "Key", "Value")
                SELECT s.c, s.k, SUM(s.v) FROM (
                    SELECT d."ParentCode" AS c, f."Key" AS k, f."Value" AS v
                    FROM "DivisionFigures" f JOIN "Divisions" d ON d."Code" = f."DivisionCode"
                    WHERE d."ParentCode" IN ({list})
                    UNION ALL
                    SELECT u."UnitCode", u."Key", u."Value" FROM "UnitFigures" u WHERE u."UnitCode" IN ({list})
                ) s
                GROUP BY s.c, s.k
                HAVING SUM(s.v) <> 0
                """;
            await db.Database.ExecuteSqlRawAsync(delete, args, ct);
            await db.Database.ExecuteSqlRawAsync(sum, args, ct);
        }
    }

    private static readonly int[] DivisionLengths = [2, 4, 6, 9, 12];
}

/// <summary>Some units could not be counted again (the others were); they stay pending, and the first failure is inside.</summary>
public sealed class FigureRefreshException(string message, Exception inner) : Exception(message, inner);
