using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Applications;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Reports;

namespace Fanghu.IntegrationTests.Reports;

/// <summary>
/// The annual summary over the worlds of the other reports' tests (<see cref="IncomeReportWorld"/>,
/// <see cref="ApplicationsHistory"/>), whose figures are worked out by hand there: the prose must say exactly those
/// figures, and carry the very reports it was written from.
/// </summary>
public sealed class AnnualSummaryTests : ImportTestBase
{
    private async Task<AnnualSummary.Result> RunAsync(string division, string year, DataScope? scope = null)
    {
        await using var db = Database.Context(scope);
        var clock = TimeProvider.System;
        return await new AnnualSummary(new MonitoringReport(db, clock), new ApplicationsReport(db, clock), new IncomeReport(db, clock), clock)
            .HandleAsync(new AnnualSummary.Request(division, year, "测试员"), CancellationToken.None);
    }

    private static IReadOnlyList<string> Paragraphs(AnnualSummary.Summary s, string heading) =>
        s.Sections.Single(x => x.Heading == heading).Paragraphs;

    [Fact]
    public async Task The_county_year_says_the_monitoring_and_income_figures_of_the_reports_worked_out_by_hand()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        var result = await RunAsync(Synthetic.County, "2021");

        Assert.True(result.Ok, result.Message);
        var s = result.Summary;
        Assert.Equal("香格里拉市2021年度防止返贫动态监测和帮扶工作总结", s.Title);
        Assert.Equal(["一、监测对象", "二、救助申请", "三、收入情况"], s.Sections.Select(x => x.Heading));
        // As of 2021-12-31: P2 (3 persons, eliminated 2021-08-31), P6 (2, eliminated 2020-10-31) and O1 (2, identified
        // 2021-03-01, open) — 3 households 7 persons, eliminated 2 / 5, open 1 / 2, 2 ÷ 3 = 66.7 %; in 2021 O1 identified,
        // P2 eliminated; P2 and P6 are 脱贫不稳定户, O1 边缘易致贫户; all three 因病.
        Assert.Equal(
        [
            "截至2021年12月31日，香格里拉市累计纳入防止返贫监测对象3户7人，其中已消除风险2户5人，未消除风险1户2人，风险消除率66.7%。",
            "2021年新识别纳入监测对象1户2人，新消除风险1户3人。",
            "按监测对象类别分，脱贫不稳定户2户5人，边缘易致贫户1户2人。",
            "从致贫返贫风险类型看，主要为因病3户（占100.00%）（一户有多种风险的，在每种风险下各计一次）。",
        ], Paragraphs(s, "一、监测对象"));
        Assert.Equal(["2021年1月1日至2021年12月31日，香格里拉市未收到群众救助申请。"], Paragraphs(s, "二、救助申请"));
        // IncomeReportTests: the county's 脱贫户 60001 ÷ 10 → 6000 against 5227; its 监测户 21001 ÷ 5 → 4200 against 4100.
        Assert.Equal(
        [
            "2021年，香格里拉市有收入数据的脱贫户4户10人，家庭人均纯收入达6,000元，较2020年增加773元，增幅为14.79%。"
                + "四项收入中，工资性收入占比65.00%，生产经营性净收入占比8.33%，财产性收入占比1.67%，转移性收入占比25.00%。",
            "2021年，香格里拉市有收入数据的监测户2户5人，家庭人均纯收入达4,200元，较2020年增加100元，增幅为2.44%。"
                + "四项收入中，工资性收入占比71.43%，生产经营性净收入占比7.14%，财产性收入占比0.00%，转移性收入占比21.43%。",
        ], Paragraphs(s, "三、收入情况"));
        Assert.Matches(@"^本总结由 测试员 于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 生成，数据截至2021年12月31日。$", s.Closing);

