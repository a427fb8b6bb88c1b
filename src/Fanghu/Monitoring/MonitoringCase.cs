using Fanghu.Policy;
using Fanghu.Registry;

namespace Fanghu.Monitoring;

/// <summary>
/// One episode of a household in the monitoring workflow (监测帮扶案件): opened by a lead, verified, identified
/// through village review (民主评议), public notice (公示), township review and county approval, then assisted
/// until its risk is eliminated (风险消除) through the same path. A new risk after elimination opens a new
/// episode (风险再标注), so an episode's history is never overwritten. A case changes stage only through its
/// methods, which refuse what the workflow does not allow.
/// </summary>
public sealed class MonitoringCase
{
    private readonly List<CaseStep> _steps = [];
    private readonly List<Objection> _objections = [];

    private MonitoringCase() { Household = null!; RiskTypeCodes = ""; }

    /// <summary>A monitoring object migrated from the national system: identified (and perhaps eliminated) already.</summary>
    public MonitoringCase(Household household, int episode, MonitoringCategory category, IReadOnlyCollection<string> riskTypes,
        DateOnly identifiedOn, CaseOrigin origin, DateOnly? eliminatedOn = null, EliminationMethod? method = null)
    {
        Household = household;
        Episode = episode;
        Origin = origin;
        RiskTypeCodes = "";
        OpenedOn = identifiedOn;
        Set(category, riskTypes, identifiedOn, eliminatedOn, method);
    }

    private MonitoringCase(Household household, int episode, DateOnly leadOn, PolicyParameters policy)
    {
        Household = household;
        Episode = episode;
        Origin = CaseOrigin.Workflow;
        RiskTypeCodes = "";
        OpenedOn = leadOn;
        Stage = CaseStage.Verification;
        StageEnteredOn = leadOn;
        StageDueOn = Deadlines.Add(leadOn, policy.VerificationDays, policy.IdentificationInWorkingDays);
        IdentificationDueOn = Deadlines.Add(leadOn, policy.IdentificationDays, policy.IdentificationInWorkingDays);
    }

    /// <summary>
    /// Opens a case for a household's first lead, or after its previous case was closed (a re-entry when that
    /// case had been eliminated).
    /// </summary>
    public static MonitoringCase Open(Household household, MonitoringCase? previous, DateOnly leadOn, PolicyParameters policy)
    {
        if (previous is not null && !previous.Stage.IsClosed())
            throw new WorkflowRuleException("该户已有未办结的监测案件，新线索应并入该案件");
        // A household's episodes follow one another: a new one cannot start before the last one ended.
        if (previous is not null && leadOn < previous.StageEnteredOn)
            throw new WorkflowRuleException($"线索日期不能早于该户上一监测案件的办结日期 {previous.StageEnteredOn:yyyy年M月d日}");
        return new MonitoringCase(household, (previous?.Episode ?? 0) + 1, leadOn, policy)
        {
            IsReEntry = previous?.Stage == CaseStage.Eliminated,
        };
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }

    /// <summary>1 for the household's first case, 2 for the next one (after a dismissal or a re-marking 风险再标注), and so on.</summary>
    public int Episode { get; private set; }
    public CaseOrigin Origin { get; private set; }
    public CaseStage Stage { get; private set; }

    /// <summary>风险再标注: opened on a household whose previous case had its risk eliminated.</summary>
    public bool IsReEntry { get; private set; }

    /// <summary>Date of the first lead (or the identification date of a migrated record).</summary>
    public DateOnly OpenedOn { get; private set; }

    /// <summary>监测对象类别, set when the village proposes the household.</summary>
    public MonitoringCategory? Category { get; private set; }

    /// <summary>Risk type codes separated by ';' (at most five).</summary>
    public string RiskTypeCodes { get; private set; }

    /// <summary>先帮扶后认定: disaster or accident risks may get measures before approval.</summary>
    public bool FastTrack { get; private set; }

