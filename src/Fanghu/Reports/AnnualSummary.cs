using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Fanghu.Applications;
using Fanghu.Monitoring;

namespace Fanghu.Reports;

/// <summary>
/// 年度工作总结 (DESIGN §8): a division's year written out in Chinese prose, in the manner of the prefecture's own
/// work report — monitoring objects, resident applications, and the income of 脱贫户 and of 监测户. It counts nothing
/// itself: every number is a figure of the live reports, asked for the same division and year —
/// <see cref="MonitoringReport"/> as of 31 December (or today, for the year still running), <see cref="ApplicationsReport"/>
/// for 1 January to that day, and <see cref="IncomeReport"/> for 脱贫户 and for 监测户 — so the summary can never
/// disagree with the tables it summarises. The reports' figures come with it, for screens and tests.
/// <para>
/// The income report is asked first: it checks the division, the year and the user's scope, and its refusal (in
/// Chinese, as every report gives it) is the summary's. A division outside the scope is refused, not summarised in part.
/// </para>
/// </summary>
public sealed class AnnualSummary(MonitoringReport monitoring, ApplicationsReport applications, IncomeReport income, TimeProvider clock)
{
    /// <param name="Division">Short or 12-digit division code.</param>
    /// <param name="Year">The year (2021); full-width digits and a trailing 年 are accepted, as by the income report.</param>
    /// <param name="GeneratedBy">Who asks, named in the summary's last line.</param>
    public sealed record Request(string? Division, string? Year, string GeneratedBy);

    /// <summary>A numbered part of the summary (一、监测对象…) and its paragraphs.</summary>
    public sealed record Section(string Heading, IReadOnlyList<string> Paragraphs);

    /// <param name="Division">The division's code in its short form.</param>
    /// <param name="AsOf">The day the figures are as of: 31 December, or today for the current year.</param>
    /// <param name="Opening">The paragraph before the sections.</param>
    /// <param name="Closing">"本总结由 … 于 … 生成，数据截至 …".</param>
    public sealed record Summary(
        string Title,
        string DivisionName,
        string Division,
        int Year,
        DateOnly AsOf,
        DateTime GeneratedAt,
        string Opening,
        IReadOnlyList<Section> Sections,
        string Closing,
        MonitoringReport.Report Monitoring,
        ApplicationsReport.Report Applications,
        IncomeReport.Report FormerlyPoorIncome,
        IncomeReport.Report MonitoredIncome)
    {
        /// <summary>The whole summary as plain text: title, opening, headed sections, closing line.</summary>
        public string ToText()
        {
            var text = new StringBuilder();
            text.AppendLine(Title).AppendLine().AppendLine(Opening);
            foreach (var section in Sections)
            {
                text.AppendLine().AppendLine(section.Heading);
                foreach (var paragraph in section.Paragraphs) text.AppendLine(paragraph);
            }
            return text.AppendLine().AppendLine(Closing).ToString().TrimEnd();
        }
    }

    public sealed record Result(Summary? Summary, ReportRefusal? Refused, string Message)
    {
        [MemberNotNullWhen(true, nameof(Summary))]
        public bool Ok => Summary is not null;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        var poor = await income.HandleAsync(new IncomeReport.Request(request.Division, request.Year, IncomeReport.Words[IncomeReport.Population.FormerlyPoor]), ct);
        if (!poor.Ok) return new Result(null, poor.Refused, poor.Message);
        var year = poor.Report.Year;
        var division = poor.Report.Division;
        var monitored = await income.HandleAsync(new IncomeReport.Request(division, poor.Report.Year.ToString(CultureInfo.InvariantCulture),
            IncomeReport.Words[IncomeReport.Population.Monitored]), ct);
        if (!monitored.Ok) return new Result(null, monitored.Refused, monitored.Message);

