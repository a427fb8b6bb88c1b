using Fanghu.Data;
using Fanghu.Divisions;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>
/// 督办: what is overdue in a division and everything under it, at which level, rolled up by the divisions one
/// level down. Work overdue at a lower level shows here as escalated (督办) to this level; work of this level is
/// this level's own.
/// </summary>
public sealed class SupervisionBoard(FanghuDbContext db, TimeProvider clock)
{
    public sealed record Item(long CaseId, long HouseholdId, string HouseholdNumber, string VillageCode, string? VillageName, CaseStage Stage,
        ResponsibleLevel Level, DateOnly DueOn, int DaysLate, bool Escalated, bool IdentificationLate);

    public sealed record Rollup(string Code, string Name, int Village, int Township, int County)
    {
        public int Total => Village + Township + County;
    }

    public sealed record Result(string DivisionCode, string? DivisionName, DivisionLevel Level, DateOnly Today,
        IReadOnlyList<Item> OwnLevel, IReadOnlyList<Item> Escalated, IReadOnlyList<Rollup> ByChild);

    /// <summary>The level of accounts that work at a division level, or null above the county (the prefecture supervises).</summary>
    public static ResponsibleLevel? LevelOf(DivisionLevel level) => level switch
    {
        DivisionLevel.Village => ResponsibleLevel.Village,
        DivisionLevel.Township => ResponsibleLevel.Township,
        DivisionLevel.County => ResponsibleLevel.County,
        _ => null,
    };

    public async Task<Result?> HandleAsync(DivisionCode division, CancellationToken ct)
    {
        var name = await db.Divisions.Where(d => d.Code == division.Value).Select(d => d.Name).FirstOrDefaultAsync(ct);
        if (name is null) return null;
        var today = clock.Today();
        var code = division.Value;
        var stages = Enum.GetValues<CaseStage>().Where(s => s.Owner() is not null).ToList();
        var cases = db.MonitoringCases.AsNoTracking().Where(c => stages.Contains(c.Stage) && c.StageDueOn < today);
        cases = division.Level switch
        {
            DivisionLevel.Province => cases.Where(c => c.Household.PrefectureCode.StartsWith(code)),
            DivisionLevel.Prefecture => cases.Where(c => c.Household.PrefectureCode == code),
            DivisionLevel.County => cases.Where(c => c.Household.CountyCode == code),
            DivisionLevel.Township => cases.Where(c => c.Household.TownshipCode == code),
            _ => cases.Where(c => c.Household.VillageCode == code),
        };
        var rows = await cases.OrderBy(c => c.StageDueOn).Take(5000)
            .Select(c => new { c.Id, c.HouseholdId, c.Household.Number, c.Household.VillageCode, c.Stage, c.StageDueOn, c.IdentificationDueOn, c.IdentifiedOn })
            .ToListAsync(ct);
        var villages = rows.Select(r => r.VillageCode).Distinct().ToList();
        var villageNames = await db.Divisions.Where(d => villages.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var own = LevelOf(division.Level);
        var items = rows.Select(r =>
        {
            var level = r.Stage.Owner()!.Value;
            var late = r.IdentificationDueOn is { } due && r.Stage.IsIdentification() && today > due;
            return new Item(r.Id, r.HouseholdId, r.Number, r.VillageCode, villageNames.GetValueOrDefault(r.VillageCode), r.Stage, level,
                r.StageDueOn!.Value, Deadlines.DaysLate(r.StageDueOn!.Value, today), own is null || level < own, late);
        }).ToList();

        var byChild = new List<Rollup>();
        if (division.Level < DivisionLevel.Village)
        {
            // Counted in the database, so the roll-up stays whole however many items the lists above show.
            var childLength = DivisionCode.LengthOf(division.Level + 1);
            var counts = await cases.GroupBy(c => new { Child = c.Household.VillageCode.Substring(0, childLength), c.Stage })
                .Select(g => new { g.Key.Child, g.Key.Stage, Count = g.Count() }).ToListAsync(ct);
            var children = await db.Divisions.Where(d => d.ParentCode == code).OrderBy(d => d.Code).Select(d => new { d.Code, d.Name }).ToListAsync(ct);
            byChild = [.. children.Select(ch =>
            {
                var under = counts.Where(x => x.Child == ch.Code).ToList();
                int At(ResponsibleLevel level) => under.Where(x => x.Stage.Owner() == level).Sum(x => x.Count);
                return new Rollup(ch.Code, ch.Name, At(ResponsibleLevel.Village), At(ResponsibleLevel.Township), At(ResponsibleLevel.County));
            })];
        }
        // A board lists its own level's late work and, escalated (督办), the levels below; work owed above is not its to chase.
        return new Result(code, name, division.Level, today, [.. items.Where(i => i.Level == own)], [.. items.Where(i => i.Escalated)], byChild);
    }
}
