using System.Globalization;

namespace Fanghu.Reports;

/// <summary>
/// The income report as an XLSX workbook (DESIGN §8: every table exports to XLSX), like the page: 汇总 (the year and
/// the year before), 收入结构 (the four kinds with amounts and shares) and 说明 with the definitions, each under a title
/// naming the division, the population and the year. Written through <see cref="SpreadsheetExport"/>.
/// </summary>
public static class IncomeReportXlsx
{
    public const string What = "收入统计";

    public static void Write(Stream stream, IncomeReport.Result result)
    {
        if (!result.Ok) throw new ArgumentException("没有可导出的统计结果", nameof(result));
        var r = result.Report;
        var (now, before) = (result.Current, result.Previous);
        string Year(int y) => y.ToString(CultureInfo.InvariantCulture) + "年";

        var sheets = new List<ExportSheet>
        {
            new("汇总", ["项目", Year(now.Year), Year(before.Year)],
            [
                ["户数", now.Households, before.Households],
                ["人数", now.Persons, before.Persons],
                ["家庭纯收入合计（元）", now.NetIncome, before.NetIncome],
                ["人均纯收入（元）", now.PerCapita, before.PerCapita],
                ["较上年增减（元）", r.Change, null],
                ["较上年增减（%）", r.ChangePct, null],
            ]),
            new("收入结构", ["收入类别", "金额（元）", "占比（%）"],
            [
                ["工资性收入", now.Wages, r.Shares.Wages],
                ["生产经营性净收入", now.NetOperating, r.Shares.Operating],
                ["财产性收入", now.Property, r.Shares.Property],
                ["转移性收入", now.Transfer, r.Shares.Transfer],
            ]),
            new("说明", ["项目", "内容"],
            [
                ["区划", result.DivisionName],
                ["区划代码", r.Division],
                ["年度", r.Year],
                ["户类型", r.HouseholdType],
                ["统计口径", Definitions],
            ]),
        };
        SpreadsheetExport.WriteXlsx(stream,
            SpreadsheetExport.Title($"{What}（{r.HouseholdType}）", result.DivisionName, r.Division, $"{r.Year}年度"), sheets);
    }

    /// <summary>The definitions in Chinese, as <see cref="IncomeReport"/> states them.</summary>
    public const string Definitions =
        "户数为有该年度收入记录、12月31日有家庭成员的户（无成员的户不计）；人数为其12月31日的家庭人口；人均纯收入 = 家庭纯收入合计 ÷ 人数，四舍五入到元；"
        + "上年按同一口径计算；较上年增减（%）= 增减 ÷ 上年 × 100，上年为 0 时记 0.00；生产经营性按收入减支出计；占比分别四舍五入到两位小数，合计可能不等于100.00。"
        + "监测户：该年12月31日前已识别、且未在该年1月1日前消除风险的监测对象，含脱贫户和一般农户。";
}
