namespace Fanghu.Monitoring;

/// <summary>民主评议 and the start of the public notice (identification or elimination path).</summary>
public sealed class RecordVillageReview(CaseWork work)
{
    public sealed record Request(long CaseId, int? Version, DateOnly HeldOn, int Attendees, int VotesFor, int VotesAgainst, string? Minutes,
        DateOnly NoticeStartsOn);

    public Task HandleAsync(Actor actor, Request r, CancellationToken ct) =>
        work.ActAsync(r.CaseId, r.Version, (c, policy) => c.RecordVillageReview(actor,
            new VillageReview(r.HeldOn, r.Attendees, r.VotesFor, r.VotesAgainst, r.Minutes, r.NoticeStartsOn), policy, work.Today, work.Now), ct);
}

/// <summary>Objections to a public notice: raising one pauses the case, answering it resumes or ends it.</summary>
public sealed class HandleObjection(CaseWork work)
{
    public sealed record Raise(long CaseId, int? Version, DateOnly RaisedOn, string? RaisedBy, string? Content);

    public sealed record Answer(long CaseId, int? Version, long ObjectionId, DateOnly AnsweredOn, string? Response, bool Upheld);

    public Task RaiseAsync(Actor actor, Raise r, CancellationToken ct) =>
        work.ActAsync(r.CaseId, r.Version, (c, policy) => c.RaiseObjection(actor, r.RaisedOn, r.RaisedBy, r.Content, policy, work.Today, work.Now), ct);

    public Task AnswerAsync(Actor actor, Answer r, CancellationToken ct) =>
        work.ActAsync(r.CaseId, r.Version, (c, policy) =>
            c.AnswerObjection(actor, r.ObjectionId, r.AnsweredOn, r.Response, r.Upheld, policy, work.Today, work.Now), ct);
}

/// <summary>Ends a public notice that has run its days with no open objection.</summary>
public sealed class CloseNotice(CaseWork work)
{
    public sealed record Request(long CaseId, int? Version, DateOnly ClosedOn);

    public Task HandleAsync(Actor actor, Request r, CancellationToken ct) =>
        work.ActAsync(r.CaseId, r.Version, (c, policy) => c.CloseNotice(actor, r.ClosedOn, policy, work.Today, work.Now), ct);
}

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
