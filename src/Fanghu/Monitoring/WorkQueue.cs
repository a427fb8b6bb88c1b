using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>待办: the cases in the user's divisions waiting for a step their role owns, the most urgent first.</summary>
public sealed class WorkQueue(FanghuDbContext db, TimeProvider clock)
{
    public sealed record Row(long CaseId, long HouseholdId, string HouseholdNumber, string? HeadName, string VillageCode, string? VillageName,
        CaseStage Stage, DateOnly StageEnteredOn, DateOnly? StageDueOn, int DaysLate, bool Paused, int Episode);

    public static IReadOnlyList<CaseStage> StagesOf(Role role) => role switch
    {
        Role.Village => [CaseStage.Verification, CaseStage.VillageReview, CaseStage.PublicNotice, CaseStage.EliminationVillageReview, CaseStage.EliminationNotice],
        Role.Township => [CaseStage.TownshipReview, CaseStage.EliminationTownshipReview],
        Role.County => [CaseStage.CountyApproval, CaseStage.EliminationCountyApproval],
        _ => [],
    };

    public async Task<IReadOnlyList<Row>> HandleAsync(Role role, CaseStage? stage, CancellationToken ct)
    {
        var stages = StagesOf(role).Where(s => stage is null || s == stage).ToList();
        if (stages.Count == 0) return [];
        var today = clock.Today();
        var rows = await db.MonitoringCases.AsNoTracking().Where(c => stages.Contains(c.Stage))
            .OrderBy(c => c.StageDueOn).ThenBy(c => c.Id).Take(500)
            .Select(c => new
            {
                c.Id,
                c.HouseholdId,
                c.Household.Number,
                c.Household.VillageCode,
                c.Stage,
                c.StageEnteredOn,
                c.StageDueOn,
                c.PausedSince,
                c.Episode,
                Head = c.Household.Members.Where(m => m.Relation == Relation.Head).Select(m => m.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var villages = rows.Select(r => r.VillageCode).Distinct().ToList();
        var names = await db.Divisions.Where(d => villages.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return [.. rows.Select(r => new Row(r.Id, r.HouseholdId, r.Number, r.Head, r.VillageCode, names.GetValueOrDefault(r.VillageCode),
            r.Stage, r.StageEnteredOn, r.StageDueOn, r.StageDueOn is { } due ? Deadlines.DaysLate(due, today) : 0, r.PausedSince is not null, r.Episode))];
    }
}
