using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;

namespace Fanghu.Applications;

/// <summary>The six areas a resident can ask for help in (事项类别).</summary>
public enum ApplicationArea
{
    /// <summary>生活.</summary>
    Living = 1,
    /// <summary>就业.</summary>
    Employment = 2,
    /// <summary>教育.</summary>
    Education = 3,
    /// <summary>医疗.</summary>
    Medical = 4,
    /// <summary>住房.</summary>
    Housing = 5,
    /// <summary>饮水.</summary>
    Water = 6,
}

public enum ApplicationStatus
{
    /// <summary>待分办: filed, nobody has taken it yet.</summary>
    Received = 1,
    /// <summary>已分办: a lead department (and the division that handles it) is named.</summary>
    Assigned = 2,
    /// <summary>办理中: the department has taken it up (or the resident reopened it).</summary>
    Handling = 3,
    /// <summary>已办结: answered and closed; the resident may confirm or reopen it.</summary>
    Closed = 4,
    /// <summary>已确认: the resident accepted the answer.</summary>
    Confirmed = 5,
}

public enum ApplicationSource
{
    /// <summary>The public page.</summary>
    Public = 1,
    /// <summary>Migrated from the provincial platform (fanghu import applications).</summary>
    Imported = 2,
}

public enum ApplicationStepKind
{
    Filed = 1,
    Assigned = 2,
    Handling = 3,
    Replied = 4,
    Closed = 5,
    Confirmed = 6,
    Reopened = 7,
    BecameLead = 8,
}

/// <summary>
/// A resident's application for help (救助申请, DESIGN §7): one of six areas, what is wrong, and who asks — for
/// themselves or on behalf of someone else (他人代举). It is followed with a tracking code; staff assign it to a lead
/// department, handle it, reply and close it within the policy's days, and the resident confirms the answer or
/// reopens it. Every step is timed.
/// </summary>
public sealed class AssistanceApplication
{
    public const int ContentMax = 1000;
    public const int ReplyMax = 2000;

    private readonly List<ApplicationStep> _steps = [];

    private AssistanceApplication() { TrackingCode = ApplicantName = IdNumber = Phone = Content = CountyCode = PrefectureCode = ""; }

    private AssistanceApplication(string trackingCode, ApplicationSource source, ApplicationArea area, string content, string applicantName,
        IdNumber id, string phone, DivisionCode division, bool onBehalf, string? requesterName, DateOnly filedOn, DateOnly dueOn)
    {
        if (!Enum.IsDefined(area)) throw new WorkflowRuleException("请选择事项类别");
        TrackingCode = trackingCode;
        Source = source;
        Area = area;
        Content = content;
        ApplicantName = applicantName;
        IdNumber = id.Value;
        Phone = phone;
        VillageCode = division.Level == DivisionLevel.Village ? division.Value : null;
        TownshipCode = division.Level >= DivisionLevel.Township ? division.AtLevel(DivisionLevel.Township) : null;
        CountyCode = division.AtLevel(DivisionLevel.County);
        PrefectureCode = division.AtLevel(DivisionLevel.Prefecture);
        OnBehalf = onBehalf;
        RequesterName = onBehalf ? requesterName : null;
        FiledOn = filedOn;
        DueOn = dueOn;
        Status = ApplicationStatus.Received;
    }

    /// <summary>Filed on the public page by a resident (or someone on their behalf), in a village.</summary>
    public static AssistanceApplication File(string trackingCode, ApplicationArea area, string content, string applicantName, IdNumber id,
        string phone, DivisionCode village, bool onBehalf, string? requesterName, DateTimeOffset now, DateOnly today, int escalationDays)
    {
        if (village.Level != DivisionLevel.Village) throw new WorkflowRuleException("请选择所在的村（社区）");
        var a = new AssistanceApplication(trackingCode, ApplicationSource.Public, area, content, applicantName, id, phone, village, onBehalf,
            requesterName, today, today.AddDays(escalationDays))
        { FiledAt = now };
        a.Record(ApplicationStepKind.Filed, now, onBehalf ? $"{requesterName}（代举）" : applicantName, null, null);
        return a;
    }

    /// <summary>
    /// A record of the provincial platform: its number, filing date and, when it was concluded, the date and the
    /// result. The steps carry those dates, so reports over past periods count it as the platform did.
    /// </summary>
    public static AssistanceApplication Migrate(string trackingCode, string externalNumber, ApplicationArea area, string content,
        string applicantName, IdNumber id, string phone, DivisionCode division, DateOnly filedOn, DateOnly? closedOn, string? result,
        DateTimeOffset now, int escalationDays)
    {
        if (closedOn < filedOn) throw new WorkflowRuleException("办结日期不能早于申请日期");
        var a = new AssistanceApplication(trackingCode, ApplicationSource.Imported, area, content, applicantName, id, phone, division,
            false, null, filedOn, filedOn.AddDays(escalationDays))
        { ExternalNumber = externalNumber, FiledAt = now };
        a.Record(ApplicationStepKind.Filed, filedOn, now, "省级平台迁移", null, null);
        if (closedOn is { } closed)
        {
            a.Status = ApplicationStatus.Closed;
            a.ClosedOn = closed;
            a.Reply = string.IsNullOrWhiteSpace(result) ? null : result.Trim();
            a.Record(ApplicationStepKind.Closed, closed, now, "省级平台迁移", null, a.Reply);
        }
        return a;
    }

