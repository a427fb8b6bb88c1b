using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Demo;

/// <summary>
/// Loads a synthetic prefecture shaped like Diqing (迪庆藏族自治州) for demonstrations and tests: 3 counties,
/// 29 townships, about 200 villages, about 20,000 households with people, two years of income, guarantee
/// checks and a few thousand monitoring episodes. The data are deterministic (fixed seed) and fictitious:
/// ID numbers are checksum-valid but made up.
/// </summary>
public static class DemoPrefecture
{
    public const int Seed = 5334;

    public const string ProvinceCode = "53";
    public const string ProvinceName = "云南省";
    public const string PrefectureCode = "5334";
    public const string PrefectureName = "迪庆藏族自治州";

    /// <summary>香格里拉市.</summary>
    public const string ShangriLaCode = "533401";
    /// <summary>德钦县.</summary>
    public const string DeqenCode = "533422";
    /// <summary>维西傈僳族自治县.</summary>
    public const string WeixiCode = "533423";

    /// <summary>建塘镇, the first township of 香格里拉市.</summary>
    public const string FirstTownshipCode = "533401100";
    /// <summary>红坡村, the first village of 建塘镇.</summary>
    public const string FirstVillageCode = "533401100201";
    /// <summary>尼史村, the second village of 建塘镇.</summary>
    public const string SecondVillageCode = "533401100202";

    /// <summary>Households are written in batches of this size, each saved and then forgotten by the tracker.</summary>
    private const int BatchSize = 2000;

    /// <summary>
    /// Loads the demo prefecture in one transaction, into a database without households only. When prefecture
    /// 5334 already has households nothing is written and the counts of what is there are returned; divisions
    /// already present (say, imported from the sample file) are kept and the missing ones added.
    /// </summary>
    public static async Task<DemoSummary> LoadAsync(FanghuDbContext db, CancellationToken ct = default, TimeProvider? clock = null)
    {
        if (await db.Households.IgnoreQueryFilters().AnyAsync(h => h.PrefectureCode == PrefectureCode, ct))
            return await CountAsync(db, ct);
        // Synthetic households must never mix with real ones.
        if (await db.Households.IgnoreQueryFilters().AnyAsync(ct))
            throw new InvalidOperationException("数据库中已有户籍数据：演示州只能载入没有户籍数据的数据库");

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            var existing = (await db.Divisions.Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            if (!existing.Contains(ProvinceCode))
                db.Divisions.Add(new Division(DivisionCode.Parse(ProvinceCode), ProvinceName, null));
            var divisions = DemoGenerator.Divisions();
            db.Divisions.AddRange(divisions.Where(d => !existing.Contains(d.Code)));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var counts = new Counter();
            foreach (var d in divisions) counts.Add(d);
            var batch = 0;
            foreach (var item in new DemoGenerator(Seed).Households())
            {
                db.Households.Add(item.Household);
                db.MonitoringCases.AddRange(item.Cases);
                counts.Add(item);
                if (++batch == BatchSize)
                {
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    batch = 0;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await DemoWorkflow.OpenCasesAsync(db, (clock ?? TimeProvider.System).Today(), ct);
            db.ChangeTracker.Clear();
            await DemoApplications.AddAsync(db, (clock ?? TimeProvider.System).GetUtcNow(), ct);
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(ct);
            return counts.Summary(alreadyLoaded: false);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>The counts of the prefecture as stored, whatever the context's scope.</summary>
    private static async Task<DemoSummary> CountAsync(FanghuDbContext db, CancellationToken ct)
    {
        const string p = PrefectureCode;
        var divisions = await db.Divisions.Where(d => d.Code.StartsWith(p)).GroupBy(d => d.Level)
            .Select(g => new { Level = g.Key, Count = g.Count() }).ToListAsync(ct);
        int At(DivisionLevel level) => divisions.FirstOrDefault(d => d.Level == level)?.Count ?? 0;
        var households = db.Households.IgnoreQueryFilters().Where(h => h.PrefectureCode == p);
        return new DemoSummary(
            Counties: At(DivisionLevel.County),
            Townships: At(DivisionLevel.Township),
            Villages: At(DivisionLevel.Village),
            Households: await households.CountAsync(ct),
            FormerlyPoorHouseholds: await households.CountAsync(h => h.Type == HouseholdType.FormerlyPoor, ct),
            Persons: await db.Persons.IgnoreQueryFilters().CountAsync(x => x.Household.PrefectureCode == p, ct),
            CurrentMembers: await db.Persons.IgnoreQueryFilters().CountAsync(x => x.Household.PrefectureCode == p && x.Status == PersonStatus.Member, ct),
            Incomes: await db.Incomes.IgnoreQueryFilters().CountAsync(x => x.Household.PrefectureCode == p, ct),
            GuaranteeChecks: await db.GuaranteeChecks.IgnoreQueryFilters().CountAsync(x => x.Household.PrefectureCode == p, ct),
            NaturalChanges: await db.NaturalChanges.IgnoreQueryFilters().CountAsync(x => x.Household.PrefectureCode == p, ct),
            MonitoringCases: await db.MonitoringCases.IgnoreQueryFilters().CountAsync(x => x.Household.PrefectureCode == p, ct),
            OpenCases: await db.MonitoringCases.IgnoreQueryFilters().CountAsync(x => x.Household.PrefectureCode == p && x.EliminatedOn == null, ct),
            AlreadyLoaded: true);
    }

    /// <summary>Tallies what the generator produced, so a fresh load needs no counting queries.</summary>
    internal sealed class Counter
    {
        private int _counties, _townships, _villages, _households, _poor, _persons, _members, _incomes, _guarantees, _changes, _cases, _open;

        public void Add(Division d)
        {
            switch (d.Level)
            {
                case DivisionLevel.County: _counties++; break;
                case DivisionLevel.Township: _townships++; break;
                case DivisionLevel.Village: _villages++; break;
            }
        }

        public void Add(DemoHousehold item)
        {
            var h = item.Household;
            _households++;
            if (h.Type == HouseholdType.FormerlyPoor) _poor++;
            _persons += h.Members.Count;
            _members += h.Members.Count(m => m.Status == PersonStatus.Member);
            _incomes += h.Incomes.Count;
            _guarantees += h.Guarantees.Count;
            _changes += h.Changes.Count;
            _cases += item.Cases.Count;
            _open += item.Cases.Count(c => !c.IsEliminated);
        }

        public DemoSummary Summary(bool alreadyLoaded) => new(_counties, _townships, _villages, _households, _poor, _persons, _members,
            _incomes, _guarantees, _changes, _cases, _open, alreadyLoaded);
    }
}

/// <summary>What the demo prefecture holds. <see cref="AlreadyLoaded"/> is true when nothing was written.</summary>
public sealed record DemoSummary(
    int Counties,
    int Townships,
    int Villages,
    int Households,
    int FormerlyPoorHouseholds,
    int Persons,
    int CurrentMembers,
    int Incomes,
    int GuaranteeChecks,
    int NaturalChanges,
    int MonitoringCases,
    int OpenCases,
    bool AlreadyLoaded);
