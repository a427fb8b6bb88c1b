namespace Fanghu.Monitoring;

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
