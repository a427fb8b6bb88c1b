using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Imports;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>
/// 监测对象统计 (DESIGN §8): the monitoring objects of a division and everything under it, as of the end of a date —
/// cumulative (累计纳入监测) = eliminated (已消除风险) + not eliminated (未消除风险), by category and by risk type, and
/// the households newly identified and newly eliminated in the calendar year up to the date. The counting rules are
/// <see cref="MonitoringTally"/>'s; this reads the episodes in one streaming query, each with the household's
/// members on the date counted in SQL, and never loads households or persons.
/// <para>
/// <see cref="Report.ByCategory"/> and <see cref="Report.ByRiskType"/> list only categories and risk types with at
/// least one household, in the order of <see cref="MonitoringCategory"/> and of the national risk type codes
/// (<see cref="RiskTypes.List"/>).
/// </para>
/// <para>
/// Runs on the request's scoped context. A division the user's scope does not wholly cover is refused rather than
/// counted in part: the query filters would silently drop the households the user cannot see.
/// </para>
/// </summary>
public sealed class MonitoringReport(FanghuDbContext db, TimeProvider clock)
{
    /// <param name="Division">Short or 12-digit division code.</param>
    /// <param name="AsOf">A date in any form the imports accept (2022-01-31, 2022/1/31, 2022年1月31日, 20220131); blank is today.</param>
    public sealed record Request(string? Division, string? AsOf = null);

    public sealed record Figures(int Households, int Persons);

    /// <param name="Value">The category itself, for screens that name it in another language; not part of the JSON.</param>
    /// <param name="Category">The category's Chinese name (脱贫不稳定户…).</param>
    public sealed record CategoryFigures([property: JsonIgnore] MonitoringCategory Value, string Category, int Households, int Persons);

    public sealed record RiskTypeFigures(string Code, string Name, int Households, int Persons);

    /// <summary>The report; serialised with <see cref="Json"/> it is the published JSON of <c>fanghu report monitoring</c> and the API.</summary>
    /// <param name="Division">The 12-digit code.</param>
    public sealed record Report(
        string Division,
        DateOnly AsOf,
        Figures Monitored,
        Figures Eliminated,
        Figures NotEliminated,
        IReadOnlyList<CategoryFigures> ByCategory,
        IReadOnlyList<RiskTypeFigures> ByRiskType,
        Figures NewlyIdentified,
        Figures NewlyEliminated)
    {
        /// <summary>风险消除率 (DESIGN §8): eliminated ÷ monitored households, in percent with one decimal; 0 when none is monitored.</summary>
        public decimal EliminationRate => Monitored.Households == 0 ? 0m
            : Math.Round(100m * Eliminated.Households / Monitored.Households, 1, MidpointRounding.AwayFromZero);
    }

    public sealed record DivisionFigures(Figures Monitored, Figures Eliminated, Figures NotEliminated);

    /// <summary>A division one level down, with its headline figures, for drilling down.</summary>
    public sealed record ChildRow(string Code, string Name, DivisionFigures Figures);

    /// <summary>Either the report (with the division's name and its children) or why it was refused, in Chinese.</summary>
    public sealed record Result(Report? Report, string DivisionName, IReadOnlyList<ChildRow> Children, ReportRefusal? Refused, string Message)
    {
        [MemberNotNullWhen(true, nameof(Report))]
        public bool Ok => Report is not null;
    }

    /// <summary>camelCase names, Chinese left readable (HTML-sensitive characters are still escaped).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Division))
            return Refuse(ReportRefusal.InvalidInput, "请指定区划代码");
        if (!DivisionCode.TryParse(request.Division, out var code, out var codeError))
            return Refuse(ReportRefusal.InvalidInput, codeError);

        // China's date, as everywhere in the workflow: the server's own zone (UTC in a container) is a day behind until 08:00.
        var today = clock.Today();
        if (ReportDates.AsOf(request.AsOf, today, out var asOf) is { } asOfError) return Refuse(ReportRefusal.InvalidInput, asOfError);

        var name = await db.Divisions.AsNoTracking().Where(d => d.Code == code.Value).Select(d => d.Name).FirstOrDefaultAsync(ct);
        if (name is null)
            return Refuse(ReportRefusal.UnknownDivision, $"区划 {code.Padded} 不存在");
        if (!db.Scope.Covers(code.Value))
            return Refuse(ReportRefusal.OutsideScope, $"{name}（{code.Padded}）不在您的管辖范围内，不能查看其统计");

        DivisionLevel? childLevel = code.Level == DivisionLevel.Village ? null : code.Level + 1;
        var tally = new MonitoringTally(asOf, childLevel);
        await foreach (var row in Episodes(code, asOf).AsAsyncEnumerable().WithCancellation(ct))
            tally.Add(row);

        var children = childLevel is null ? [] : await ChildrenAsync(code, tally.ByChild(), ct);
        return new Result(tally.ToReport(code.Padded), name, children, null, "");
    }

    /// <summary>
    /// Every episode identified on or before the date of the households under the division, ordered by household.
    /// <c>IdentifiedOn &lt;= asOf</c> is false for an episode not identified yet (a lead), so leads never count.
    /// </summary>
    private IQueryable<EpisodeRow> Episodes(DivisionCode code, DateOnly asOf)
    {
        var value = code.Value;
        var cases = db.MonitoringCases.AsNoTracking().Where(c => c.IdentifiedOn <= asOf);
        cases = code.Level switch
        {
            DivisionLevel.Village => cases.Where(c => c.Household.VillageCode == value),
            DivisionLevel.Township => cases.Where(c => c.Household.TownshipCode == value),
            DivisionLevel.County => cases.Where(c => c.Household.CountyCode == value),
            DivisionLevel.Prefecture => cases.Where(c => c.Household.PrefectureCode == value),
            _ => cases.Where(c => c.Household.PrefectureCode.StartsWith(value)),
        };
        return EpisodeRows(cases.OrderBy(c => c.HouseholdId), asOf);
    }

    /// <summary>Episodes as <see cref="MonitoringTally"/> reads them, with the household's members on the date counted in SQL.</summary>
    public static IQueryable<EpisodeRow> EpisodeRows(IQueryable<MonitoringCase> cases, DateOnly asOf) =>
        cases.Select(c => new EpisodeRow(
            c.HouseholdId,
            c.Episode,
            ((DateOnly?)c.IdentifiedOn).GetValueOrDefault(),
            c.EliminatedOn,
            (MonitoringCategory?)c.Category,
            c.RiskTypeCodes,
            // Members on the date: the rule of Person.IsMemberOn, in SQL.
            c.Household.Members.Count(m => (m.MemberFrom == null || m.MemberFrom <= asOf) && (m.MemberUntil == null || m.MemberUntil > asOf)),
            c.Household.VillageCode,
            c.Id));

    private async Task<IReadOnlyList<ChildRow>> ChildrenAsync(DivisionCode code, IReadOnlyDictionary<string, DivisionFigures> figures,
        CancellationToken ct)
    {
        var zero = new Figures(0, 0);
        var children = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == code.Value).OrderBy(d => d.Code)
            .Select(d => new { d.Code, d.Name }).ToListAsync(ct);
        return [.. children.Select(d => new ChildRow(d.Code, d.Name,
            figures.TryGetValue(d.Code, out var f) ? f : new DivisionFigures(zero, zero, zero)))];
    }

    private static Result Refuse(ReportRefusal why, string message) => new(null, "", [], why, message);
}
