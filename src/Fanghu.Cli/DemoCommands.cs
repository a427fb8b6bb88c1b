using System.CommandLine;
using Fanghu.Data;
using Fanghu.Demo;

namespace Fanghu.Cli;

internal static class DemoCommands
{
    public static Command Create(Option<string?> db)
    {
        var demo = new Command("demo", "载入演示州（合成数据：3 县、29 乡镇、约 2 万户）；已载入时不重复写入");
        demo.SetAction((result, ct) => CliContext.Guard(async () =>
        {
            await using var context = CliContext.Open(result.GetValue(db));
            await DatabaseMigrator.MigrateAsync(context, ct);
            var summary = await DemoPrefecture.LoadAsync(context, ct);
            var s = summary;
            Console.WriteLine(s.AlreadyLoaded ? $"州 {DemoPrefecture.PrefectureCode} 已有户籍数据，未载入演示数据。现有：" : "演示州已载入。");
            Console.WriteLine($"{s.Counties} 个县（市）、{s.Townships} 个乡镇、{s.Villages} 个村；{s.Households:N0} 户（脱贫户 {s.FormerlyPoorHouseholds:N0}）、" +
                              $"{s.Persons:N0} 人；收入记录 {s.Incomes:N0} 条；监测对象 {s.MonitoringCases:N0} 户次（未消除风险 {s.OpenCases:N0}）。");
            return CliContext.Ok;
        }));
        return demo;
    }
}
