using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// 督办 of applications on the supervision board (§5, §7): those still open past their due day in the divisions under
/// a division — a township's villages, a county's townships and villages — so an application left unresolved after
/// the policy's days reaches the level above the one that holds it. The most overdue first; the count is whole even
/// when the list is cut.
/// </summary>
public sealed class EscalatedApplications(FanghuDbContext db, TimeProvider clock)
{
    /// <summary>Enough to act on from the board; the inbox's 督办 tab pages through the rest.</summary>
    public const int Shown = 50;

    public sealed record Item(long Id, string TrackingCode, ApplicationArea Area, ApplicationStatus Status, string DivisionCode,
        string? DivisionName, string? LeadDepartment, DateOnly DueOn, int DaysLate);

    public sealed record Result(int Total, IReadOnlyList<Item> Items);

    public async Task<Result> HandleAsync(DivisionCode division, CancellationToken ct)
    {
        var today = clock.Today();
        var code = division.Value;
        var open = db.Applications.AsNoTracking()
            .Where(a => a.Status != ApplicationStatus.Closed && a.Status != ApplicationStatus.Confirmed && a.DueOn < today);
        // Strictly below: an application held at this level itself (a county-level record of the provincial platform)
        // is this level's own work, not escalated to it; a village has nothing below it.
        var below = division.Level switch
        {
            DivisionLevel.Province => open.Where(a => a.PrefectureCode.StartsWith(code)),
            DivisionLevel.Prefecture => open.Where(a => a.PrefectureCode == code),
            DivisionLevel.County => open.Where(a => a.CountyCode == code && a.TownshipCode != null),
            DivisionLevel.Township => open.Where(a => a.TownshipCode == code && a.VillageCode != null),
            _ => null,
        };
        if (below is null) return new Result(0, []);

        var total = await below.CountAsync(ct);
        var rows = await below.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(Shown)
            .Select(a => new { a.Id, a.TrackingCode, a.Area, a.Status, Code = a.VillageCode ?? a.TownshipCode ?? a.CountyCode, a.LeadDepartment, a.DueOn })
            .ToListAsync(ct);
        var codes = rows.Select(r => r.Code).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return new Result(total, [.. rows.Select(r => new Item(r.Id, r.TrackingCode, r.Area, r.Status, r.Code, names.GetValueOrDefault(r.Code),
            r.LeadDepartment, r.DueOn, Deadlines.DaysLate(r.DueOn, today)))]);
    }
}
