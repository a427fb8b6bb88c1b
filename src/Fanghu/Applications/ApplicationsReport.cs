using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Imports;
using Fanghu.Monitoring;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Applications;

/// <summary>
/// The applications' KPIs for a division and a period (§7, §8), counting every application filed in the division or
/// below: received = filed in the period; completed = those of them closed (办结) by the period's last day — a reopened
/// application counts as it stood then; the completion rate (办结率) = completed ÷ received in percent with one decimal
/// (0.0 when nothing was received); overdue (超期) = those of them still open at the period's end and past their due
/// day (督办). Counted from the steps' dates, so a period already past gives the same figures later; a period that
/// ends after today is judged overdue as of today, since nobody can yet be late on a day still to come.
/// <para>
/// Runs on the request's scoped context. A division the user's scope does not wholly cover is refused rather than
/// counted in part, as the monitoring report does.
/// </para>
/// </summary>
public sealed class ApplicationsReport(FanghuDbContext db, TimeProvider clock)
{
    /// <param name="Division">Short or 12-digit division code.</param>
    /// <param name="From">The period's first day, in any form the imports accept (2025-01-01, 2025年1月1日, 20250101…).</param>
    /// <param name="To">The period's last day (included).</param>
    public sealed record Request(string? Division, string? From, string? To);

    /// <param name="Value">The area itself, for screens that name it in another language; not part of the JSON.</param>
    /// <param name="Area">The area's Chinese word (生活, 就业, 教育, 医疗, 住房, 饮水).</param>
    public sealed record AreaCount([property: JsonIgnore] ApplicationArea Value, string Area, int Received, int Completed);

    /// <summary>
    /// The report; serialised with <see cref="Json"/> it is the published JSON of <c>fanghu report applications</c> and
    /// the API. <see cref="ByArea"/> lists the six areas in their fixed order, with zeros.
    /// </summary>
    /// <param name="Division">The division's code in its short form (533401, not 533401000000).</param>
    public sealed record Report(string Division, DateOnly From, DateOnly To, int Received, int Completed, decimal CompletionRate, int Overdue,
        IReadOnlyList<AreaCount> ByArea);

    public sealed record Figures(int Received, int Completed, decimal CompletionRate, int Overdue);

    /// <summary>A division one level down with its figures; <see cref="Code"/> is null for applications filed at the division itself.</summary>
    public sealed record ChildRow(string? Code, string? Name, Figures Figures);

    /// <param name="OverdueAsOf">The day overdue was judged on: the period's last day, or today when that is still to come.</param>
    public sealed record Result(Report? Report, string DivisionName, IReadOnlyList<ChildRow> Children, DateOnly OverdueAsOf, ReportRefusal? Refused,
        string Message)
    {
        [MemberNotNullWhen(true, nameof(Report))]
        public bool Ok => Report is not null;
    }

