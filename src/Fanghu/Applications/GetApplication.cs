using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// One application as staff see it: who asks (the ID number masked), what about, where, its steps with who took
/// them and when, its deadline, and the case its lead went to. Outside the account's divisions (or, for a department,
/// not its department's) it does not exist.
/// </summary>
public sealed class GetApplication(CaseWork work)
{
    public sealed record Step(ApplicationStepKind Kind, DateOnly On, DateTimeOffset At, string ActorName, Accounts.Role? ActorRole, string? Note);

    public sealed record Detail(AssistanceApplication Application, string IdNumberMasked, string DivisionName, bool Escalated, int DaysLate,
        long? CaseId, CaseStage? CaseStage, IReadOnlyList<Step> Steps);

    public async Task<Detail?> HandleAsync(ApplicationInbox.Viewer viewer, long id, CancellationToken ct)
    {
        var a = await ApplicationInbox.Visible(work.Db.Applications.AsNoTracking(), viewer).Include(x => x.Steps)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return null;
        var code = a.VillageCode ?? a.TownshipCode ?? a.CountyCode;
        var names = await work.Db.Divisions.AsNoTracking()
            .Where(d => d.Code == a.CountyCode || d.Code == a.TownshipCode || d.Code == a.VillageCode)
            .OrderBy(d => d.Code.Length).Select(d => d.Name).ToListAsync(ct);
        var lead = a.LeadId is { } leadId
            ? await work.Db.Leads.AsNoTracking().Where(l => l.Id == leadId).Select(l => new { l.CaseId, l.Case.Stage }).FirstOrDefaultAsync(ct)
            : null;
        var today = work.Today;
        return new Detail(a, Registry.IdNumber.Mask(a.IdNumber), names.Count > 0 ? string.Join("", names) : code, a.IsEscalated(today),
            a.IsOpen ? Deadlines.DaysLate(a.DueOn, today) : 0, lead?.CaseId, lead?.Stage,
            [.. a.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new Step(s.Kind, s.On, s.At, s.ActorName, s.ActorRole, s.Note))]);
    }
}
