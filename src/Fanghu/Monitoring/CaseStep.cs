namespace Fanghu.Monitoring;

/// <summary>
/// One entry of a case's timeline: what happened, on which business date, recorded when and by whom, why.
/// Steps are only ever added.
/// </summary>
public sealed class CaseStep
{
    private CaseStep() { Case = null!; ActorId = ActorName = ""; }

    internal CaseStep(MonitoringCase @case, StepKind kind, DateOnly on, DateTimeOffset recordedAt, Actor actor,
        CaseStage from, CaseStage to, string? note, VillageReview? review)
    {
        Case = @case;
        Kind = kind;
        On = on;
        RecordedAt = recordedAt;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        From = from;
        To = to;
        Note = note;
        if (review is not null)
        {
            Attendees = review.Attendees;
            VotesFor = review.VotesFor;
            VotesAgainst = review.VotesAgainst;
        }
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public MonitoringCase Case { get; private set; }
    public StepKind Kind { get; private set; }

    /// <summary>The business date (the review was held, the notice closed…), which may precede the recording.</summary>
    public DateOnly On { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string ActorId { get; private set; }
    public string ActorName { get; private set; }
    public Accounts.Role ActorRole { get; private set; }
    public CaseStage From { get; private set; }
    public CaseStage To { get; internal set; }

    /// <summary>Why: reason, opinion, minutes, the lead's summary.</summary>
    public string? Note { get; private set; }
    public int? Attendees { get; private set; }
    public int? VotesFor { get; private set; }
    public int? VotesAgainst { get; private set; }
}

/// <summary>公示异议: an objection raised during a public notice, and the village's answer.</summary>
public sealed class Objection
{
    private Objection() { Case = null!; Content = ""; }

    internal Objection(MonitoringCase @case, DateOnly raisedOn, string? raisedBy, string content)
    {
        Case = @case;
        RaisedOn = raisedOn;
        RaisedBy = string.IsNullOrWhiteSpace(raisedBy) ? null : raisedBy.Trim();
        Content = content;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public MonitoringCase Case { get; private set; }
    public DateOnly RaisedOn { get; private set; }
    public string? RaisedBy { get; private set; }
    public string Content { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }
    public string? Response { get; private set; }
    public bool? Upheld { get; private set; }
    public bool IsOpen => AnsweredOn is null;

    internal void Answer(DateOnly on, string response, bool upheld)
    {
        AnsweredOn = on;
        Response = response;
        Upheld = upheld;
    }
}