    /// <summary>承诺授权: the household's written consent to the checks of its data.</summary>
    public DateOnly? ConsentOn { get; private set; }
    public DateOnly? VerifiedOn { get; private set; }

    /// <summary>Lead to county approval must end by this date (policy limit plus days paused by objections).</summary>
    public DateOnly? IdentificationDueOn { get; private set; }

    /// <summary>识别日期: the county's approval (or the national system's date for migrated records).</summary>
    public DateOnly? IdentifiedOn { get; private set; }

    public DateOnly StageEnteredOn { get; private set; }

    /// <summary>The date the current stage must be done by; null when nothing is waiting.</summary>
    public DateOnly? StageDueOn { get; private set; }

    public DateOnly? NoticeStartedOn { get; private set; }
    public int NoticeDays { get; private set; }

    /// <summary>Set while an objection to the notice is unanswered; the notice and the time limit stand still.</summary>
    public DateOnly? PausedSince { get; private set; }
    public int PausedDays { get; private set; }

    public DateOnly? EliminationProposedOn { get; private set; }
    public DateOnly? EliminatedOn { get; private set; }
    public EliminationMethod? EliminationMethod { get; private set; }

    /// <summary>The elimination check (income, guarantees, measures…) as it stood when proposed, as JSON.</summary>
    public string? EliminationSnapshot { get; private set; }

    /// <summary>Why the case was dismissed (不予纳入).</summary>
    public string? ClosingReason { get; private set; }

    /// <summary>Optimistic concurrency token: two officers acting on the same step at once — one wins.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<CaseStep> Steps => _steps;
    public IReadOnlyList<Objection> Objections => _objections;

    public IReadOnlyList<string> RiskTypes => RiskTypeCodes.Length == 0 ? [] : RiskTypeCodes.Split(';');
    public bool IsEliminated => EliminatedOn is not null;
    public bool IsIdentified => IdentifiedOn is not null;

    /// <summary>Measures may be recorded once identified, or before approval on the fast track.</summary>
    public bool AcceptsMeasures => Stage is CaseStage.Monitored || Stage.IsElimination()
        || (FastTrack && Stage is >= CaseStage.VillageReview and <= CaseStage.CountyApproval);

    /// <summary>Sets the fields a migrated record carries; returns whether anything changed.</summary>
    public bool Set(MonitoringCategory category, IReadOnlyCollection<string> riskTypes, DateOnly identifiedOn,
        DateOnly? eliminatedOn, EliminationMethod? method)
    {
        CheckRiskTypes(riskTypes);
        if (eliminatedOn is not null && eliminatedOn < identifiedOn)
            throw new ArgumentException("风险消除日期不能早于识别日期", nameof(eliminatedOn));
        if (eliminatedOn is not null && method is null)
            throw new ArgumentException("已消除风险须填写消除方式", nameof(method));
        var codes = string.Join(';', riskTypes);
        var changed = category != Category || codes != RiskTypeCodes || identifiedOn != IdentifiedOn
            || eliminatedOn != EliminatedOn || (eliminatedOn is null ? null : method) != EliminationMethod;
        Category = category;
        RiskTypeCodes = codes;
        IdentifiedOn = identifiedOn;
        EliminatedOn = eliminatedOn;
        EliminationMethod = eliminatedOn is null ? null : method;
        var stage = eliminatedOn is null ? CaseStage.Monitored : CaseStage.Eliminated;
        if (stage != Stage)
        {
            Stage = stage;
            StageEnteredOn = eliminatedOn ?? identifiedOn;
            StageDueOn = null;
        }
        if (changed) Version++;
        return changed;
    }

    /// <summary>Records a lead on this case: the one that opened it, or a later one attached to it.</summary>
    public void Attach(Lead lead, Actor actor, DateTimeOffset now)
    {
        if (Stage.IsClosed()) throw new WorkflowRuleException("该案件已办结，新线索应开启新的监测案件");
        var kind = Id == 0 && _steps.Count == 0 ? (IsReEntry ? StepKind.ReEntered : StepKind.LeadOpened) : StepKind.LeadAttached;
        Record(kind, lead.ReportedOn, now, actor, Stage, lead.Summary);
    }

