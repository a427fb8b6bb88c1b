using Fanghu.Assistance;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fanghu.Web.Monitoring;

// The JSON bodies of the workflow API. Every field is nullable so that a field left out is reported as missing
// (400) instead of arriving as 0001-01-01 or 0. Every write to a case carries the `version` the caller read (ADR 0018):
// a missing one is a 400, an old one a 409. What a value means — a date in the future, a blank reason, the
// wrong stage — is the domain's to refuse (409 with its reason).

/// <summary>Collects what is missing or not a known value in a request body, field by field, for a 400.</summary>
public sealed class BodyErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>The field must be present; an enum must be one of its names (a bare number outside them is refused).</summary>
    public BodyErrors Required(string field, object? value) =>
        value is null ? Add(field, "必须填写") : Known(field, value);

    /// <summary>An optional field: when present, an enum must be one of its names.</summary>
    public BodyErrors Known(string field, object? value) =>
        value is Enum e && !Enum.IsDefined(e.GetType(), e) ? Add(field, "不是允许的取值") : this;

    public BodyErrors NoEmptyItems(string field, IReadOnlyList<string?>? items) =>
        items is not null && items.Any(i => i is null) ? Add(field, "列表中有空项") : this;

    public BodyErrors Guarantees(IReadOnlyList<GuaranteeBody?>? guarantees)
    {
        for (var i = 0; i < (guarantees?.Count ?? 0); i++)
        {
            if (guarantees![i] is not { } g) Add($"guarantees[{i}]", "列表中有空项");
            else Required($"guarantees[{i}].aspect", g.Aspect).Required($"guarantees[{i}].secure", g.Secure);
        }
        return this;
    }

    public BodyErrors Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var known) ? [.. known, message] : [message];
        return this;
    }

    /// <summary>The 400 to answer with, or null when the body is complete.</summary>
    public ValidationProblem? Problem => _errors.Count == 0
        ? null
        : TypedResults.ValidationProblem(_errors, detail: "请求内容缺少必填项或取值不对", title: "请求内容有误");

    internal static IReadOnlyList<string> Codes(IReadOnlyList<string?>? items) => [.. (items ?? []).Select(i => i!.Trim())];

    internal static IReadOnlyList<RecordLead.GuaranteeSeen>? Seen(IReadOnlyList<GuaranteeBody?>? guarantees) =>
        guarantees?.Select(g => new RecordLead.GuaranteeSeen(g!.Aspect!.Value, g.Secure!.Value, g.Evidence)).ToList();
}

/// <summary>One aspect of the “two no-worries, three guarantees + water” seen on a visit.</summary>
public sealed record GuaranteeBody(GuaranteeAspect? Aspect, bool? Secure, string? Evidence);

/// <summary>
/// A lead (线索). Name the household by <c>householdId</c>, or a member by <c>idNumber</c> (department warnings,
/// which do not see households). <c>sourceKey</c> makes a machine-made lead idempotent.
/// </summary>
public sealed record LeadBody(
    long? HouseholdId,
    string? IdNumber,
    LeadChannel? Channel,
    DateOnly? ReportedOn,
    string? Summary,
    IReadOnlyList<string?>? RiskTypes,
    string? Reporter,
    decimal? EstimatedIncome12Months,
    IReadOnlyList<GuaranteeBody?>? Guarantees,
    string? SourceKey)
{
    public BodyErrors Check()
    {
        var errors = new BodyErrors().Required("channel", Channel).Required("reportedOn", ReportedOn).Required("summary", Summary)
            .NoEmptyItems("riskTypes", RiskTypes).Guarantees(Guarantees);
        if ((HouseholdId is null) == string.IsNullOrWhiteSpace(IdNumber))
            errors.Add("householdId", "householdId 与 idNumber 须填写且只填写其一");
        else if (IdNumber is not null && global::Fanghu.Registry.IdNumber.Parse(IdNumber) is { Ok: false } bad)
            errors.Add("idNumber", bad.Error ?? "证件号码有误");
        return errors;
    }

    public RecordLead.Request ToRequest() => new(HouseholdId ?? 0, Channel!.Value, ReportedOn!.Value, Summary, BodyErrors.Codes(RiskTypes),
        Reporter, EstimatedIncome12Months, BodyErrors.Seen(Guarantees), SourceKey);
}

/// <summary>入户核实: propose (consent date, category, risk types) or dismiss (reason).</summary>
public sealed record VerificationBody(
    int? Version,
    DateOnly? VisitedOn,
    bool? Propose,
    DateOnly? ConsentOn,
    MonitoringCategory? Category,
    IReadOnlyList<string?>? RiskTypes,
    bool? FastTrack,
    string? DismissReason,
    string? Note,
    decimal? Income12Months,
    decimal? RigidSpending12Months,
    IReadOnlyList<GuaranteeBody?>? Guarantees)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("visitedOn", VisitedOn).Required("propose", Propose).Known("category", Category)
        .NoEmptyItems("riskTypes", RiskTypes).Guarantees(Guarantees);

    public VerifyLead.Request ToRequest(long caseId) => new(caseId, Version, VisitedOn!.Value, Propose!.Value, ConsentOn, Category,
        BodyErrors.Codes(RiskTypes), FastTrack ?? false, DismissReason, Note, Income12Months, RigidSpending12Months, BodyErrors.Seen(Guarantees));
}