        // The figures it carries are the reports' own, asked the same way.
        await using var db = Database.Context();
        var monitoring = await new MonitoringReport(db, TimeProvider.System).HandleAsync(new(Synthetic.County, "2021-12-31"), default);
        var income = await new IncomeReport(db, TimeProvider.System).HandleAsync(new(Synthetic.County, "2021", "监测户"), default);
        Assert.Equal(JsonSerializer.Serialize(monitoring.Report, MonitoringReport.Json), JsonSerializer.Serialize(s.Monitoring, MonitoringReport.Json));
        Assert.Equal(JsonSerializer.Serialize(income.Report, IncomeReport.Json), JsonSerializer.Serialize(s.MonitoredIncome, IncomeReport.Json));
    }

    [Fact]
    public async Task The_applications_of_the_year_are_the_applications_report_for_1_January_to_31_December()
    {
        var import = await ImportAsync(ImportKind.Applications, Write("history.csv", ApplicationsHistory.Csv()));
        Assert.True(import.Outcome == ImportOutcome.Imported, string.Join("\n", import.Errors));

        var result = await RunAsync(Synthetic.County, "2024年");

        // All eleven were filed in 2024; closed by 31 December: 0001, 0002, 0003, 0006, 0007, 0009, 0011 = 7, 63.6 %;
        // still open and past due: 0004, 0005, 0008, 0010 = 4. 医疗 0001, 0002, 0008, 0010 (2 closed); 就业 0003, 0011;
        // 住房 0004, 0009; 生活 0005; 教育 0006; 饮水 0007 — the larger first, ties in the areas' order.
        Assert.True(result.Ok, result.Message);
        Assert.Equal(
        [
            "2024年1月1日至2024年12月31日，香格里拉市共受理群众救助申请11件，截至2024年12月31日办结7件，办结率63.6%；超期未办结4件，已纳入督办。",
            "按事项类别分，医疗类4件（办结2件），就业类2件（办结2件），住房类2件（办结1件），生活类1件（办结0件），教育类1件（办结1件），饮水类1件（办结1件）。",
        ], Paragraphs(result.Summary, "二、救助申请"));
        await using var db = Database.Context();
        var report = await new ApplicationsReport(db, TimeProvider.System).HandleAsync(new(Synthetic.County, "2024-01-01", "2024-12-31"), default);
        Assert.Equal(JsonSerializer.Serialize(report.Report, ApplicationsReport.Json), JsonSerializer.Serialize(result.Summary.Applications, ApplicationsReport.Json));
    }

    [Fact]
    public async Task A_division_with_nothing_that_year_is_said_so_in_words_without_dividing_by_zero()
    {
        await IncomeReportWorld.ArrangeAsync(Database);

        // 诺西村 has no monitoring object ever, no application, and no income record for 2019 or 2018.
        var result = await RunAsync(Synthetic.VillageB, "2019");

        Assert.True(result.Ok, result.Message);
        var s = result.Summary;
        Assert.Equal(["截至2019年12月31日，诺西村尚无纳入防止返贫监测的对象，2019年未新识别纳入监测对象。"], Paragraphs(s, "一、监测对象"));
        Assert.Equal(["2019年1月1日至2019年12月31日，诺西村未收到群众救助申请。"], Paragraphs(s, "二、救助申请"));
        Assert.Equal(["2019年，诺西村脱贫户尚无收入数据。", "2019年，诺西村监测户尚无收入数据。"], Paragraphs(s, "三、收入情况"));

        // A first year of incomes has nothing to compare with: P4's 6000 in 2020, none in 2019.
        var first = await RunAsync(Synthetic.VillageB, "2020");
        Assert.StartsWith("2020年，诺西村有收入数据的脱贫户1户1人，家庭人均纯收入达6,000元，2019年无可比收入数据。", Paragraphs(first.Summary!, "三、收入情况")[0]);
    }

    [Fact]
    public async Task A_division_outside_the_scope_or_unknown_or_a_bad_year_is_refused_as_the_reports_refuse_it()
    {
        await IncomeReportWorld.ArrangeAsync(Database);
        var village = DataScope.For(Role.Village, [Synthetic.VillageA]);

        var outside = await RunAsync(Synthetic.County, "2021", village);
        var unknown = await RunAsync("533499", "2021");
        var badYear = await RunAsync(Synthetic.County, "21");
        var own = await RunAsync(Synthetic.VillageA, "2021", village);

        Assert.Equal((ReportRefusal.OutsideScope, "香格里拉市（533401）不在您的管辖范围内，不能查看其统计"), (outside.Refused, outside.Message));
        Assert.Null(outside.Summary);
        Assert.Equal((ReportRefusal.UnknownDivision, "区划 533499 不存在"), (unknown.Refused, unknown.Message));
        Assert.Equal(ReportRefusal.InvalidInput, badYear.Refused);
        Assert.True(own.Ok, own.Message);
    }

    [Fact]
    public async Task The_docx_is_a_zip_package_whose_document_holds_the_title_headings_and_paragraphs_in_a_Chinese_font()
    {
        await IncomeReportWorld.ArrangeAsync(Database);
        var summary = (await RunAsync(Synthetic.County, "2021")).Summary!;

        using var buffer = new MemoryStream();
        AnnualSummaryDocx.Write(buffer, summary);
        buffer.Position = 0;

        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        Assert.Equal(["[Content_Types].xml", "_rels/.rels", "word/document.xml"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var types = XDocument.Load(zip.GetEntry("[Content_Types].xml")!.Open());
        Assert.Contains(types.Root!.Elements(), e => (string?)e.Attribute("PartName") == "/word/document.xml");
        var document = XDocument.Load(zip.GetEntry("word/document.xml")!.Open());
        var paragraphs = document.Descendants(w + "p").Select(p => string.Concat(p.Descendants(w + "t").Select(t => t.Value))).ToList();
        Assert.Equal(
            [summary.Title, summary.Opening, .. summary.Sections.SelectMany(x => x.Paragraphs.Prepend(x.Heading)), summary.Closing],
            paragraphs[..^1]);
        Assert.StartsWith("（导出人：系统；导出时间：", paragraphs[^1]);
        Assert.Contains(paragraphs, p => p.Contains("家庭人均纯收入达6,000元", StringComparison.Ordinal));
        Assert.All(document.Descendants(w + "rFonts"), f => Assert.False(string.IsNullOrEmpty((string?)f.Attribute(w + "eastAsia"))));
        Assert.Equal(3, document.Descendants(w + "outlineLvl").Count());
    }
}
