using Fanghu.Data;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <summary>
/// What became of a department's warnings (§1: departments see outcomes in aggregate): per rule and overall, how many
/// warnings there were, how many became leads, and where the cases of those leads stand — still at verification,
/// in identification, dismissed (不予纳入), identified (纳入监测 or later) and of those eliminated. Counts only: no
/// household is named. A warning is counted by its own lead's case, so two warnings of one household count twice.
/// </summary>
public sealed class WarningOutcomes(FanghuDbContext db)
{
    public sealed record Row(string RuleKey, int Warnings, int Leads, int AtVerification, int InIdentification, int Dismissed,
        int Identified, int Eliminated);

    public sealed record Result(IReadOnlyList<Row> Rules, Row Total);

    public async Task<Result> HandleAsync(RunViewer viewer, CancellationToken ct)
    {
        var runs = viewer.Visible(db.ScreeningRuns);
        var groups = await (
                from w in db.ScreeningWarnings
                where runs.Any(r => r.Id == w.RunId)
                join l in db.Leads on w.LeadId equals l.Id into leads
                from l in leads.DefaultIfEmpty()
                join c in db.MonitoringCases on l.CaseId equals c.Id into cases
                from c in cases.DefaultIfEmpty()
                group w by new { w.RuleKey, HasLead = w.LeadId != null, Stage = (CaseStage?)c.Stage } into g
                select new { g.Key.RuleKey, g.Key.HasLead, g.Key.Stage, Count = g.Count() })
            .ToListAsync(ct);

        static Row Fold(string key, IEnumerable<(bool HasLead, CaseStage? Stage, int Count)> parts)
        {
            int warnings = 0, leads = 0, verification = 0, identification = 0, dismissed = 0, identified = 0, eliminated = 0;
            foreach (var (hasLead, stage, count) in parts)
            {
                warnings += count;
                if (!hasLead) continue;
                leads += count;
                switch (stage)
                {
                    case CaseStage.Verification: verification += count; break;
                    case CaseStage.VillageReview or CaseStage.PublicNotice or CaseStage.TownshipReview or CaseStage.CountyApproval:
                        identification += count; break;
                    case CaseStage.Dismissed: dismissed += count; break;
                    case CaseStage.Eliminated: identified += count; eliminated += count; break;
                    case not null: identified += count; break;
                }
            }
            return new Row(key, warnings, leads, verification, identification, dismissed, identified, eliminated);
        }

        var rules = groups.GroupBy(g => g.RuleKey).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Fold(g.Key, g.Select(x => (x.HasLead, x.Stage, x.Count)))).ToList();
        return new Result(rules, Fold("", groups.Select(x => (x.HasLead, x.Stage, x.Count))));
    }
}
