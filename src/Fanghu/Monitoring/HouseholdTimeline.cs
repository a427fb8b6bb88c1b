using Fanghu.Assistance;
using Fanghu.Data;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>
/// A household's whole history in the workflow — leads, steps, decisions, measures, eliminations, re-entries —
/// with who and when, oldest first. Migrated records show their identification and elimination dates.
/// </summary>
public sealed class HouseholdTimeline(FanghuDbContext db)
{
    /// <param name="On">The business date.</param>
    /// <param name="RecordedAt">When it was recorded in Fanghu (null for migrated records).</param>
    public sealed record Entry(DateOnly On, DateTimeOffset? RecordedAt, int Episode, long CaseId, string What, string? Who, string? Detail);

    /// <summary>The timeline, or null when the household does not exist or lies outside the user's divisions.</summary>
    public async Task<IReadOnlyList<Entry>?> FindAsync(long householdId, CancellationToken ct) =>
        await db.Households.AnyAsync(h => h.Id == householdId, ct) ? await HandleAsync(householdId, ct) : null;

    public async Task<IReadOnlyList<Entry>> HandleAsync(long householdId, CancellationToken ct)
    {
        var cases = await db.MonitoringCases.AsNoTracking().Where(c => c.HouseholdId == householdId)
            .Select(c => new { c.Id, c.Episode, c.Origin, c.IdentifiedOn, c.EliminatedOn, c.EliminationMethod, c.Category, c.RiskTypeCodes })
            .ToListAsync(ct);
        var episodes = cases.ToDictionary(c => c.Id, c => c.Episode);
        var entries = new List<Entry>();
        foreach (var c in cases.Where(c => c.Origin == CaseOrigin.Imported))
        {
            var risks = string.Join("、", c.RiskTypeCodes.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(RiskTypes.NameOf));
            if (c.IdentifiedOn is { } on)
                entries.Add(new(on, null, c.Episode, c.Id, "识别纳入（从国家系统导入）", null,
                    $"{(c.Category is { } cat ? MonitoringWords.Category.Word(cat) : "")}；{risks}"));
            if (c.EliminatedOn is { } off)
                entries.Add(new(off, null, c.Episode, c.Id, "风险消除（从国家系统导入）", null,
                    c.EliminationMethod is { } m ? MonitoringWords.Elimination.Word(m) : null));
        }
        var ids = episodes.Keys.ToList();
        var steps = await db.CaseSteps.AsNoTracking().Where(s => ids.Contains(s.CaseId)).ToListAsync(ct);
        entries.AddRange(steps.Where(s => s.Kind is not (StepKind.LeadOpened or StepKind.LeadAttached)).Select(s => new Entry(s.On, s.RecordedAt, episodes[s.CaseId], s.CaseId, StageWords.Name(s.Kind), s.ActorName,
            s.Kind == StepKind.VillageReviewed ? $"参会 {s.Attendees} 人，赞成 {s.VotesFor}，反对 {s.VotesAgainst}。{s.Note}" : s.Note)));
        var leads = await db.Leads.AsNoTracking().Where(l => l.HouseholdId == householdId).ToListAsync(ct);
        entries.AddRange(leads.Select(l => new Entry(l.ReportedOn, l.RecordedAt, episodes.GetValueOrDefault(l.CaseId), l.CaseId,
            "线索：" + MonitoringWords.Channel.Word(l.Channel), l.Reporter ?? l.RecordedByName, l.Summary)));
        var measures = await db.Measures.AsNoTracking().Where(m => m.HouseholdId == householdId).ToListAsync(ct);
        entries.AddRange(measures.Select(m => new Entry(m.StartOn, m.CreatedAt, episodes.GetValueOrDefault(m.CaseId), m.CaseId,
            $"帮扶措施：{MeasureWords.Type.Word(m.Type)}（{MeasureWords.Status.Word(m.Status)}）", m.ResponsiblePerson, m.Content)));
        return [.. entries.OrderBy(e => e.On).ThenBy(e => e.RecordedAt ?? DateTimeOffset.MinValue)];
    }
}
