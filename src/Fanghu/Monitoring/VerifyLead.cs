using Fanghu.Registry;

namespace Fanghu.Monitoring;

/// <summary>
/// 入户核实: the village records the home visit — consent, income of the last 12 months, the guarantees, the
/// risks — and proposes the household (category and risk types) or dismisses the lead with a reason.
/// </summary>
public sealed class VerifyLead(CaseWork work)
{
    public sealed record Request(
        long CaseId,
        int? Version,
        DateOnly VisitedOn,
        bool Propose,
        DateOnly? ConsentOn,
        MonitoringCategory? Category,
        IReadOnlyList<string> RiskTypes,
        bool FastTrack,
        string? DismissReason,
        string? Note,
        decimal? Income12Months,
        decimal? RigidSpending12Months,
        IReadOnlyList<RecordLead.GuaranteeSeen>? Guarantees);

    public async Task HandleAsync(Actor actor, Request r, CancellationToken ct)
    {
        if (r.Income12Months is < -100_000_000m or > 100_000_000m || r.RigidSpending12Months is < 0 or > 100_000_000m)
            throw new WorkflowRuleException("收入或支出金额超出范围");
        RecordLead.CheckGuarantees(r.Guarantees);
        await work.ActAsync(r.CaseId, r.Version, (c, policy) =>
        {
            c.Verify(actor, new Verification(r.VisitedOn, r.Propose, r.ConsentOn, r.Category, r.RiskTypes, r.FastTrack, r.DismissReason, r.Note),
                policy, work.Today, work.Now);
            var household = c.Household;
            foreach (var g in r.Guarantees ?? [])
                household.RecordGuarantee(g.Aspect, g.Secure, r.VisitedOn, string.IsNullOrWhiteSpace(g.Evidence) ? "入户核实" : g.Evidence);
            if (r.Income12Months is { } income)
                work.Db.IncomeAssessments.Add(new IncomeAssessment(household, r.VisitedOn, 12, income,
                    Math.Max(1, household.SizeOn(r.VisitedOn)), actor.Name,
                    r.RigidSpending12Months is { } rigid ? $"入户核实；合规自付刚性支出 {rigid:0.##} 元" : "入户核实"));
        }, ct);
    }

    /// <summary>
    /// The category the rule of §5.3 suggests for this case from the figures on the form (or, without them, the
    /// latest estimate), for the officer to confirm.
    /// </summary>
    public async Task<(MonitoringCategory? Category, string Reason)> SuggestAsync(long caseId, decimal? income12Months,
        decimal? rigidSpending12Months, bool sharpIncomeLoss, IReadOnlyCollection<string> riskTypes, CancellationToken ct)
    {
        var c = await work.LoadAsync(caseId, null, ct);
        var household = c.Household;
        var policy = await work.PolicyAsync(household.VillageCode, work.Today, ct);
        var size = Math.Max(1, household.SizeOn(work.Today));
        if (income12Months is null) return (null, "请先填写近 12 个月家庭纯收入");
        var perCapita = income12Months.Value / size;
        var afterRigid = (income12Months.Value - (rigidSpending12Months ?? 0)) / size;
        return CategoryRule.Suggest(policy.Categories, household.Type, perCapita, afterRigid, sharpIncomeLoss, policy.IncomeLine, riskTypes.Count > 0);
    }
}
