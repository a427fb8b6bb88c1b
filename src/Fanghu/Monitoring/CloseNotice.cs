namespace Fanghu.Monitoring;

/// <summary>Ends a public notice that has run its days with no open objection.</summary>
public sealed class CloseNotice(CaseWork work)
{
    public sealed record Request(long CaseId, int? Version, DateOnly ClosedOn);

    public Task HandleAsync(Actor actor, Request r, CancellationToken ct) =>
        work.ActAsync(r.CaseId, r.Version, (c, policy) => c.CloseNotice(actor, r.ClosedOn, policy, work.Today, work.Now), ct);
}