    /// <summary>入户核实: the village's verification ends in a proposal or a dismissal.</summary>
    public void Verify(Actor actor, Verification v, PolicyParameters policy, DateOnly today, DateTimeOffset now)
    {
        Expect(CaseStage.Verification, actor);
        CheckDate(v.VisitedOn, today, "核实日期");
        if (!v.Propose)
        {
            Dismiss(actor, v.VisitedOn, now, Required(v.DismissReason, "不予纳入须填写理由", 500, "不予纳入理由"));
            return;
        }
        if (v.ConsentOn is not { } consent) throw new WorkflowRuleException("拟纳入须先取得农户承诺授权（填写授权日期）");
        if (consent > today) throw new WorkflowRuleException("承诺授权日期不能晚于今天");
        if (v.Category is not { } category) throw new WorkflowRuleException("请选择监测对象类别");
        if (!CategoryRule.Allowed(policy.Categories).Contains(category))
            throw new WorkflowRuleException($"当前政策下监测对象类别应为：{string.Join("、", CategoryRule.Allowed(policy.Categories).Select(c => MonitoringWords.Category.Word(c)))}");
        CheckRiskTypes(v.RiskTypes);
        var note = Optional(v.Note, 1000, "核实情况说明");
        if (v.FastTrack && !Monitoring.RiskTypes.AllowFastTrack(v.RiskTypes))
            throw new WorkflowRuleException("先帮扶后认定仅适用于因自然灾害、因意外事故风险");
        ConsentOn = consent;
        VerifiedOn = v.VisitedOn;
        Category = category;
        RiskTypeCodes = string.Join(';', v.RiskTypes);
        FastTrack = v.FastTrack;
        MoveTo(CaseStage.VillageReview, v.VisitedOn, policy.DaysFor(CaseStage.VillageReview), policy);
        Record(StepKind.Verified, v.VisitedOn, now, actor, CaseStage.Verification, note);
    }

    /// <summary>
    /// 民主评议 and the start of the public notice. A review that does not pass dismisses the proposal (or, on the
    /// elimination path, keeps the household under assistance).
    /// </summary>
    public void RecordVillageReview(Actor actor, VillageReview r, PolicyParameters policy, DateOnly today, DateTimeOffset now)
    {
        var from = Stage;
        Expect(Stage == CaseStage.EliminationVillageReview ? CaseStage.EliminationVillageReview : CaseStage.VillageReview, actor);
        CheckDate(r.HeldOn, today, "评议日期");
        if (r.Attendees <= 0) throw new WorkflowRuleException("参会人数应大于 0");
        if (r.VotesFor < 0 || r.VotesAgainst < 0 || r.VotesFor + r.VotesAgainst > r.Attendees)
            throw new WorkflowRuleException("赞成与反对票数之和不能超过参会人数");
        var minutes = Required(r.Minutes, "请填写评议记录", 2000, "评议记录");
        if (r.VotesFor <= r.VotesAgainst)
        {
            var step = Record(StepKind.VillageReviewed, r.HeldOn, now, actor, from, minutes, r);
            if (from == CaseStage.VillageReview)
            {
                step.To = CaseStage.Dismissed;
                Close(CaseStage.Dismissed, r.HeldOn, "民主评议未通过");
            }
            else
            {
                step.To = CaseStage.Monitored;
                BackToMonitored(r.HeldOn);
            }
            return;
        }
        if (r.NoticeStartsOn < r.HeldOn) throw new WorkflowRuleException("公示开始日期不能早于评议日期");
        if (r.NoticeStartsOn > today) throw new WorkflowRuleException("公示开始日期不能晚于今天");
        NoticeStartedOn = r.NoticeStartsOn;
        NoticeDays = policy.PublicNoticeDays;
        PausedSince = null;
        PausedDays = 0;
        var notice = from == CaseStage.VillageReview ? CaseStage.PublicNotice : CaseStage.EliminationNotice;
        Stage = notice;
        StageEnteredOn = r.NoticeStartsOn;
        StageDueOn = NoticeDueOn(policy);
        Record(StepKind.VillageReviewed, r.HeldOn, now, actor, from, minutes, r);
        Version++;
    }

