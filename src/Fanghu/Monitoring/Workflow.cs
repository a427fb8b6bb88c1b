using Fanghu.Accounts;

namespace Fanghu.Monitoring;

/// <summary>
/// Where a monitoring case stands (DESIGN §5). Identification runs 入户核实 → 民主评议 → 公示 → 乡镇审核 →
/// 县级审定; risk elimination runs the same village → notice → township → county path.
/// </summary>
public enum CaseStage
{
    /// <summary>入户核实: a lead waiting for the village's home verification.</summary>
    Verification = 1,
    /// <summary>民主评议: proposed by the village, waiting for its village review.</summary>
    VillageReview = 2,
    /// <summary>公示: under public notice in the village.</summary>
    PublicNotice = 3,
    /// <summary>乡镇审核.</summary>
    TownshipReview = 4,
    /// <summary>县级审定.</summary>
    CountyApproval = 5,
    /// <summary>Identified (已纳入监测): under assistance, not eliminated.</summary>
    Monitored = 6,
    /// <summary>Not taken in (不予纳入): dismissed at verification, at review or on an upheld objection.</summary>
    Dismissed = 7,
    /// <summary>风险消除 · 民主评议.</summary>
    EliminationVillageReview = 8,
    /// <summary>风险消除 · 公示.</summary>
    EliminationNotice = 9,
    /// <summary>风险消除 · 乡镇审核.</summary>
    EliminationTownshipReview = 10,
    /// <summary>风险消除 · 县级审定.</summary>
    EliminationCountyApproval = 11,
    /// <summary>风险已消除: still under monitoring; a new risk opens a new episode.</summary>
    Eliminated = 12,
}

/// <summary>The four channels a lead (线索) comes from (§5.1).</summary>
public enum LeadChannel
{
    /// <summary>农户自主申报.</summary>
    SelfDeclaration = 1,
    /// <summary>干部走访排查.</summary>
    CadreVisit = 2,
    /// <summary>部门筛查预警.</summary>
    DepartmentWarning = 3,
    /// <summary>收入监测.</summary>
    IncomeMonitoring = 4,
}

/// <summary>What happened at one step of a case (its timeline entry).</summary>
public enum StepKind
{
    LeadOpened = 1,
    LeadAttached = 2,
    Verified = 3,
    Dismissed = 4,
    VillageReviewed = 5,
    ObjectionRaised = 6,
    ObjectionAnswered = 7,
    NoticeClosed = 8,
    TownshipApproved = 9,
    CountyApproved = 10,
    Returned = 11,
    EliminationProposed = 12,
    Eliminated = 14,
    ReEntered = 16,
}

/// <summary>The level whose account acts on a stage — and whose board shows it when it is late.</summary>
public enum ResponsibleLevel { Village = 1, Township = 2, County = 3 }

/// <summary>Who acts: the signed-in account, as the workflow records it.</summary>
public sealed record Actor(string UserId, string Name, Role Role)
{
    /// <summary>The command line and imports act as the system.</summary>
    public static readonly Actor System = new("system", "系统", Role.Admin);
}

/// <summary>
/// A step the workflow refuses (wrong stage, wrong role, a precondition not met). Expected by people, so it
/// carries a message for them; the API answers 409 with it.
/// </summary>
public sealed class WorkflowRuleException(string message) : Exception(message);

public static class Stages
{
    public static bool IsIdentification(this CaseStage s) => s is >= CaseStage.Verification and <= CaseStage.CountyApproval;
    public static bool IsElimination(this CaseStage s) => s is >= CaseStage.EliminationVillageReview and <= CaseStage.EliminationCountyApproval;

    /// <summary>Closed cases: a new lead on the household opens a new case instead of attaching.</summary>
    public static bool IsClosed(this CaseStage s) => s is CaseStage.Dismissed or CaseStage.Eliminated;

    /// <summary>The level that acts on a stage; null when nothing is waiting.</summary>
    public static ResponsibleLevel? Owner(this CaseStage s) => s switch
    {
        CaseStage.Verification or CaseStage.VillageReview or CaseStage.PublicNotice
            or CaseStage.EliminationVillageReview or CaseStage.EliminationNotice => ResponsibleLevel.Village,
        CaseStage.TownshipReview or CaseStage.EliminationTownshipReview => ResponsibleLevel.Township,
        CaseStage.CountyApproval or CaseStage.EliminationCountyApproval => ResponsibleLevel.County,
        _ => null,
    };

    public static Role RoleOf(ResponsibleLevel level) => level switch
    {
        ResponsibleLevel.Village => Role.Village,
        ResponsibleLevel.Township => Role.Township,
        _ => Role.County,
    };
}