    /// <summary>The reports' JSON: camelCase, dates as yyyy-MM-dd, Chinese left readable.</summary>
    public static JsonSerializerOptions Json => Reports.MonitoringReport.Json;

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Division)) return Refuse(ReportRefusal.InvalidInput, "请指定区划代码");
        if (!DivisionCode.TryParse(CellParsers.ToHalfWidth(request.Division), out var code, out var codeError))
            return Refuse(ReportRefusal.InvalidInput, codeError);
        if (Date(request.From, "开始日期", out var from) is { } fromError) return Refuse(ReportRefusal.InvalidInput, fromError);
        if (Date(request.To, "结束日期", out var to) is { } toError) return Refuse(ReportRefusal.InvalidInput, toError);
        if (to < from)
            return Refuse(ReportRefusal.InvalidInput, $"结束日期 {to:yyyy年M月d日} 早于开始日期 {from:yyyy年M月d日}");

        var name = await db.Divisions.AsNoTracking().Where(d => d.Code == code.Value).Select(d => d.Name).FirstOrDefaultAsync(ct);
        if (name is null) return Refuse(ReportRefusal.UnknownDivision, $"区划 {code.Value} 不存在");
        if (!db.Scope.Covers(code.Value))
            return Refuse(ReportRefusal.OutsideScope, $"{name}（{code.Value}）不在您的管辖范围内，不能查看其统计");

        var today = clock.Today();
        var judgedOn = to < today ? to : today;
        DivisionLevel? childLevel = code.Level == DivisionLevel.Village ? null : code.Level + 1;
        var total = new Tally();
        var byArea = Enum.GetValues<ApplicationArea>().ToDictionary(a => a, _ => new Tally());
        var byChild = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var atDivision = new Tally();

        var prefix = code.Value;
        var filed = db.Applications.AsNoTracking().Where(a => a.FiledOn >= from && a.FiledOn <= to);
        filed = code.Level switch
        {
            DivisionLevel.Province => filed.Where(a => a.PrefectureCode.StartsWith(prefix)),
            DivisionLevel.Prefecture => filed.Where(a => a.PrefectureCode == prefix),
            DivisionLevel.County => filed.Where(a => a.CountyCode == prefix),
            DivisionLevel.Township => filed.Where(a => a.TownshipCode == prefix),
            _ => filed.Where(a => a.VillageCode == prefix),
        };
        var rows = Standings(filed, to);
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var (completed, overdue) = r.Judge(judgedOn);
            total.Add(completed, overdue);
            byArea[r.Area].Add(completed, overdue);
            if (childLevel is null) continue;
            var child = childLevel switch
            {
                DivisionLevel.Prefecture => r.PrefectureCode,
                DivisionLevel.County => r.CountyCode,
                DivisionLevel.Township => r.TownshipCode,
                _ => r.VillageCode,
            };
            if (child is null) atDivision.Add(completed, overdue);
            else
            {
                if (!byChild.TryGetValue(child, out var t)) byChild[child] = t = new Tally();
                t.Add(completed, overdue);
            }
        }

        var report = new Report(code.Value, from, to, total.Received, total.Completed, Rate(total.Completed, total.Received), total.Overdue,
            [.. byArea.Select(a => new AreaCount(a.Key, ApplicationWords.Area.Word(a.Key), a.Value.Received, a.Value.Completed))]);
        var children = new List<ChildRow>();
        if (childLevel is not null)
        {
            var names = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == code.Value).OrderBy(d => d.Code)
                .Select(d => new { d.Code, d.Name }).ToListAsync(ct);
            children.AddRange(names.Select(d => new ChildRow(d.Code, d.Name, (byChild.GetValueOrDefault(d.Code) ?? new Tally()).Figures())));
            // A division code not in the table (none should be: filing and import check it) still gets its row, so the rows add up to the total.
            children.AddRange(byChild.Where(c => names.All(n => n.Code != c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new ChildRow(c.Key, null, c.Value.Figures())));
            if (atDivision.Received > 0) children.Add(new ChildRow(null, null, atDivision.Figures()));
        }
        return new Result(report, name, children, judgedOn, null, "");
    }

    /// <summary>
    /// Completed over received in percent, one decimal, always written with it (66.7, 100.0, 0.0): the rounded value is
    /// given a scale of at least one, which System.Text.Json keeps when it writes a decimal.
    /// </summary>
    public static decimal Rate(int completed, int received) =>
        received == 0 ? 0.0m : Math.Round(completed * 100m / received, 1, MidpointRounding.AwayFromZero) + 0.0m;

    /// <summary>An application as the KPIs judge it at a period's end: its place, due day and last close or reopening by then.</summary>
    public sealed record Standing(ApplicationArea Area, DateOnly DueOn, string PrefectureCode, string CountyCode, string? TownshipCode,
        string? VillageCode, ApplicationStepKind? Last)
    {
        /// <summary>Completed: it stood closed at the period's end; overdue: not completed and past its due day on <paramref name="judgedOn"/>.</summary>
        public (bool Completed, bool Overdue) Judge(DateOnly judgedOn)
        {
            var completed = Last == ApplicationStepKind.Closed;
            return (completed, !completed && DueOn < judgedOn);
        }
    }

    /// <summary>The standing of each application at the end of <paramref name="to"/>, in one query (the dashboard counts with it too).</summary>
    public static IQueryable<Standing> Standings(IQueryable<AssistanceApplication> applications, DateOnly to) =>
        applications.Select(a => new Standing(
            a.Area,
            a.DueOn,
            a.PrefectureCode,
            a.CountyCode,
            a.TownshipCode,
            a.VillageCode,
            // The last close or reopening up to the period's end says whether it stood closed then.
            a.Steps.Where(s => (s.Kind == ApplicationStepKind.Closed || s.Kind == ApplicationStepKind.Reopened) && s.On <= to)
                .OrderByDescending(s => s.On).ThenByDescending(s => s.Id).Select(s => (ApplicationStepKind?)s.Kind).FirstOrDefault()));

    private static string? Date(string? text, string what, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return $"请指定{what}";
        if (!CellParsers.TryDate(text, out var parsed, out var error)) return $"{what}：{error}";
        date = parsed!.Value;
        return null;
    }

    private static Result Refuse(ReportRefusal why, string message) => new(null, "", [], default, why, message);

    private sealed class Tally
    {
        public int Received, Completed, Overdue;

        public void Add(bool completed, bool overdue)
        {
            Received++;
            if (completed) Completed++;
            if (overdue) Overdue++;
        }

        public Figures Figures() => new(Received, Completed, Rate(Completed, Received), Overdue);
    }
}
