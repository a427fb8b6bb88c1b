using System.Globalization;
using System.Text;

namespace Fanghu.Bench;

/// <summary>
/// Writes a history of resident applications as the provincial platform exports it, over the divisions of
/// <c>samples/divisions.csv</c> (three villages, a township and a county of 香格里拉市, so the file imports after that
/// sample): filed 2021–2025, four in five closed within 40 days.
/// </summary>
internal static class ApplicationsGenerator
{
    private static readonly string[] Divisions = ["533401100201", "533401100202", "533401101201", "533401100", "533401"];
    private static readonly string[] Areas = ["生活", "就业", "教育", "医疗", "住房", "饮水"];

    public static void Write(string path, int rows)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.WriteLine("受理编号,申请日期,申请人姓名,证件号码,联系电话,行政区划代码,事项类别,诉求内容,办结日期,办理结果");
        var random = new Random(20240601);
        var first = new DateOnly(2021, 1, 1);
        var last = new DateOnly(2025, 12, 31);
        for (var i = 0; i < rows; i++)
        {
            var filed = first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));
            DateOnly? closed = random.Next(5) == 0 ? null : filed.AddDays(random.Next(40));
            var id = PersonsGenerator.IdNumberOf(i);
            w.Write(string.Create(CultureInfo.InvariantCulture,
                $"YN{i:D9},{filed:yyyy-MM-dd},申请人{i},{id},139{i % 100_000_000:D8},{Divisions[random.Next(Divisions.Length)]},{Areas[random.Next(Areas.Length)]},"));
            w.Write(string.Create(CultureInfo.InvariantCulture, $"家中遇到困难，请求帮助（第 {i} 件）,{closed:yyyy-MM-dd},{(closed is null ? "" : "已办结，已答复申请人")}\n"));
        }
    }
}