    /// <summary>
    /// A migrated record that was open when it was imported and that the platform has concluded since (a later export
    /// of the same 受理编号): closed with the platform's date and result. Only while nobody has taken it up or answered
    /// it here — what was done in Fanghu is not rewritten by a file.
    /// </summary>
    public void ConcludeOnPlatform(DateOnly closedOn, string? result, DateTimeOffset now)
    {
        if (Source != ApplicationSource.Imported) throw new WorkflowRuleException("只有从省级平台迁移的申请可以按平台的办结情况办结");
        if (Status != ApplicationStatus.Received || Reply is not null) throw new WorkflowRuleException("该申请已在本系统中办理，请在本系统中办结");
        if (closedOn < FiledOn) throw new WorkflowRuleException("办结日期不能早于申请日期");
        Status = ApplicationStatus.Closed;
        ClosedOn = closedOn;
        Reply = string.IsNullOrWhiteSpace(result) ? null : result.Trim();
        Record(ApplicationStepKind.Closed, closedOn, now, "省级平台迁移", null, Reply);
    }

    public long Id { get; private set; }

    /// <summary>What the resident follows the application with (查询码).</summary>
    public string TrackingCode { get; private set; }

    /// <summary>受理编号 of the provincial platform, for a migrated record.</summary>
    public string? ExternalNumber { get; private set; }
    public ApplicationSource Source { get; private set; }
    public ApplicationArea Area { get; private set; }
    public string Content { get; private set; }

    /// <summary>The person in difficulty (申请人).</summary>
    public string ApplicantName { get; private set; }
    public string IdNumber { get; private set; }
    public string Phone { get; private set; }

    /// <summary>他人代举: filed by someone else on the applicant's behalf.</summary>
    public bool OnBehalf { get; private set; }
    public string? RequesterName { get; private set; }

    public string? VillageCode { get; private set; }
    public string? TownshipCode { get; private set; }
    public string CountyCode { get; private set; }
    public string PrefectureCode { get; private set; }

    public DateOnly FiledOn { get; private set; }

    /// <summary>The moment it was recorded (for the per-phone limit of the public page).</summary>
    public DateTimeOffset FiledAt { get; private set; }

    /// <summary>Filed on plus the policy's escalation days (10 by default): unresolved after it, the application is 督办.</summary>
    public DateOnly DueOn { get; private set; }
    public ApplicationStatus Status { get; private set; }

    /// <summary>牵头部门 and 协办部门 (“民政;医保”).</summary>
    public string? LeadDepartment { get; private set; }
    public string? CoDepartments { get; private set; }

    /// <summary>The division (a township or village) that handles it on the ground.</summary>
    public string? HandlingDivisionCode { get; private set; }

