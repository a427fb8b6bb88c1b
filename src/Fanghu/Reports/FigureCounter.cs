using Fanghu.Applications;
using Fanghu.Assistance;
using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>
/// Counts the dashboard's figures (DESIGN §8) of some units as of the end of a date, straight from the records: one
/// <see cref="FigureSet"/> per unit, and the mismatch list. Every figure is a count or a sum, so a division's figures
/// are the sums of its units' — which is what lets <see cref="FigureStore"/> keep them up to date unit by unit.
/// <list type="bullet">
/// <item>monitoring objects: <see cref="MonitoringTally"/>'s rules (the monitoring report's), per village;</item>
/// <item>identification timeliness, of episodes identified through Fanghu's workflow (a migrated one has no lead here):
/// those identified from 1 January to the date, days from lead to county approval
/// (as a histogram, for the median) and those approved after their time limit; leads still in identification on the
/// date and past their limit;</item>
/// <item>applications: <see cref="ApplicationsReport"/>'s rules for the period from 1 January to the date;</item>
/// <item>income: <see cref="IncomeReport"/>'s totals, in cents, of 脱贫户 and 监测户 for the date's year and the three before;</item>
/// <item>guarantees, of the monitored households not eliminated: their members on the date, those enrolled in basic medical
/// insurance, children of 6–15 not in school, houses graded C or D, and drinking water found insecure at the latest check;</item>
/// <item>measures started by the date of monitored households' latest episodes, by type (measures and households); and the
/// households not eliminated whose risk types no measure answers (<see cref="PlanChecks.RisksWithoutMeasure"/>).</item>
/// </list>
/// Units: a village counts its households and the applications filed in it; a township or a county counts the
/// applications filed there without a village.
/// </summary>
public static class FigureCounter
{
    public sealed record Counted(Dictionary<string, FigureSet> Units, List<RiskGap> Gaps);

    /// <summary>
    /// The years the dashboard may show income for: the date's year and the two before (the latest with records); each
    /// with its year before, so four years are counted.
    /// </summary>
    public const int IncomeYears = 3;

    /// <param name="db">A context whose scope covers the units (the store uses an unrestricted one).</param>
    /// <param name="units">Village codes (12 digits), and township (9) or county (6) codes for their own applications.</param>
    public static async Task<Counted> CountAsync(FanghuDbContext db, IReadOnlyCollection<string> units, DateOnly asOf, CancellationToken ct)
    {
        var villages = units.Where(u => u.Length == 12).ToList();
        var sets = units.ToDictionary(u => u, _ => new FigureSet(), StringComparer.Ordinal);
        foreach (var set in sets.Values) set.Add(FigureKeys.CountedOn(asOf), 1);
        var gaps = new List<RiskGap>();
        if (villages.Count > 0)
        {
            var standing = await CountMonitoringAsync(db, villages, asOf, sets, ct);
            await CountTimelinessAsync(db, villages, asOf, sets, ct);
            await CountIncomeAsync(db, villages, asOf, sets, ct);
            await CountGuaranteesAsync(db, standing, asOf, sets, ct);
            await CountMeasuresAsync(db, standing, asOf, sets, gaps, ct);
        }
        await CountApplicationsAsync(db, units.ToList(), asOf, sets, ct);
        return new Counted(sets, gaps);
    }

    /// <summary>A monitored household's latest episode as of the date.</summary>
    private sealed record Monitored(string Village, long HouseholdId, long CaseId, string HouseholdNumber, DateOnly IdentifiedOn,
        string RiskTypeCodes, bool Eliminated, HousingGrade? Housing);

    private static async Task<List<Monitored>> CountMonitoringAsync(FanghuDbContext db, List<string> villages, DateOnly asOf,
        Dictionary<string, FigureSet> sets, CancellationToken ct)
    {
        var cases = db.MonitoringCases.AsNoTracking()
            .Where(c => c.IdentifiedOn <= asOf && villages.Contains(c.Household.VillageCode))
            .OrderBy(c => c.Household.VillageCode).ThenBy(c => c.HouseholdId);

        var latest = new List<(EpisodeRow Row, bool Eliminated)>();
        string? village = null;
        MonitoringTally? tally = null;
        void Finish()
        {
            if (tally is null || village is null) return;
            sets[village].AddMonitoring(tally.ToReport(village));
        }
        await foreach (var row in MonitoringReport.EpisodeRows(cases, asOf).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.VillageCode != village)
            {
                Finish();
                village = row.VillageCode;
                tally = new MonitoringTally(asOf) { HouseholdCounted = (episode, eliminated) => latest.Add((episode, eliminated)) };
            }
            tally!.Add(row);
        }
        Finish();

