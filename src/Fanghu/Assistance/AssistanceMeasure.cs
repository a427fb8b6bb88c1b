using Fanghu.Monitoring;
using Fanghu.Registry;

namespace Fanghu.Assistance;

/// <summary>
/// One assistance measure (帮扶措施) of a household's plan (一户一方案), taken during one monitoring case: what is
/// done, by which unit and person, when, for how much, how far it has got and what it achieved.
/// </summary>
public sealed class AssistanceMeasure
{
    private AssistanceMeasure() { Household = null!; Case = null!; Content = ResponsibleUnit = ResponsiblePerson = CreatedBy = ""; }

    public AssistanceMeasure(MonitoringCase @case, MeasureDetails d, string createdBy, DateTimeOffset createdAt)
    {
        if (!@case.AcceptsMeasures)
            throw new WorkflowRuleException(@case.Stage.IsIdentification()
                ? "尚未审定纳入的案件不能录入帮扶措施（因自然灾害、意外事故风险可在核实时选择先帮扶后认定）"
                : "已办结的案件不能录入帮扶措施");
        Household = @case.Household;
        Case = @case;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Content = ResponsibleUnit = ResponsiblePerson = "";
        Update(d);
    }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }
    public long CaseId { get; private set; }
    public MonitoringCase Case { get; private set; }
    public MeasureType Type { get; private set; }
    public string Content { get; private set; }
    public string ResponsibleUnit { get; private set; }
    public string ResponsiblePerson { get; private set; }
    public DateOnly StartOn { get; private set; }
    public DateOnly? EndOn { get; private set; }

    /// <summary>Money involved (subsidy, loan…), 元.</summary>
    public decimal? Amount { get; private set; }
    public MeasureStatus Status { get; private set; }

    /// <summary>成效: what the measure achieved.</summary>
    public string? Effect { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Implemented (已落实) for the elimination check: under way or completed.</summary>
    public bool IsImplemented => Status is MeasureStatus.InProgress or MeasureStatus.Completed;

    public void Update(MeasureDetails d)
    {
        if (!Enum.IsDefined(d.Type)) throw new WorkflowRuleException("请选择措施类型");
        if (!Enum.IsDefined(d.Status)) throw new WorkflowRuleException("请选择措施状态");
        var content = Required(d.Content, "请填写措施内容", 1000);
        var unit = Required(d.ResponsibleUnit, "请填写责任单位", 100);
        var person = Required(d.ResponsiblePerson, "请填写责任人", 50);
        if (d.EndOn is { } end && end < d.StartOn) throw new WorkflowRuleException("结束日期不能早于开始日期");
        if (d.Amount is < 0 or > 100_000_000m) throw new WorkflowRuleException("金额应在 0 至 1 亿元之间");
        if (d.Status == MeasureStatus.Completed && d.EndOn is null) throw new WorkflowRuleException("已完成的措施须填写结束日期");
        var effect = string.IsNullOrWhiteSpace(d.Effect) ? null : d.Effect.Trim();
        if (effect?.Length > 1000) throw new WorkflowRuleException("成效不能超过 1000 字");
        Type = d.Type;
        Content = content;
        ResponsibleUnit = unit;
        ResponsiblePerson = person;
        StartOn = d.StartOn;
        EndOn = d.EndOn;
        Amount = d.Amount;
        Status = d.Status;
        Effect = effect;
        Version++;
    }

    public MeasureDetails Details => new(Type, Content, ResponsibleUnit, ResponsiblePerson, StartOn, EndOn, Amount, Status, Effect);

    private static string Required(string? s, string message, int max)
    {
        if (string.IsNullOrWhiteSpace(s)) throw new WorkflowRuleException(message);
        s = s.Trim();
        return s.Length <= max ? s : throw new WorkflowRuleException($"{message[2..]}不能超过 {max} 字");
    }
}

public sealed record MeasureDetails(
    MeasureType Type,
    string? Content,
    string? ResponsibleUnit,
    string? ResponsiblePerson,
    DateOnly StartOn,
    DateOnly? EndOn,
    decimal? Amount,
    MeasureStatus Status,
    string? Effect);

/// <summary>The catalogue of measure types (§5.4).</summary>
public enum MeasureType
{
    /// <summary>产业帮扶.</summary>
    Industry = 1,
    /// <summary>就业帮扶.</summary>
    Employment = 2,
    /// <summary>金融帮扶 (小额信贷).</summary>
    Finance = 3,
    /// <summary>公益岗位.</summary>
    PublicWelfareJob = 4,
    /// <summary>健康帮扶.</summary>
    Health = 5,
    /// <summary>义务教育保障.</summary>
    CompulsoryEducation = 6,
    /// <summary>其他教育帮扶 (雨露计划…).</summary>
    OtherEducation = 7,
    /// <summary>综合保障 (低保, 特困, 临时救助, 残疾补贴…).</summary>
    SocialSecurity = 8,
    /// <summary>住房安全.</summary>
    HousingSafety = 9,
    /// <summary>饮水安全.</summary>
    DrinkingWater = 10,
    /// <summary>社会帮扶.</summary>
    SocialAssistance = 11,
    /// <summary>搬迁.</summary>
    Relocation = 12,
    /// <summary>生产生活条件改善.</summary>
    LivingConditions = 13,
    /// <summary>基础设施.</summary>
    Infrastructure = 14,
}

/// <summary>计划 / 实施中 / 已完成.</summary>
public enum MeasureStatus { Planned = 1, InProgress = 2, Completed = 3 }

public static class MeasureWords
{
    public static readonly Vocabulary<MeasureType> Type = new("措施类型", new Dictionary<MeasureType, string>
    {
        [MeasureType.Industry] = "产业",
        [MeasureType.Employment] = "就业",
        [MeasureType.Finance] = "金融",
        [MeasureType.PublicWelfareJob] = "公益岗位",
        [MeasureType.Health] = "健康",
        [MeasureType.CompulsoryEducation] = "义务教育保障",
        [MeasureType.OtherEducation] = "其他教育",
        [MeasureType.SocialSecurity] = "综合保障",
        [MeasureType.HousingSafety] = "住房安全",
        [MeasureType.DrinkingWater] = "饮水安全",
        [MeasureType.SocialAssistance] = "社会帮扶",
        [MeasureType.Relocation] = "搬迁",
        [MeasureType.LivingConditions] = "生产生活条件改善",
        [MeasureType.Infrastructure] = "基础设施",
    });

    public static readonly Vocabulary<MeasureStatus> Status = new("措施状态", new Dictionary<MeasureStatus, string>
    {
        [MeasureStatus.Planned] = "计划",
        [MeasureStatus.InProgress] = "实施中",
        [MeasureStatus.Completed] = "已完成",
    });
}
