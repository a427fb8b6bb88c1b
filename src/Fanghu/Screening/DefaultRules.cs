namespace Fanghu.Screening;

/// <summary>The rules Fanghu ships (§6), version 1 of each, in force everywhere until a county adds a version.</summary>
public static class DefaultRules
{
    public const string CreatedBy = "系统默认规则";

    public sealed record Default(string Key, DatasetKind Dataset, string Name, RuleDefinition Definition);

    private static readonly string[] SevereGrades = ["一级", "二级", "1", "2", "1级", "2级", "一", "二"];
    private static readonly string[] UnsafeHousing = ["C", "D", "C级", "D级"];

    public static readonly IReadOnlyList<Default> All =
    [
        new("medical-self-paid-poor", DatasetKind.MedicalSettlements, "脱贫户、监测户年度个人自付医疗费用高",
            new(RuleKind.Threshold, Population.FormerlyPoorOrMonitored, RuleWindow.CalendarYear, 5000m, "年度个人自付医疗费用高", "01", Measure: "个人自付")),
        new("medical-self-paid-others", DatasetKind.MedicalSettlements, "其他农户年度个人自付医疗费用高",
            new(RuleKind.Threshold, Population.Others, RuleWindow.CalendarYear, 20000m, "年度个人自付医疗费用高", "01", Measure: "个人自付")),
        new("medical-not-enrolled", DatasetKind.MedicalEnrolment, "脱贫户、监测户成员未参加基本医疗保险",
            new(RuleKind.Coverage, Population.FormerlyPoorOrMonitored, RuleWindow.CalendarYear, 0m, "未参加基本医疗保险")),
        new("school-not-enrolled", DatasetKind.SchoolEnrolment, "义务教育阶段适龄儿童未在学籍",
            new(RuleKind.Coverage, Population.All, RuleWindow.WholeFile, 0m, "控辍保学：6–15 岁未在学籍", "09",
                AgeMin: 6, AgeMax: 15)),
        new("school-dropout", DatasetKind.SchoolEnrolment, "学生辍学",
            new(RuleKind.Change, Population.All, RuleWindow.WholeFile, 0m, "控辍保学：辍学", "09", Conditions: [new("状态", ["辍学"])])),
        new("housing-unsafe", DatasetKind.Housing, "住房安全鉴定为 C 级或 D 级",
            new(RuleKind.Change, Population.All, RuleWindow.CalendarYear, 0m, "住房安全鉴定为 C/D 级", Conditions: [new("鉴定等级", UnsafeHousing)])),
        new("dibao-exit", DatasetKind.CivilAssistance, "脱贫户、监测户退出低保",
            new(RuleKind.Change, Population.FormerlyPoorOrMonitored, RuleWindow.CalendarYear, 0m, "退出低保，需复核",
                Conditions: [new("类别", ["低保", "最低生活保障"]), new("变动", ["退出"])])),
        new("temporary-assistance", DatasetKind.CivilAssistance, "新增临时救助",
            new(RuleKind.Change, Population.All, RuleWindow.CalendarYear, 0m, "新增临时救助",
                Conditions: [new("类别", ["临时救助"]), new("变动", ["新增"])])),
        new("disability-severe", DatasetKind.Disability, "新增一、二级残疾",
            new(RuleKind.Change, Population.All, RuleWindow.Last12Months, 0m, "新增一、二级残疾", "03", Conditions: [new("等级", SevereGrades)])),
        new("disaster-loss", DatasetKind.Disasters, "年度灾害损失 5000 元以上",
            new(RuleKind.Threshold, Population.All, RuleWindow.CalendarYear, 5000m, "灾害损失", "02", Measure: "损失金额")),
        new("disaster-house-destroyed", DatasetKind.Disasters, "灾害致房屋倒塌",
            new(RuleKind.Change, Population.All, RuleWindow.CalendarYear, 0m, "灾害致房屋倒塌", "02",
                Conditions: [new("灾种", ["房屋倒塌", "倒房", "房屋损毁"])])),
        new("main-labourer-unemployed", DatasetKind.Employment, "主要劳动力失业或返乡",
            new(RuleKind.Change, Population.All, RuleWindow.Last12Months, 0m, "主要劳动力失业或返乡", "07",
                Conditions: [new("状态", ["失业", "返乡"])], MainLabourerOnly: true)),
        new("main-labourer-death", DatasetKind.PublicSecurity, "主要劳动力死亡",
            new(RuleKind.Change, Population.All, RuleWindow.Last12Months, 0m, "主要劳动力死亡", "04",
                Conditions: [new("事件", ["死亡"])], MainLabourerOnly: true)),
        new("main-labourer-injury", DatasetKind.PublicSecurity, "主要劳动力重伤",
            new(RuleKind.Change, Population.All, RuleWindow.Last12Months, 0m, "主要劳动力重伤", "05",
                Conditions: [new("事件", ["重伤"])], MainLabourerOnly: true)),
        new("water-unsafe", DatasetKind.Water, "饮水安全问题",
            new(RuleKind.Change, Population.All, RuleWindow.CalendarYear, 0m, "饮水安全问题")),
    ];
}