        // The mismatch list names the household by its number; the guarantees look at its house.
        var details = new Dictionary<long, (string Number, HousingGrade? Housing)>();
        foreach (var ids in latest.Select(l => l.Row.HouseholdId).Chunk(5_000))
            foreach (var h in await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
                .Select(h => new { h.Id, h.Number, h.HousingGrade }).ToListAsync(ct))
                details[h.Id] = (h.Number, h.HousingGrade);
        return [.. latest.Select(l => new Monitored(l.Row.VillageCode, l.Row.HouseholdId, l.Row.CaseId, details[l.Row.HouseholdId].Number,
            l.Row.IdentifiedOn, l.Row.RiskTypeCodes, l.Eliminated, details[l.Row.HouseholdId].Housing))];
    }

    private static async Task CountTimelinessAsync(FanghuDbContext db, List<string> villages, DateOnly asOf,
        Dictionary<string, FigureSet> sets, CancellationToken ct)
    {
        var yearStart = new DateOnly(asOf.Year, 1, 1);
        // Identified this year, or not identified by the date (IdentifiedOn > asOf is false for null: hence the two tests).
        // Episodes migrated from the national system have no lead here: their time from lead to approval is unknown.
        var rows = db.MonitoringCases.AsNoTracking()
            .Where(c => villages.Contains(c.Household.VillageCode) && c.Origin == CaseOrigin.Workflow && c.OpenedOn <= asOf
                && ((c.IdentifiedOn >= yearStart && c.IdentifiedOn <= asOf) || c.IdentifiedOn == null || c.IdentifiedOn > asOf))
            .Select(c => new { c.Household.VillageCode, c.OpenedOn, c.IdentifiedOn, c.IdentificationDueOn, c.Stage, c.StageEnteredOn });
        await foreach (var c in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var set = sets[c.VillageCode];
            if (c.IdentifiedOn is { } identified && identified <= asOf)
            {
                set.Add(FigureKeys.Identified, 1);
                set.Add(FigureKeys.IdentificationDays(identified.DayNumber - c.OpenedOn.DayNumber), 1);
                if (c.IdentificationDueOn is { } due && identified > due) set.Add(FigureKeys.IdentifiedLate, 1);
                continue;
            }
            // Not identified by the date: still in identification then unless dismissed by then.
            var dismissed = c.Stage == CaseStage.Dismissed && c.StageEnteredOn <= asOf;
            if (dismissed) continue;
            set.Add(FigureKeys.InIdentification, 1);
            if (c.IdentificationDueOn is { } limit && limit < asOf) set.Add(FigureKeys.InIdentificationOverdue, 1);
        }
    }

    private static async Task CountApplicationsAsync(FanghuDbContext db, List<string> units, DateOnly asOf,
        Dictionary<string, FigureSet> sets, CancellationToken ct)
    {
        var yearStart = new DateOnly(asOf.Year, 1, 1);
        var filed = db.Applications.AsNoTracking().Where(a => a.FiledOn >= yearStart && a.FiledOn <= asOf
            && units.Contains(a.VillageCode ?? a.TownshipCode ?? a.CountyCode));
        await foreach (var a in ApplicationsReport.Standings(filed, asOf).AsAsyncEnumerable().WithCancellation(ct))
        {
            var set = sets[a.VillageCode ?? a.TownshipCode ?? a.CountyCode];
            var (completed, overdue) = a.Judge(asOf);
            set.Add(FigureKeys.ApplicationsReceived, 1);
            if (completed) set.Add(FigureKeys.ApplicationsCompleted, 1);
            if (overdue) set.Add(FigureKeys.ApplicationsOverdue, 1);
        }
    }

    private static async Task CountIncomeAsync(FanghuDbContext db, List<string> villages, DateOnly asOf,
        Dictionary<string, FigureSet> sets, CancellationToken ct)
    {
        foreach (var population in FigureKeys.IncomePopulations)
            for (var year = asOf.Year - IncomeYears; year <= asOf.Year; year++)
            {
                var totals = await IncomeReport.TotalsByVillageAsync(db, year, population,
                    incomes => incomes.Where(i => villages.Contains(i.Household.VillageCode)),
                    members => members.Where(m => villages.Contains(m.Household.VillageCode)), ct);
                foreach (var (village, t) in totals) sets[village].AddIncome(population, t);
            }
    }

    private static async Task CountGuaranteesAsync(FanghuDbContext db, List<Monitored> monitored, DateOnly asOf,
        Dictionary<string, FigureSet> sets, CancellationToken ct)
    {
        var open = monitored.Where(m => !m.Eliminated).ToList();
        if (open.Count == 0) return;
        var villageOf = open.ToDictionary(m => m.HouseholdId, m => m.Village);
        foreach (var m in open)
            if (m.Housing is HousingGrade.C or HousingGrade.D) sets[m.Village].Add(FigureKeys.HousingCD, 1);

        // Compulsory schooling is from 6 to 15: born after the date 16 years back, on or before the date 6 years back.
        var bornAfter = asOf.AddYears(-16);
        var bornBy = asOf.AddYears(-6);
        foreach (var ids in open.Select(m => m.HouseholdId).Chunk(5_000))
        {
            var members = db.Persons.AsNoTracking()
                .Where(p => ids.Contains(p.HouseholdId)
                    && (p.MemberFrom == null || p.MemberFrom <= asOf) && (p.MemberUntil == null || p.MemberUntil > asOf))
                .Select(p => new { p.HouseholdId, p.MedicalInsurance, p.BirthDate, p.Schooling });
            await foreach (var p in members.AsAsyncEnumerable().WithCancellation(ct))
            {
                var set = sets[villageOf[p.HouseholdId]];
                set.Add(FigureKeys.GuaranteedPersons, 1);
                if (p.MedicalInsurance) set.Add(FigureKeys.Insured, 1);
                if (p.BirthDate > bornAfter && p.BirthDate <= bornBy && p.Schooling == Schooling.NotInSchool) set.Add(FigureKeys.Dropouts, 1);
            }

            // The latest drinking-water check by the date says whether the water is safe (the latest id breaks a tie of dates).
            var checks = db.GuaranteeChecks.AsNoTracking()
                .Where(g => ids.Contains(g.HouseholdId) && g.Aspect == GuaranteeAspect.DrinkingWater && g.CheckedOn <= asOf)
                .Select(g => new { g.HouseholdId, g.CheckedOn, g.Id, g.Secure });
            var latest = new Dictionary<long, (DateOnly On, long Id, bool Secure)>();
            await foreach (var g in checks.AsAsyncEnumerable().WithCancellation(ct))
                if (!latest.TryGetValue(g.HouseholdId, out var seen) || (g.CheckedOn, g.Id).CompareTo((seen.On, seen.Id)) > 0)
                    latest[g.HouseholdId] = (g.CheckedOn, g.Id, g.Secure);
            foreach (var (household, check) in latest)
                if (!check.Secure) sets[villageOf[household]].Add(FigureKeys.WaterProblems, 1);
        }
    }

    private static async Task CountMeasuresAsync(FanghuDbContext db, List<Monitored> monitored, DateOnly asOf,
        Dictionary<string, FigureSet> sets, List<RiskGap> gaps, CancellationToken ct)
    {
        var types = new Dictionary<long, HashSet<MeasureType>>();
        var villageOf = monitored.ToDictionary(m => m.CaseId, m => m.Village);
        foreach (var ids in monitored.Select(m => m.CaseId).Chunk(5_000))
        {
            var measures = db.Measures.AsNoTracking().Where(m => ids.Contains(m.CaseId) && m.StartOn <= asOf)
                .Select(m => new { m.CaseId, m.Type });
            await foreach (var m in measures.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (!types.TryGetValue(m.CaseId, out var set)) types[m.CaseId] = set = [];
                set.Add(m.Type);
                sets[villageOf[m.CaseId]].Add(FigureKeys.Measures(m.Type), 1);
            }
        }

        foreach (var m in monitored)
        {
            var have = types.GetValueOrDefault(m.CaseId);
            if (have is not null)
                foreach (var type in have) sets[m.Village].Add(FigureKeys.MeasureHouseholds(type), 1);
            if (m.Eliminated) continue;
            var missing = PlanChecks.RisksWithoutMeasure(m.RiskTypeCodes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(), have ?? []);
            if (missing.Count == 0) continue;
            sets[m.Village].Add(FigureKeys.RiskGaps, 1);
            gaps.Add(new RiskGap(m.CaseId, m.HouseholdId, m.Village, m.HouseholdNumber, m.IdentifiedOn, string.Join(';', missing)));
        }
    }
}