        var now = clock.GetUtcNow();
        var today = clock.Today();
        var yearEnd = new DateOnly(year, 12, 31);
        var asOf = yearEnd < today ? yearEnd : today;
        var iso = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cases = await monitoring.HandleAsync(new MonitoringReport.Request(division, iso), ct);
        if (!cases.Ok) return new Result(null, cases.Refused, cases.Message);
        var applied = await applications.HandleAsync(
            new ApplicationsReport.Request(division, new DateOnly(year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), iso), ct);
        if (!applied.Ok) return new Result(null, applied.Refused, applied.Message);

        var summary = Write(poor.DivisionName, request.GeneratedBy, ChinaTime.ToChinaTime(now), cases.Report, applied.Report, applied.OverdueAsOf,
            poor.Report, monitored.Report);
        return new Result(summary, null, "");
    }

    /// <summary>
    /// Writes the prose from the reports' figures (the same division, the income reports' year, the monitoring report's
    /// as-of date); pure, so every wording can be checked without a database.
    /// </summary>
    /// <param name="generatedAt">China wall-clock time of the writing.</param>
    /// <param name="overdueAsOf">The day the applications report judged overdue on.</param>
    public static Summary Write(string name, string generatedBy, DateTime generatedAt, MonitoringReport.Report cases,
        ApplicationsReport.Report applied, DateOnly overdueAsOf, IncomeReport.Report poor, IncomeReport.Report monitored)
    {
        var year = poor.Year;
        var asOf = cases.AsOf;
        return new Summary(
            Title: $"{name}{year}年度{ProgrammeName(year)}工作总结",
            DivisionName: name,
            Division: poor.Division,
            Year: year,
            AsOf: asOf,
            GeneratedAt: generatedAt,
            // Only what the records show: the summary states figures, not judgements the system cannot verify.
            Opening: $"{year}年，{name}常态化开展{ProgrammeName(year)}工作。现将本年度监测对象、群众救助申请和收入情况总结如下。"
                + $"所列数据均由系统根据截至{Date(asOf)}的业务记录实时统计，与同期监测对象、救助申请和收入统计报表一致。",
            Sections:
            [
                new("一、监测对象", MonitoringParagraphs(name, year, cases)),
                new("二、救助申请", ApplicationParagraphs(name, applied, overdueAsOf)),
                new("三、收入情况", [IncomeParagraph(name, poor), IncomeParagraph(name, monitored)]),
            ],
            Closing: $"本总结由 {generatedBy} 于 {Date(DateOnly.FromDateTime(generatedAt))} {generatedAt:HH:mm} 生成，数据截至{Date(asOf)}。",
            Monitoring: cases,
            Applications: applied,
            FormerlyPoorIncome: poor,
            MonitoredIncome: monitored);
    }

    /// <summary>DESIGN §4: from 2026 the mechanism is named 防止返贫致贫.</summary>
    private static string ProgrammeName(int year) => year >= 2026 ? "防止返贫致贫动态监测和帮扶" : "防止返贫动态监测和帮扶";

    private static List<string> MonitoringParagraphs(string name, int year, MonitoringReport.Report r)
    {
        var paragraphs = new List<string>();
        if (r.Monitored.Households == 0)
        {
            paragraphs.Add($"截至{Date(r.AsOf)}，{name}尚无纳入防止返贫监测的对象，{year}年未新识别纳入监测对象。");
            return paragraphs;
        }
        // "已消除风险0户0人" reads like a form, not a report: a state nobody is in is said in words.
        var state = r.Eliminated.Households == 0 ? "均未消除风险"
            : r.NotEliminated.Households == 0 ? "均已消除风险"
            : $"其中已消除风险{HouseholdsAndPersons(r.Eliminated)}，未消除风险{HouseholdsAndPersons(r.NotEliminated)}";
        paragraphs.Add($"截至{Date(r.AsOf)}，{name}累计纳入防止返贫监测对象{HouseholdsAndPersons(r.Monitored)}，{state}，"
            + $"风险消除率{Rate(r.EliminationRate)}。");
        var newly = r.NewlyIdentified.Households == 0 ? $"{year}年未新识别纳入监测对象" : $"{year}年新识别纳入监测对象{HouseholdsAndPersons(r.NewlyIdentified)}";
        var eliminated = r.NewlyEliminated.Households == 0 ? "未有监测对象新消除风险" : $"新消除风险{HouseholdsAndPersons(r.NewlyEliminated)}";
        paragraphs.Add($"{newly}，{eliminated}。");
        if (r.ByCategory.Count > 0)
            paragraphs.Add("按监测对象类别分，" + string.Join("，", r.ByCategory.Select(c => c.Category + HouseholdsAndPersons(c.Households, c.Persons))) + "。");
        if (r.ByRiskType.Count > 0)
        {
            // The main risks first; a household with several risk types counts under each, so the shares may add to more than 100%.
            var main = r.ByRiskType.OrderByDescending(t => t.Households).Take(3)
                .Select(t => $"{t.Name}{Whole(t.Households)}户（占{Share(IncomeReport.Percent(t.Households, r.Monitored.Households))}）");
            paragraphs.Add($"从致贫返贫风险类型看，主要为{string.Join("、", main)}"
                + (r.ByRiskType.Count > 3 ? $"，共涉及{r.ByRiskType.Count}类风险" : "")
                + "（一户有多种风险的，在每种风险下各计一次）。");
        }
        return paragraphs;
    }

