using Fanghu.Accounts;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// The applications an account handles (受理台): those of its divisions (the data scope), and for a department
/// account those its department leads or helps with. <see cref="Filter.Escalated"/> lists the 督办 ones — open
/// past their due day — which the supervision board of the level above shows.
/// </summary>
public sealed class ApplicationInbox(Data.FanghuDbContext db, TimeProvider clock)
{
    public enum Filter { Open, Escalated, Closed, All }

    public sealed record Row(long Id, string TrackingCode, ApplicationArea Area, ApplicationStatus Status, string ApplicantName,
        string? VillageCode, string? TownshipCode, string CountyCode, DateOnly FiledOn, DateOnly DueOn, bool Escalated, int DaysLate,
        string? LeadDepartment, ApplicationSource Source);

    public sealed record Viewer(Role Role, string? Department);

    public async Task<Paged<Row>> HandleAsync(Viewer viewer, Filter filter, ApplicationArea? area, int? page, CancellationToken ct)
    {
        var today = Monitoring.ChinaTime.Today(clock);
        var (number, size) = Paging.Clamp(page, Paging.DefaultSize);
        var query = Visible(db.Applications.AsNoTracking(), viewer);
        if (area is { } a) query = query.Where(x => x.Area == a);
        query = filter switch
        {
            Filter.Open => query.Where(x => x.Status != ApplicationStatus.Closed && x.Status != ApplicationStatus.Confirmed),
            Filter.Escalated => query.Where(x => x.Status != ApplicationStatus.Closed && x.Status != ApplicationStatus.Confirmed && x.DueOn < today),
            Filter.Closed => query.Where(x => x.Status == ApplicationStatus.Closed || x.Status == ApplicationStatus.Confirmed),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(x => x.DueOn).ThenBy(x => x.Id).Skip((number - 1) * size).Take(size)
            .Select(x => new { x.Id, x.TrackingCode, x.Area, x.Status, x.ApplicantName, x.VillageCode, x.TownshipCode, x.CountyCode, x.FiledOn, x.DueOn, x.LeadDepartment, x.Source })
            .ToListAsync(ct);
        var items = rows.Select(x =>
        {
            var open = x.Status is not (ApplicationStatus.Closed or ApplicationStatus.Confirmed);
            return new Row(x.Id, x.TrackingCode, x.Area, x.Status, x.ApplicantName, x.VillageCode, x.TownshipCode, x.CountyCode, x.FiledOn, x.DueOn,
                open && today > x.DueOn, open ? Monitoring.Deadlines.DaysLate(x.DueOn, today) : 0, x.LeadDepartment, x.Source);
        }).ToList();
        return new Paged<Row>(items, number, size, total);
    }

    /// <summary>A department account sees what its department leads or helps with; the others, their divisions' (the query filter).</summary>
    internal static IQueryable<AssistanceApplication> Visible(IQueryable<AssistanceApplication> applications, Viewer viewer)
    {
        if (viewer.Role != Role.Department) return applications;
        var department = viewer.Department ?? "";
        var within = ";" + department + ";";
        return applications.Where(a => a.LeadDepartment == department || (";" + a.CoDepartments + ";").Contains(within));
    }
}
