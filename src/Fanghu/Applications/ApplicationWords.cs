using Fanghu.Registry;

namespace Fanghu.Applications;

/// <summary>The Chinese words of applications, as residents and staff read them and as the platform's files write them.</summary>
public static class ApplicationWords
{
    public static readonly Vocabulary<ApplicationArea> Area = new("事项类别", new Dictionary<ApplicationArea, string>
    {
        [ApplicationArea.Living] = "生活",
        [ApplicationArea.Employment] = "就业",
        [ApplicationArea.Education] = "教育",
        [ApplicationArea.Medical] = "医疗",
        [ApplicationArea.Housing] = "住房",
        [ApplicationArea.Water] = "饮水",
    }, new Dictionary<string, ApplicationArea>
    {
        // The provincial platform's longer names.
        ["生活救助"] = ApplicationArea.Living,
        ["基本生活"] = ApplicationArea.Living,
        ["就业帮扶"] = ApplicationArea.Employment,
        ["教育救助"] = ApplicationArea.Education,
        ["医疗救助"] = ApplicationArea.Medical,
        ["住房安全"] = ApplicationArea.Housing,
        ["住房救助"] = ApplicationArea.Housing,
        ["饮水安全"] = ApplicationArea.Water,
        // Common other names of the six areas, so a sheet that words them differently is not refused row by row.
        ["生活困难"] = ApplicationArea.Living,
        ["基本生活保障"] = ApplicationArea.Living,
        ["就业困难"] = ApplicationArea.Employment,
        ["就业创业"] = ApplicationArea.Employment,
        ["教育帮扶"] = ApplicationArea.Education,
        ["教育资助"] = ApplicationArea.Education,
        ["就学"] = ApplicationArea.Education,
        ["医疗保障"] = ApplicationArea.Medical,
        ["看病就医"] = ApplicationArea.Medical,
        ["就医"] = ApplicationArea.Medical,
        ["住房保障"] = ApplicationArea.Housing,
        ["危房改造"] = ApplicationArea.Housing,
        ["饮水困难"] = ApplicationArea.Water,
        ["安全饮水"] = ApplicationArea.Water,
    });

    public static readonly Vocabulary<ApplicationStatus> Status = new("办理状态", new Dictionary<ApplicationStatus, string>
    {
        [ApplicationStatus.Received] = "待分办",
        [ApplicationStatus.Assigned] = "已分办",
        [ApplicationStatus.Handling] = "办理中",
        [ApplicationStatus.Closed] = "已办结",
        [ApplicationStatus.Confirmed] = "已确认",
    });

    public static string Step(ApplicationStepKind kind) => kind switch
    {
        ApplicationStepKind.Filed => "提交申请",
        ApplicationStepKind.Assigned => "分办",
        ApplicationStepKind.Handling => "受理办理",
        ApplicationStepKind.Replied => "进展答复",
        ApplicationStepKind.Closed => "办结",
        ApplicationStepKind.Confirmed => "申请人确认",
        ApplicationStepKind.Reopened => "申请人不满意，重新办理",
        ApplicationStepKind.BecameLead => "转为监测线索",
        _ => kind.ToString(),
    };
}