    private static List<string> ApplicationParagraphs(string name, ApplicationsReport.Report r, DateOnly overdueAsOf)
    {
        var period = $"{Date(r.From)}至{Date(r.To)}";
        if (r.Received == 0) return [$"{period}，{name}未收到群众救助申请。"];
        var overdue = r.Overdue == 0 ? "无超期未办结的申请" : $"超期未办结{Whole(r.Overdue)}件，已纳入督办";
        var paragraphs = new List<string>
        {
            $"{period}，{name}共受理群众救助申请{Whole(r.Received)}件，截至{Date(overdueAsOf)}办结{Whole(r.Completed)}件，"
                + $"办结率{Rate(r.CompletionRate)}；{overdue}。",
        };
        var areas = r.ByArea.Where(a => a.Received > 0).OrderByDescending(a => a.Received).ToList();
        paragraphs.Add("按事项类别分，" + string.Join("，", areas.Select(a => $"{a.Area}类{Whole(a.Received)}件（办结{Whole(a.Completed)}件）")) + "。");
        return paragraphs;
    }

    private static string IncomeParagraph(string name, IncomeReport.Report r)
    {
        var who = r.HouseholdType;
        if (r.Persons == 0) return $"{r.Year}年，{name}{who}尚无收入数据。";
        var change = r.PreviousYear == 0 ? $"{r.Year - 1}年无可比收入数据"
            : r.Change > 0 ? $"较{r.Year - 1}年增加{Whole(r.Change)}元，增幅为{Share(r.ChangePct)}"
            : r.Change < 0 ? $"较{r.Year - 1}年减少{Whole(-r.Change)}元，降幅为{Share(-r.ChangePct)}"
            : $"与{r.Year - 1}年持平";
        var s = r.Shares;
        return $"{r.Year}年，{name}有收入数据的{who}{HouseholdsAndPersons(r.Households, r.Persons)}，家庭人均纯收入达{Whole(r.PerCapitaNetIncome)}元，{change}。"
            + $"四项收入中，工资性收入占比{Share(s.Wages)}，生产经营性净收入占比{Share(s.Operating)}，"
            + $"财产性收入占比{Share(s.Property)}，转移性收入占比{Share(s.Transfer)}。";
    }

    /// <summary>2025年12月31日.</summary>
    public static string Date(DateOnly date) => SpreadsheetExport.ChineseDate(date);

    /// <summary>1,234 — thousands separated, as Chinese reports print figures.</summary>
    public static string Whole(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string HouseholdsAndPersons(MonitoringReport.Figures f) => HouseholdsAndPersons(f.Households, f.Persons);

    private static string HouseholdsAndPersons(int households, int persons) => $"{Whole(households)}户{Whole(persons)}人";

    /// <summary>A rate of the reports with its one decimal: 66.7%.</summary>
    private static string Rate(decimal percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A share or change of the income report with its two decimals: 12.34%.</summary>
    private static string Share(decimal percent) => percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
