using Fanghu.Assistance;
using Fanghu.Data;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>Everything the case page and the API show about one case: where it stands, its leads, steps, objections and plan.</summary>
public sealed class GetCase(FanghuDbContext db, TimeProvider clock)
{
    public sealed record Result(
        long Id, int Version, long HouseholdId, string HouseholdNumber, string? HeadName, string VillageCode, string? VillageName,
        HouseholdType HouseholdType, int HouseholdSize, int Episode, CaseOrigin Origin, bool IsReEntry, CaseStage Stage,
        ResponsibleLevel? Owner, MonitoringCategory? Category, IReadOnlyList<string> RiskTypes, bool FastTrack, bool AcceptsMeasures,
        DateOnly OpenedOn, DateOnly? ConsentOn, DateOnly? VerifiedOn, DateOnly? IdentificationDueOn, bool IdentificationLate,
        DateOnly? IdentifiedOn, DateOnly StageEnteredOn, DateOnly? StageDueOn, int DaysLate,
        DateOnly? NoticeStartedOn, DateOnly? NoticeEndsOn, bool Paused,
        DateOnly? EliminationProposedOn, DateOnly? EliminatedOn, EliminationMethod? EliminationMethod, string? ClosingReason,
        string? EliminationSnapshot,
        IReadOnlyList<LeadRow> Leads, IReadOnlyList<StepRow> Steps, IReadOnlyList<ObjectionRow> Objections,
        IReadOnlyList<MeasureRow> Measures, IReadOnlyList<string> RisksWithoutMeasure, DevelopmentCheck Development);

    public sealed record LeadRow(long Id, LeadChannel Channel, DateOnly ReportedOn, string Summary, IReadOnlyList<string> RiskTypes,
        string? Reporter, decimal? EstimatedIncome12Months, string RecordedBy, DateTimeOffset RecordedAt);

    public sealed record StepRow(StepKind Kind, DateOnly On, DateTimeOffset RecordedAt, string ActorName, Accounts.Role ActorRole,
        CaseStage From, CaseStage To, string? Note, int? Attendees, int? VotesFor, int? VotesAgainst);

    public sealed record ObjectionRow(long Id, DateOnly RaisedOn, string? RaisedBy, string Content, DateOnly? AnsweredOn, string? Response, bool? Upheld);

    public sealed record MeasureRow(long Id, int Version, MeasureType Type, string Content, string ResponsibleUnit, string ResponsiblePerson,
        DateOnly StartOn, DateOnly? EndOn, decimal? Amount, MeasureStatus Status, string? Effect);

    public async Task<Result?> HandleAsync(long id, CancellationToken ct)
    {
        var c = await db.MonitoringCases.AsNoTracking().AsSplitQuery()
            .Include(x => x.Household).ThenInclude(h => h.Members)
            .Include(x => x.Steps).Include(x => x.Objections)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var today = clock.Today();
        var h = c.Household;
        var villageName = await db.Divisions.Where(d => d.Code == h.VillageCode).Select(d => d.Name).FirstOrDefaultAsync(ct);
        var leads = await db.Leads.AsNoTracking().Where(l => l.CaseId == id).OrderBy(l => l.ReportedOn).ThenBy(l => l.Id)
            .Select(l => new LeadRow(l.Id, l.Channel, l.ReportedOn, l.Summary, l.RiskTypeCodes == "" ? new List<string>() : l.RiskTypeCodes.Split(';', StringSplitOptions.None).ToList(),
                l.Reporter, l.EstimatedIncome12Months, l.RecordedByName, l.RecordedAt))
            .ToListAsync(ct);
        var measures = await db.Measures.AsNoTracking().Where(m => m.CaseId == id).OrderBy(m => m.StartOn).ThenBy(m => m.Id)
            .Select(m => new MeasureRow(m.Id, m.Version, m.Type, m.Content, m.ResponsibleUnit, m.ResponsiblePerson, m.StartOn, m.EndOn,
                m.Amount, m.Status, m.Effect))
            .ToListAsync(ct);
        var types = measures.Select(m => m.Type).ToList();
        var hasLabour = h.HasLabourCapacityOn(today);
        var overdue = c.Overdue(today);

        return new Result(c.Id, c.Version, h.Id, h.Number, h.Members.FirstOrDefault(m => m.Relation == Relation.Head)?.Name, h.VillageCode,
            villageName, h.Type, h.SizeOn(today), c.Episode, c.Origin, c.IsReEntry, c.Stage, c.Stage.Owner(), c.Category, c.RiskTypes,
            c.FastTrack, c.AcceptsMeasures, c.OpenedOn, c.ConsentOn, c.VerifiedOn, c.IdentificationDueOn, c.IdentificationLate(today),
            c.IdentifiedOn, c.StageEnteredOn, c.StageDueOn, overdue is { } o ? Deadlines.DaysLate(o.Due, today) : 0,
            c.NoticeStartedOn, c.NoticeEndsOn, c.PausedSince is not null,
            c.EliminationProposedOn, c.EliminatedOn, c.EliminationMethod, c.ClosingReason, c.EliminationSnapshot,
            leads,
            [.. c.Steps.OrderBy(s => s.RecordedAt).ThenBy(s => s.Id).Select(s => new StepRow(s.Kind, s.On, s.RecordedAt, s.ActorName, s.ActorRole,
                s.From, s.To, s.Note, s.Attendees, s.VotesFor, s.VotesAgainst))],
            [.. c.Objections.OrderBy(o => o.RaisedOn).ThenBy(o => o.Id).Select(o => new ObjectionRow(o.Id, o.RaisedOn, o.RaisedBy, o.Content,
                o.AnsweredOn, o.Response, o.Upheld))],
            measures,
            c.IsIdentified || c.FastTrack ? PlanChecks.RisksWithoutMeasure(c.RiskTypes, types) : [],
            PlanChecks.CheckDevelopment(hasLabour, c.IdentifiedOn, types, today));
    }
}