    /// <summary>An objection to the notice (公示异议): the case stands still until the village answers it.</summary>
    public Objection RaiseObjection(Actor actor, DateOnly raisedOn, string? raisedBy, string? content, PolicyParameters policy,
        DateOnly today, DateTimeOffset now)
    {
        ExpectNotice(actor);
        if (raisedOn < NoticeStartedOn) throw new WorkflowRuleException("异议日期不能早于公示开始日期");
        if (raisedOn > today) throw new WorkflowRuleException("异议日期不能晚于今天");
        var objection = new Objection(this, raisedOn, Optional(raisedBy, 100, "异议人"), Required(content, "请填写异议内容", 2000, "异议内容"));
        _objections.Add(objection);
        if (PausedSince is not { } since || raisedOn < since) PausedSince = raisedOn;
        StageDueOn = ObjectionsDueOn(policy);
        Record(StepKind.ObjectionRaised, raisedOn, now, actor, Stage, objection.Content);
        Version++;
        return objection;
    }

    /// <summary>
    /// Answers an objection. Upheld, it ends the proposal (dismissed, or back under assistance on the elimination
    /// path); otherwise the notice resumes once no objection is open, longer by the days it stood still.
    /// </summary>
    public void AnswerObjection(Actor actor, long objectionId, DateOnly answeredOn, string? answer, bool upheld,
        PolicyParameters policy, DateOnly today, DateTimeOffset now)
    {
        ExpectNotice(actor);
        var objection = _objections.FirstOrDefault(o => o.Id == objectionId && o.IsOpen)
            ?? throw new WorkflowRuleException("没有找到待答复的异议");
        if (answeredOn < objection.RaisedOn) throw new WorkflowRuleException("答复日期不能早于异议日期");
        if (answeredOn > today) throw new WorkflowRuleException("答复日期不能晚于今天");
        objection.Answer(answeredOn, Required(answer, "请填写答复内容", 2000, "答复内容"), upheld);
        var from = Stage;
        var step = Record(StepKind.ObjectionAnswered, answeredOn, now, actor, from, (upheld ? "异议成立：" : "异议不成立：") + objection.Response);
        if (upheld)
        {
            foreach (var other in _objections.Where(o => o.IsOpen)) other.Answer(answeredOn, "随前一异议成立一并办结", upheld: true);
            if (from == CaseStage.PublicNotice)
            {
                step.To = CaseStage.Dismissed;
                Close(CaseStage.Dismissed, answeredOn, "公示异议成立");
            }
            else
            {
                step.To = CaseStage.Monitored;
                BackToMonitored(answeredOn);
            }
            return;
        }
        if (_objections.Any(o => o.IsOpen))
            StageDueOn = ObjectionsDueOn(policy);
        else if (PausedSince is not null)
        {
            // Counted from the objections themselves, not from this answer's date: answers may come in any order and
            // objections may overlap, and a day the notice stood still counts once.
            var paused = DaysStoodStill();
            if (IdentificationDueOn is { } due && from == CaseStage.PublicNotice) IdentificationDueOn = due.AddDays(paused - PausedDays);
            PausedDays = paused;
            PausedSince = null;
            StageDueOn = NoticeDueOn(policy);
        }
        Version++;
    }

    /// <summary>The earliest day the notice may close: its days in full, plus the days objections paused it.</summary>
    public DateOnly? NoticeEndsOn => NoticeStartedOn?.AddDays(NoticeDays + PausedDays);