    /// <summary>The answer the resident sees.</summary>
    public string? Reply { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public int Reopened { get; private set; }

    /// <summary>The monitoring lead it became (§5), whose case's progress the application shows.</summary>
    public long? LeadId { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ApplicationStep> Steps => _steps;

    public bool IsOpen => Status is not (ApplicationStatus.Closed or ApplicationStatus.Confirmed);

    /// <summary>督办: still open after its due day.</summary>
    public bool IsEscalated(DateOnly today) => IsOpen && today > DueOn;

    public IReadOnlyList<string> CoDepartmentList => CoDepartments is null ? [] : CoDepartments.Split(';');

    /// <summary>分办: the lead department, the departments that help, and the division that handles it.</summary>
    public void Assign(Actor actor, ApplicationArea area, string leadDepartment, IReadOnlyList<string> coDepartments, string? handlingDivision,
        DateTimeOffset now)
    {
        if (!IsOpen) throw new WorkflowRuleException("该申请已办结，如需继续办理请由申请人重新提起");
        if (!Enum.IsDefined(area)) throw new WorkflowRuleException("请选择事项类别");
        var lead = Household.Clean(leadDepartment) ?? throw new WorkflowRuleException("请选择牵头部门");
        var co = coDepartments.Select(d => d.Trim()).Where(d => d.Length > 0 && d != lead).Distinct().ToList();
        if (lead.Length > 50 || co.Any(d => d.Length > 50) || co.Count > 10) throw new WorkflowRuleException("部门名称过长或协办部门过多");
        Area = area;
        LeadDepartment = lead;
        CoDepartments = co.Count == 0 ? null : string.Join(';', co);
        HandlingDivisionCode = Household.Clean(handlingDivision);
        if (Status == ApplicationStatus.Received) Status = ApplicationStatus.Assigned;
        Record(ApplicationStepKind.Assigned, now, actor.Name, actor.Role,
            $"牵头：{lead}{(co.Count > 0 ? $"；协办：{string.Join("、", co)}" : "")}");
    }

    /// <summary>受理办理: the lead department takes it up.</summary>
    public void StartHandling(Actor actor, string? note, DateTimeOffset now)
    {
        if (Status != ApplicationStatus.Assigned) throw new WorkflowRuleException("只有已分办的申请可以开始办理");
        Status = ApplicationStatus.Handling;
        Record(ApplicationStepKind.Handling, now, actor.Name, actor.Role, Text(note, 500, "办理说明"));
    }

    /// <summary>An answer on the way (进展答复), which the resident sees; the application stays open.</summary>
    public void ReplyInterim(Actor actor, string reply, DateTimeOffset now)
    {
        if (!IsOpen) throw new WorkflowRuleException("该申请已办结");
        Reply = Text(reply, ReplyMax, "答复内容") ?? throw new WorkflowRuleException("请填写答复内容");
        Record(ApplicationStepKind.Replied, now, actor.Name, actor.Role, Reply);
    }

    /// <summary>办结: the final answer.</summary>
    public void Close(Actor actor, string reply, DateOnly today, DateTimeOffset now)
    {
        if (Status is not (ApplicationStatus.Assigned or ApplicationStatus.Handling))
            throw new WorkflowRuleException(Status == ApplicationStatus.Received ? "请先分办，再办结" : "该申请已办结");
        Reply = Text(reply, ReplyMax, "办结答复") ?? throw new WorkflowRuleException("请填写办结答复");
        Status = ApplicationStatus.Closed;
        ClosedOn = today;
        Record(ApplicationStepKind.Closed, now, actor.Name, actor.Role, Reply);
    }

    /// <summary>The resident accepts the answer (满意确认).</summary>
    public void Confirm(DateTimeOffset now)
    {
        if (Status != ApplicationStatus.Closed) throw new WorkflowRuleException("申请办结后才能确认");
        Status = ApplicationStatus.Confirmed;
        Record(ApplicationStepKind.Confirmed, now, "申请人", null, null);
    }

    /// <summary>The resident is not satisfied: the application goes back to the department, its deadline unchanged.</summary>
    public void Reopen(string reason, DateTimeOffset now)
    {
        if (Status != ApplicationStatus.Closed) throw new WorkflowRuleException("只有已办结、尚未确认的申请可以重新办理");
        var why = Text(reason, 500, "不满意的原因") ?? throw new WorkflowRuleException("请说明不满意的原因");
        Status = ApplicationStatus.Handling;
        ClosedOn = null;
        Reopened++;
        Record(ApplicationStepKind.Reopened, now, "申请人", null, why);
    }

    /// <summary>一键转为监测线索: the lead recorded on the applicant's household.</summary>
    public void BecameLead(Actor actor, long leadId, DateTimeOffset now)
    {
        if (LeadId is not null) throw new WorkflowRuleException("该申请已转为监测线索");
        LeadId = leadId;
        Record(ApplicationStepKind.BecameLead, now, actor.Name, actor.Role, null);
    }

    private static string? Text(string? text, int max, string field)
    {
        var t = Household.Clean(text);
        if (t?.Length > max) throw new WorkflowRuleException($"{field}不能超过 {max} 字");
        return t;
    }

    private void Record(ApplicationStepKind kind, DateTimeOffset now, string actorName, Accounts.Role? role, string? note) =>
        Record(kind, DateOnly.FromDateTime(ChinaTime.ToChinaTime(now)), now, actorName, role, note);

    private void Record(ApplicationStepKind kind, DateOnly on, DateTimeOffset now, string actorName, Accounts.Role? role, string? note)
    {
        _steps.Add(new ApplicationStep(this, kind, on, now, actorName, role, note));
        Version++;
    }
}

/// <summary>One timed step of an application: who did what, when (the business date and the moment recorded).</summary>
public sealed class ApplicationStep
{
    private ApplicationStep() { Application = null!; ActorName = ""; }

    internal ApplicationStep(AssistanceApplication application, ApplicationStepKind kind, DateOnly on, DateTimeOffset at, string actorName,
        Accounts.Role? role, string? note)
    {
        Application = application;
        Kind = kind;
        On = on;
        At = at;
        ActorName = actorName;
        ActorRole = role;
        Note = note;
    }

    public long Id { get; private set; }
    public long ApplicationId { get; private set; }
    public AssistanceApplication Application { get; private set; }
    public ApplicationStepKind Kind { get; private set; }
    public DateOnly On { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorName { get; private set; }
    public Accounts.Role? ActorRole { get; private set; }
    public string? Note { get; private set; }
}
