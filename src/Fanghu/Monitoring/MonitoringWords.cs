using Fanghu.Registry;

namespace Fanghu.Monitoring;

public static class MonitoringWords
{
    public static readonly Vocabulary<MonitoringCategory> Category = new("监测对象类别", new Dictionary<MonitoringCategory, string>
    {
        [MonitoringCategory.UnstableFormerlyPoor] = "脱贫不稳定户",
        [MonitoringCategory.MarginalAtRisk] = "边缘易致贫户",
        [MonitoringCategory.SuddenHardship] = "突发严重困难户",
        [MonitoringCategory.Unified] = "防止返贫致贫对象",
    }, new Dictionary<string, MonitoringCategory> { ["防止返贫监测对象"] = MonitoringCategory.Unified });

    public static readonly Vocabulary<EliminationMethod> Elimination = new("风险消除方式", new Dictionary<EliminationMethod, string>
    {
        [Monitoring.EliminationMethod.ThroughAssistance] = "帮扶消除",
        [Monitoring.EliminationMethod.Natural] = "自然消除",
    });

    public static readonly Vocabulary<LeadChannel> Channel = new("线索来源", new Dictionary<LeadChannel, string>
    {
        [LeadChannel.SelfDeclaration] = "农户自主申报",
        [LeadChannel.CadreVisit] = "干部走访排查",
        [LeadChannel.DepartmentWarning] = "部门筛查预警",
        [LeadChannel.IncomeMonitoring] = "收入监测",
    });
}

/// <summary>The Chinese names of stages, steps and levels, as people see them in messages and on the timeline.</summary>
public static class StageWords
{
    public static string Name(CaseStage s) => s switch
    {
        CaseStage.Verification => "入户核实",
        CaseStage.VillageReview => "民主评议",
        CaseStage.PublicNotice => "公示",
        CaseStage.TownshipReview => "乡镇审核",
        CaseStage.CountyApproval => "县级审定",
        CaseStage.Monitored => "监测帮扶中",
        CaseStage.Dismissed => "不予纳入",
        CaseStage.EliminationVillageReview => "风险消除·民主评议",
        CaseStage.EliminationNotice => "风险消除·公示",
        CaseStage.EliminationTownshipReview => "风险消除·乡镇审核",
        CaseStage.EliminationCountyApproval => "风险消除·县级审定",
        CaseStage.Eliminated => "风险已消除",
        _ => s.ToString(),
    };

    public static string Name(StepKind k) => k switch
    {
        StepKind.LeadOpened => "线索登记",
        StepKind.LeadAttached => "新线索并入",
        StepKind.Verified => "入户核实",
        StepKind.Dismissed => "不予纳入",
        StepKind.VillageReviewed => "民主评议",
        StepKind.ObjectionRaised => "公示异议",
        StepKind.ObjectionAnswered => "异议答复",
        StepKind.NoticeClosed => "公示结束",
        StepKind.TownshipApproved => "乡镇审核通过",
        StepKind.CountyApproved => "县级审定纳入",
        StepKind.Returned => "退回",
        StepKind.EliminationProposed => "申请风险消除",
        StepKind.Eliminated => "县级审定消除",
        StepKind.ReEntered => "风险再标注",
        _ => k.ToString(),
    };

    public static string LevelName(ResponsibleLevel level) => level switch
    {
        ResponsibleLevel.Village => "村级",
        ResponsibleLevel.Township => "乡镇",
        _ => "县级",
    };
}
