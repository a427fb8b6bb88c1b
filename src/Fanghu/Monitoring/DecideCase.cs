namespace Fanghu.Monitoring;

/// <summary>
/// The township's review and the county's approval (of an identification or an elimination), or a return to
/// the level below with a reason. Which one applies follows from the case's stage and the actor's role.
/// </summary>
public sealed class DecideCase(CaseWork work)
{
    public enum Decision { Approve = 1, Return = 2 }

    public sealed record Request(long CaseId, int? Version, Decision Decision, DateOnly On, string? Text);

    public Task HandleAsync(Actor actor, Request r, CancellationToken ct) =>
        work.ActAsync(r.CaseId, r.Version, (c, policy) => Apply(c, actor, r.Decision, r.On, r.Text, policy, work.Today, work.Now), ct);

    internal static void Apply(MonitoringCase c, Actor actor, Decision decision, DateOnly on, string? text, Policy.PolicyParameters policy,
        DateOnly today, DateTimeOffset now)
    {
        // Anything but the two decisions (a number an API caller made up) must not fall through to an approval.
        switch (decision)
        {
            case Decision.Return:
                c.Return(actor, on, text, policy, today, now);
                break;
            case Decision.Approve when c.Stage is CaseStage.TownshipReview or CaseStage.EliminationTownshipReview:
                c.ApproveAtTownship(actor, on, text, policy, today, now);
                break;
            case Decision.Approve:
                c.ApproveAtCounty(actor, on, text, today, now);
                break;
            default:
                throw new WorkflowRuleException("请选择审核结果：通过或退回");
        }
    }
}
