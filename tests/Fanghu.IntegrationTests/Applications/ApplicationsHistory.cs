using Fanghu.IntegrationTests.Infrastructure;

namespace Fanghu.IntegrationTests.Applications;

/// <summary>
/// A history file of the provincial platform for the report tests, over <see cref="Synthetic"/>'s divisions, with its
/// hand count for the second quarter of 2024 (<see cref="From"/> – <see cref="To"/>). The policy in force gives 10 days
/// to the due day.
/// </summary>
/// <remarks>
/// Row by row, for 2024-04-01 … 2024-06-30:
/// <code>
/// 受理编号        filed       where                   area  closed       received completed overdue (due)
/// YN2024-0001   2024-03-20  village A (尼史村)        医疗  2024-04-05   no — filed before the period
/// YN2024-0002   2024-04-02  village A               医疗  2024-04-10   yes  yes  no
/// YN2024-0003   2024-04-15  village A               就业  2024-07-10   yes  no   yes (04-25) — closed after the end
/// YN2024-0004   2024-05-06  village A               住房  open         yes  no   yes (05-16)
/// YN2024-0005   2024-06-25  village A               生活  open         yes  no   no  (07-05 is after the end)
/// YN2024-0006   2024-06-30  village A               教育  2024-06-30   yes  yes  no  — the last day, both ways
/// YN2024-0007   2024-04-01  village B (诺西村)        饮水  2024-04-03   yes  yes  no  — the first day
/// YN2024-0008   2024-05-20  township 建塘镇 itself     医疗  open         yes  no   yes (05-30)
/// YN2024-0009   2024-06-01  village 团结村 (小中甸镇)  住房  2024-06-28   yes  yes  no
/// YN2024-0010   2024-07-01  village A               医疗  open         no — filed after the period
/// YN2024-0011   2024-05-15  county 香格里拉市 itself   就业  2024-06-29   yes  yes  no
/// </code>
/// Village A: received 5 (0002–0006), completed 2 (0002, 0006), 40.0 %, overdue 2 (0003, 0004).
/// Township 建塘镇: village A + 0007 + 0008 = received 7, completed 3, 42.9 %, overdue 3.
/// County 香格里拉市: township 建塘镇 + 0009 + 0011 = received 9, completed 5, 55.6 %, overdue 3.
/// By area for the county: 生活 1/0 (0005), 就业 2/1 (0003, 0011), 教育 1/1 (0006), 医疗 2/1 (0002, 0008),
/// 住房 2/1 (0004, 0009), 饮水 1/1 (0007).
/// </remarks>
public static class ApplicationsHistory
{
    public const string From = "2024-04-01", To = "2024-06-30";
    public const string Header = "受理编号,申请日期,申请人姓名,证件号码,联系电话,行政区划代码,事项类别,诉求内容,办结日期,办理结果";
    public const int Rows = 11;

    public static string Csv() => Header + "\n" + string.Concat(new[]
    {
        Row(1, "2024-03-20", Synthetic.VillageA, "医疗", "2024-04-05", "已纳入医疗救助"),
        Row(2, "2024/4/2", Synthetic.VillageA, "医疗", "2024年4月10日", "已纳入医疗救助"),
        Row(3, "20240415", Synthetic.VillageA, "就业", "2024-07-10", "已安排公益性岗位"),
        Row(4, "2024-05-06", Synthetic.VillageA, "住房", "", ""),
        Row(5, "2024-06-25", Synthetic.VillageA, "生活", "", ""),
        Row(6, "2024-06-30", Synthetic.VillageA, "教育", "2024-06-30", "已落实雨露计划补助"),
        Row(7, "2024-04-01", Synthetic.VillageB, "饮水", "2024-04-03", "已修复管道"),
        Row(8, "2024-05-20", Synthetic.Township, "医疗", "", ""),
        Row(9, "2024-06-01", Synthetic.OtherTownshipVillage, "住房", "2024-06-28", "已纳入危房改造"),
        Row(10, "2024-07-01", Synthetic.VillageA, "医疗", "", ""),
        Row(11, "2024-05-15", Synthetic.County, "就业", "2024-06-29", "已协调支付拖欠工资"),
    });

    /// <summary>A later export of the platform: 0004 was concluded on 2024-06-15, the rest as before.</summary>
    public static string CsvWithYN20240004Closed() =>
        Csv().Replace(Row(4, "2024-05-06", Synthetic.VillageA, "住房", "", ""), Row(4, "2024-05-06", Synthetic.VillageA, "住房", "2024-06-15", "已纳入危房改造"));

    public static string Number(int n) => $"YN2024-{n:D4}";

    private static string Row(int n, string filed, string division, string area, string closed, string result) =>
        $"{Number(n)},{filed},申请人{n},{Synthetic.Id(700 + n)},1398870{n:D4},{division},{area},困难情况说明{n},{closed},{result}\n";
}