    /// <summary>Closes the notice once it has run its days without an open objection; the township reviews next.</summary>
    public void CloseNotice(Actor actor, DateOnly closedOn, PolicyParameters policy, DateOnly today, DateTimeOffset now)
    {
        ExpectNotice(actor);
        if (_objections.Any(o => o.IsOpen)) throw new WorkflowRuleException("公示期间有未答复的异议，答复后才能结束公示");
        if (closedOn < NoticeEndsOn) throw new WorkflowRuleException($"公示须满 {NoticeDays} 天，{NoticeEndsOn:yyyy年M月d日} 起才能结束");
        if (closedOn > today) throw new WorkflowRuleException("结束日期不能晚于今天");
        var from = Stage;
        var next = from == CaseStage.PublicNotice ? CaseStage.TownshipReview : CaseStage.EliminationTownshipReview;
        MoveTo(next, closedOn, policy.DaysFor(next), policy);
        Record(StepKind.NoticeClosed, closedOn, now, actor, from, null);
    }

    /// <summary>乡镇审核 passes the case to the county.</summary>
    public void ApproveAtTownship(Actor actor, DateOnly on, string? opinion, PolicyParameters policy, DateOnly today, DateTimeOffset now)
    {
        var from = Stage;
        Expect(from == CaseStage.EliminationTownshipReview ? from : CaseStage.TownshipReview, actor);
        CheckDate(on, today, "审核日期");
        var next = from == CaseStage.TownshipReview ? CaseStage.CountyApproval : CaseStage.EliminationCountyApproval;
        MoveTo(next, on, policy.DaysFor(next), policy);
        Record(StepKind.TownshipApproved, on, now, actor, from, Optional(opinion, 1000, "审核意见"));
    }

    /// <summary>县级审定: the household becomes a monitoring object, or its risk is eliminated.</summary>
    public void ApproveAtCounty(Actor actor, DateOnly on, string? opinion, DateOnly today, DateTimeOffset now)
    {
        var from = Stage;
        Expect(from == CaseStage.EliminationCountyApproval ? from : CaseStage.CountyApproval, actor);
        CheckDate(on, today, "审定日期");
        opinion = Optional(opinion, 1000, "审定意见");
        if (from == CaseStage.CountyApproval)
        {
            IdentifiedOn = on;
            Stage = CaseStage.Monitored;
        }
        else
        {
            EliminatedOn = on;
            Stage = CaseStage.Eliminated;
        }
        StageEnteredOn = on;
        StageDueOn = null;
        Record(from == CaseStage.CountyApproval ? StepKind.CountyApproved : StepKind.Eliminated, on, now, actor, from, opinion);
        Version++;
    }

    /// <summary>
    /// 退回: the township returns a case to the village (review and notice again), the county to the township.
    /// </summary>
    public void Return(Actor actor, DateOnly on, string? reason, PolicyParameters policy, DateOnly today, DateTimeOffset now)
    {
        var from = Stage;
        var to = from switch
        {
            CaseStage.TownshipReview => CaseStage.VillageReview,
            CaseStage.CountyApproval => CaseStage.TownshipReview,
            CaseStage.EliminationTownshipReview => CaseStage.EliminationVillageReview,
            CaseStage.EliminationCountyApproval => CaseStage.EliminationTownshipReview,
            _ => throw new WorkflowRuleException($"“{StageWords.Name(from)}”环节不能退回"),
        };
        Expect(from, actor);
        CheckDate(on, today, "退回日期");
        var why = Required(reason, "退回须填写理由", 1000, "退回理由");
        if (to is CaseStage.VillageReview or CaseStage.EliminationVillageReview)
        {
            NoticeStartedOn = null;
            PausedDays = 0;
        }
        MoveTo(to, on, policy.DaysFor(to), policy);
        Record(StepKind.Returned, on, now, actor, from, why);
    }

