using System.Text.Encodings.Web;
using System.Text.Json;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>
/// Risk elimination (风险消除): the check of every precondition with its data, the village's income assessment
/// that feeds it, and the proposal, which is refused unless every criterion is met.
/// </summary>
public sealed class Elimination(CaseWork work)
{
    private static readonly JsonSerializerOptions SnapshotJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<EliminationCheck> CheckAsync(long caseId, EliminationMethod method, CancellationToken ct)
    {
        var c = await work.LoadAsync(caseId, null, ct);
        return await CheckAsync(c, method, work.Today, ct);
    }

    public sealed record Propose(long CaseId, int? Version, DateOnly On, EliminationMethod Method);

    public async Task<EliminationCheck> ProposeAsync(Actor actor, Propose r, CancellationToken ct)
    {
        var c = await work.LoadAsync(r.CaseId, r.Version, ct);
        if (r.On > work.Today) throw new WorkflowRuleException("申请日期不能晚于今天");
        // A proposal dated back is judged on what was known that day, not on later assessments.
        var check = await CheckAsync(c, r.Method, r.On, ct);
        var policy = await work.PolicyAsync(c.Household.VillageCode, work.Today, ct);
        c.ProposeElimination(actor, r.On, r.Method, check, JsonSerializer.Serialize(check, SnapshotJson), policy, work.Today, work.Now);
        await work.SaveAsync(ct);
        return check;
    }

    public sealed record Assessment(long CaseId, DateOnly AssessedOn, int Months, decimal NetIncome, string? Note);

    /// <summary>收入评估: the household's net income over the last months, as the village assessed it.</summary>
    public async Task AssessIncomeAsync(Actor actor, Assessment r, CancellationToken ct)
    {
        if (actor.Role is not (Accounts.Role.Village or Accounts.Role.Township)) throw new WorkflowRuleException("收入评估由村或乡镇账号录入");
        if (r.AssessedOn > work.Today) throw new WorkflowRuleException("评估日期不能晚于今天");
        var c = await work.LoadAsync(r.CaseId, null, ct);
        if (c.Stage.IsClosed()) throw new WorkflowRuleException("案件已办结");
        work.Db.IncomeAssessments.Add(new IncomeAssessment(c.Household, r.AssessedOn, r.Months, r.NetIncome,
            Math.Max(1, c.Household.SizeOn(r.AssessedOn)), actor.Name, r.Note));
        await work.SaveAsync(ct);
    }

    private async Task<EliminationCheck> CheckAsync(MonitoringCase c, EliminationMethod method, DateOnly today, CancellationToken ct)
    {
        var household = c.Household;
        var policy = await work.PolicyAsync(household.VillageCode, today, ct);
        var implemented = await work.Db.Measures.CountAsync(m => m.CaseId == c.Id && m.StartOn <= today
            && (m.Status == Assistance.MeasureStatus.InProgress || m.Status == Assistance.MeasureStatus.Completed), ct);
        var latest = await work.Db.IncomeAssessments.AsNoTracking().Where(a => a.HouseholdId == household.Id && a.AssessedOn <= today)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var checks = await work.Db.GuaranteeChecks.AsNoTracking().Where(g => g.HouseholdId == household.Id && g.CheckedOn <= today).ToListAsync(ct);
        var guarantees = Enum.GetValues<GuaranteeAspect>().ToDictionary(a => a, a => checks.Where(g => g.Aspect == a)
            .OrderByDescending(g => g.CheckedOn).ThenByDescending(g => g.Id).FirstOrDefault());
        var members = household.Members.Where(m => m.IsMemberOn(today)).ToList();
        var withLabour = members.Count(m => m.CanWork);
        return EliminationCheck.Evaluate(new EliminationCheck.Inputs(c.IdentifiedOn, method, policy, implemented, latest, guarantees,
            withLabour, members.Count, household.Flags.HasFlag(HouseholdFlags.NoLabourCapacity)), today);
    }
}
