using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// The resident follows an application with its tracking code and the last four digits of the phone given (§7):
/// the status, the answer, the steps with their dates (not who took them), and — once it became a monitoring lead —
/// how far the case has got. With the same two, the resident confirms the answer or reopens the application. A wrong
/// code and a wrong phone look the same.
/// </summary>
public sealed class TrackApplication(CaseWork work)
{
    public sealed record Step(string What, DateTimeOffset At, string? Note);

    public sealed record View(string TrackingCode, ApplicationArea Area, ApplicationStatus Status, DateOnly FiledOn, DateOnly DueOn,
        bool Escalated, string? Reply, DateOnly? ClosedOn, string? CaseStage, IReadOnlyList<Step> Steps);

    public async Task<View?> HandleAsync(string? trackingCode, string? phoneLastFour, CancellationToken ct)
    {
        if (await FindAsync(trackingCode, phoneLastFour, ct) is not { } a) return null;
        string? stage = null;
        if (a.LeadId is { } leadId)
        {
            var caseStage = await work.Db.Leads.IgnoreQueryFilters().Where(l => l.Id == leadId).Select(l => (CaseStage?)l.Case.Stage).FirstOrDefaultAsync(ct);
            stage = caseStage is { } s ? StageWords.Name(s) : null;
        }
        // Staff notes on assignment stay inside; the resident sees what happened and the answers.
        var steps = a.Steps.OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new Step(ApplicationWords.Step(s.Kind), s.At,
                s.Kind is ApplicationStepKind.Replied or ApplicationStepKind.Closed or ApplicationStepKind.Reopened ? s.Note : null))
            .ToList();
        return new View(a.TrackingCode, a.Area, a.Status, a.FiledOn, a.DueOn, a.IsEscalated(work.Today), a.Reply, a.ClosedOn, stage, steps);
    }

    /// <summary>The resident accepts the answer, or (with a reason) asks for it to be handled again.</summary>
    public async Task<bool> RespondAsync(string? trackingCode, string? phoneLastFour, bool satisfied, string? reason, CancellationToken ct)
    {
        if (await FindAsync(trackingCode, phoneLastFour, ct) is not { } a) return false;
        if (satisfied) a.Confirm(work.Now);
        else a.Reopen(reason ?? "", work.Now);
        try
        {
            await work.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("该申请刚刚有了新的办理进展，请刷新后再操作");
        }
        return true;
    }

    private async Task<AssistanceApplication?> FindAsync(string? trackingCode, string? phoneLastFour, CancellationToken ct)
    {
        var code = trackingCode?.Trim().ToUpperInvariant();
        var four = phoneLastFour?.Trim();
        if (code is not { Length: > 0 and <= 20 } || four is not { Length: 4 }) return null;
        // No account, so no scope: the code and the phone are the key.
        var a = await work.Db.Applications.IgnoreQueryFilters().Include(x => x.Steps).FirstOrDefaultAsync(x => x.TrackingCode == code, ct);
        return a is not null && PhoneNumber.LastFour(a.Phone) == four ? a : null;
    }
}