    /// <summary>
    /// Proposes eliminating the risk (风险消除) after the check of every precondition passed; the same village →
    /// notice → township → county path follows.
    /// </summary>
    public void ProposeElimination(Actor actor, DateOnly on, EliminationMethod method, EliminationCheck check, string snapshot,
        PolicyParameters policy, DateOnly today, DateTimeOffset now)
    {
        // Monitored is not a stage anyone owns (nothing is waiting), so Expect() cannot guard it: the village proposes.
        if (Stage != CaseStage.Monitored)
            throw new WorkflowRuleException($"案件当前处于“{StageWords.Name(Stage)}”环节，只有监测帮扶中的案件可以申请风险消除");
        if (actor.Role != Accounts.Role.Village) throw new WorkflowRuleException("风险消除由村级账号申请");
        CheckDate(on, today, "申请日期");
        if (!check.AllMet)
            throw new WorkflowRuleException("不满足风险消除条件：" + string.Join("；", check.Criteria.Where(c => !c.Met).Select(c => c.Name)));
        if (check.Method != method) throw new WorkflowRuleException("核查结果与所选消除方式不一致，请重新核查");
        if (check.CheckedOn != on) throw new WorkflowRuleException("核查日期与申请日期不一致，请按申请日期重新核查");
        EliminationMethod = method;
        EliminationProposedOn = on;
        EliminationSnapshot = snapshot;
        MoveTo(CaseStage.EliminationVillageReview, on, policy.DaysFor(CaseStage.EliminationVillageReview), policy);
        Record(StepKind.EliminationProposed, on, now, actor, CaseStage.Monitored, MonitoringWords.Elimination.Word(method));
    }

    /// <summary>The level whose work is late on <paramref name="today"/>, with the due date; null when nothing is late.</summary>
    public (ResponsibleLevel Level, DateOnly Due)? Overdue(DateOnly today) =>
        Stage.Owner() is { } level && StageDueOn is { } due && today > due ? (level, due) : null;

    /// <summary>Whether identification has run past its overall limit (lead → county approval).</summary>
    public bool IdentificationLate(DateOnly today) =>
        IdentificationDueOn is { } due && (IdentifiedOn is { } on ? on > due : Stage.IsIdentification() && today > due);

    private void Dismiss(Actor actor, DateOnly on, DateTimeOffset now, string reason)
    {
        var step = Record(StepKind.Dismissed, on, now, actor, Stage, reason);
        step.To = CaseStage.Dismissed;
        Close(CaseStage.Dismissed, on, reason);
    }

    private void Close(CaseStage stage, DateOnly on, string reason)
    {
        Stage = stage;
        StageEnteredOn = on;
        StageDueOn = null;
        ClosingReason = reason;
        PausedSince = null;
        Version++;
    }

    private void BackToMonitored(DateOnly on)
    {
        Stage = CaseStage.Monitored;
        StageEnteredOn = on;
        StageDueOn = null;
        EliminationProposedOn = null;
        EliminationMethod = null;
        EliminationSnapshot = null;
        NoticeStartedOn = null;
        PausedSince = null;
        PausedDays = 0;
        Version++;
    }

    private void MoveTo(CaseStage stage, DateOnly on, int days, PolicyParameters policy)
    {
        Stage = stage;
        StageEnteredOn = on;
        StageDueOn = Deadlines.Add(on, days, policy.IdentificationInWorkingDays);
        Version++;
    }

    /// <summary>The earliest answer limit of the objections still open.</summary>
    private DateOnly ObjectionsDueOn(PolicyParameters policy) =>
        _objections.Where(o => o.IsOpen).Min(o => Deadlines.Add(o.RaisedOn, policy.ObjectionAnswerDays, policy.IdentificationInWorkingDays));

