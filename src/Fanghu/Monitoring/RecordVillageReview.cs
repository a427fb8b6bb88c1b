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