/// <summary>民主评议. When it passes, the public notice starts on <c>noticeStartsOn</c> (the review's day when left out).</summary>
public sealed record VillageReviewBody(int? Version, DateOnly? HeldOn, int? Attendees, int? VotesFor, int? VotesAgainst, string? Minutes,
    DateOnly? NoticeStartsOn)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("heldOn", HeldOn).Required("attendees", Attendees).Required("votesFor", VotesFor)
        .Required("votesAgainst", VotesAgainst).Required("minutes", Minutes);

    public RecordVillageReview.Request ToRequest(long caseId) => new(caseId, Version, HeldOn!.Value, Attendees!.Value, VotesFor!.Value,
        VotesAgainst!.Value, Minutes, NoticeStartsOn ?? HeldOn.Value);
}

/// <summary>公示异议 raised during the notice.</summary>
public sealed record ObjectionBody(int? Version, DateOnly? RaisedOn, string? RaisedBy, string? Content)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("raisedOn", RaisedOn).Required("content", Content);

    public HandleObjection.Raise ToRequest(long caseId) => new(caseId, Version, RaisedOn!.Value, RaisedBy, Content);
}

/// <summary>The village's answer to an objection; upheld ends the proposal.</summary>
public sealed record ObjectionAnswerBody(int? Version, DateOnly? AnsweredOn, string? Response, bool? Upheld)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("answeredOn", AnsweredOn).Required("response", Response).Required("upheld", Upheld);

    public HandleObjection.Answer ToRequest(long caseId, long objectionId) =>
        new(caseId, Version, objectionId, AnsweredOn!.Value, Response, Upheld!.Value);
}

/// <summary>Ends a public notice that has run its days.</summary>
public sealed record CloseNoticeBody(int? Version, DateOnly? ClosedOn)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("closedOn", ClosedOn);

    public CloseNotice.Request ToRequest(long caseId) => new(caseId, Version, ClosedOn!.Value);
}

/// <summary>乡镇审核 / 县级审定: <c>approve</c> (with an opinion) or <c>return</c> (with the reason).</summary>
public sealed record DecisionBody(int? Version, DecideCase.Decision? Decision, DateOnly? On, string? Text)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("decision", Decision).Required("on", On);

    public DecideCase.Request ToRequest(long caseId) => new(caseId, Version, Decision!.Value, On!.Value, Text);
}

/// <summary>收入评估: the household's net income over the last <c>months</c> months.</summary>
public sealed record IncomeAssessmentBody(DateOnly? AssessedOn, int? Months, decimal? NetIncome, string? Note)
{
    public BodyErrors Check() => new BodyErrors().Required("assessedOn", AssessedOn).Required("months", Months).Required("netIncome", NetIncome);

    public Elimination.Assessment ToRequest(long caseId) => new(caseId, AssessedOn!.Value, Months!.Value, NetIncome!.Value, Note);
}

/// <summary>风险消除 proposal; refused unless every criterion of the check is met.</summary>
public sealed record EliminationBody(int? Version, DateOnly? On, EliminationMethod? Method)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("on", On).Required("method", Method);

    public Elimination.Propose ToRequest(long caseId) => new(caseId, Version, On!.Value, Method!.Value);
}

/// <summary>A measure of the household's plan. <c>version</c> is the case's version when adding, the measure's on update.</summary>
public sealed record MeasureBody(
    int? Version,
    MeasureType? Type,
    string? Content,
    string? ResponsibleUnit,
    string? ResponsiblePerson,
    DateOnly? StartOn,
    DateOnly? EndOn,
    decimal? Amount,
    MeasureStatus? Status,
    string? Effect)
{
    public BodyErrors Check() => new BodyErrors().Required("version", Version).Required("type", Type).Required("content", Content)
        .Required("responsibleUnit", ResponsibleUnit).Required("responsiblePerson", ResponsiblePerson)
        .Required("startOn", StartOn).Required("status", Status);

    public SaveMeasure.Request ToRequest(long caseId, long? measureId) => new(caseId, measureId, Version,
        new MeasureDetails(Type!.Value, Content, ResponsibleUnit, ResponsiblePerson, StartOn!.Value, EndOn, Amount, Status!.Value, Effect));
}

/// <summary>A saved measure and the case it belongs to (with the measure's new version among its measures).</summary>
public sealed record MeasureSaved(long MeasureId, GetCase.Result Case);