    /// <summary>Days of the current notice on which at least one of its objections was open (raised, not yet answered).</summary>
    private int DaysStoodStill()
    {
        var days = 0;
        DateOnly? reached = null;
        foreach (var o in _objections.Where(o => o.RaisedOn >= NoticeStartedOn && o.AnsweredOn is not null).OrderBy(o => o.RaisedOn))
        {
            var start = reached is { } r && r > o.RaisedOn ? r : o.RaisedOn;
            var end = o.AnsweredOn!.Value;
            if (end > start) days += end.DayNumber - start.DayNumber;
            if (reached is null || end > reached) reached = end;
        }
        return days;
    }

    private DateOnly NoticeDueOn(PolicyParameters policy) =>
        Deadlines.Add(NoticeEndsOn!.Value, 1, policy.IdentificationInWorkingDays);

    private void Expect(CaseStage stage, Actor actor)
    {
        if (Stage != stage)
            throw new WorkflowRuleException($"案件当前处于“{StageWords.Name(Stage)}”环节，不能办理“{StageWords.Name(stage)}”");
        var level = stage.Owner() ?? throw new WorkflowRuleException("该环节没有待办事项");
        if (actor.Role != Stages.RoleOf(level))
            throw new WorkflowRuleException($"“{StageWords.Name(stage)}”由{StageWords.LevelName(level)}账号办理");
    }

    private void ExpectNotice(Actor actor) =>
        Expect(Stage == CaseStage.EliminationNotice ? CaseStage.EliminationNotice : CaseStage.PublicNotice, actor);

    private void CheckDate(DateOnly on, DateOnly today, string what)
    {
        if (on > today) throw new WorkflowRuleException($"{what}不能晚于今天");
        if (on < StageEnteredOn) throw new WorkflowRuleException($"{what}不能早于本环节开始日期 {StageEnteredOn:yyyy年M月d日}");
    }

    private static void CheckRiskTypes(IReadOnlyCollection<string> riskTypes)
    {
        if (riskTypes.Count is 0 or > Monitoring.RiskTypes.MaxPerCase)
            throw new WorkflowRuleException($"风险类型应为 1 至 {Monitoring.RiskTypes.MaxPerCase} 项");
        if (riskTypes.Distinct().Count() != riskTypes.Count) throw new WorkflowRuleException("风险类型不能重复");
        foreach (var code in riskTypes)
            if (!Monitoring.RiskTypes.IsCode(code)) throw new WorkflowRuleException($"“{code}”不是风险类型代码，应为：{Monitoring.RiskTypes.Allowed}");
    }

    /// <summary>A text the step needs, trimmed; longer than its column holds is refused here rather than failing the save.</summary>
    private static string Required(string? text, string message, int max, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new WorkflowRuleException(message) : Optional(text, max, what)!;

    private static string? Optional(string? text, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        return trimmed.Length <= max ? trimmed : throw new WorkflowRuleException($"{what}不能超过 {max} 字");
    }

    private CaseStep Record(StepKind kind, DateOnly on, DateTimeOffset now, Actor actor, CaseStage from, string? note, VillageReview? review = null)
    {
        var step = new CaseStep(this, kind, on, now, actor, from, Stage, note, review);
        _steps.Add(step);
        return step;
    }
}

/// <summary>The verification form (入户核实) as far as the case needs it.</summary>
public sealed record Verification(
    DateOnly VisitedOn,
    bool Propose,
    DateOnly? ConsentOn,
    MonitoringCategory? Category,
    IReadOnlyCollection<string> RiskTypes,
    bool FastTrack,
    string? DismissReason,
    string? Note);

/// <summary>民主评议: date, attendees, votes and minutes; the notice starts on the given date when it passes.</summary>
public sealed record VillageReview(DateOnly HeldOn, int Attendees, int VotesFor, int VotesAgainst, string? Minutes, DateOnly NoticeStartsOn);

public enum CaseOrigin
{
    /// <summary>Migrated from the national system (existing monitoring objects template).</summary>
    Imported = 1,
    /// <summary>Identified through Fanghu's own workflow.</summary>
    Workflow = 2,
}
