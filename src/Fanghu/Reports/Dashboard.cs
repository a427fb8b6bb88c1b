using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Assistance;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Imports;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>
/// 数据看板 (DESIGN §8): a division's figures as of a date, with its divisions one level down for drilling down —
/// monitoring objects, identification timeliness, applications, income, guarantees, measures and the mismatch list.
/// The figures are <see cref="FigureCounter"/>'s. As of today they are read from the store (<see cref="FigureStore"/>),
/// after counting again the few units whose records changed; for an earlier date they are counted from the records,
/// unit by unit (slower at a province's scale, and said so).
/// </summary>
public sealed class Dashboard(FanghuDbContext db, TimeProvider clock, DatabaseSettings settings)
{
    /// <summary>Pending units counted on the spot before answering; beyond this the background refresher catches up.</summary>
    public const int RefreshOnRequest = 50;

    /// <summary>Rows of the mismatch list shown (the count is of all).</summary>
    public const int GapRows = 50;

    private static readonly SemaphoreSlim OneLiveCount = new(1, 1);

    public sealed record Request(string? Division, string? AsOf = null);

    public sealed record Timeliness(int Identified, int? MedianDays, bool MedianAboveMax, int IdentifiedLate, int InIdentification,
        int InIdentificationOverdue);

    public sealed record Applications(int Received, int Completed, decimal CompletionRate, int Overdue);

    public sealed record Income(string HouseholdType, int Year, int Households, int Persons, long PerCapitaNetIncome, long PreviousYear,
        long Change, decimal ChangePct, IncomeReport.Shares Shares);

    public sealed record Guarantees(int MonitoredPersons, int Insured, decimal InsuredRate, int Dropouts, int HousingCD, int WaterProblems);

    public sealed record MeasureCount([property: JsonIgnore] MeasureType Value, string Type, int Measures, int Households);

    /// <param name="MissingRiskTypes">The unanswered risk types' names.</param>
    public sealed record GapRow(long CaseId, long HouseholdId, string HouseholdNumber, string VillageCode, string VillageName,
        DateOnly IdentifiedOn, IReadOnlyList<string> MissingRiskTypes);

    public sealed record ChildRow(string Code, string Name, MonitoringReport.Figures Monitored, MonitoringReport.Figures Eliminated,
        decimal EliminationRate, int InIdentificationOverdue, int ApplicationsOverdue, int RiskGaps);

    /// <param name="FiguresOn">The date the figures were counted for (as of).</param>
    /// <param name="Pending">Units under the division whose figures are not yet today's (0 when counted from the records).</param>
    /// <param name="Live">Counted from the records for this request rather than read from the store.</param>
    public sealed record Board(
        string Division,
        DateOnly AsOf,
        bool Live,
        int Pending,
        MonitoringReport.Report Monitoring,
        Timeliness Identification,
        Applications ApplicationsYearToDate,
        IReadOnlyList<Income> Incomes,
        Guarantees Guarantee,
        IReadOnlyList<MeasureCount> Measures,
        int RiskGaps,
        IReadOnlyList<GapRow> RiskGapRows,
        IReadOnlyList<ChildRow> Children);

    public sealed record Result(Board? Board, string DivisionName, ReportRefusal? Refused, string Message)
    {
        [MemberNotNullWhen(true, nameof(Board))]
        public bool Ok => Board is not null;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Division)) return Refuse(ReportRefusal.InvalidInput, "请指定区划代码");
        if (!DivisionCode.TryParse(CellParsers.ToHalfWidth(request.Division), out var code, out var codeError))
            return Refuse(ReportRefusal.InvalidInput, codeError);
        var today = clock.Today();
        if (ReportDates.AsOf(request.AsOf, today, out var asOf) is { } asOfError) return Refuse(ReportRefusal.InvalidInput, asOfError);

        var name = await db.Divisions.AsNoTracking().Where(d => d.Code == code.Value).Select(d => d.Name).FirstOrDefaultAsync(ct);
        if (name is null) return Refuse(ReportRefusal.UnknownDivision, $"区划 {code.Value} 不存在");
        if (!db.Scope.Covers(code.Value))
            return Refuse(ReportRefusal.OutsideScope, $"{name}（{code.Value}）不在您的管辖范围内，不能查看其统计");

        var children = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == code.Value).OrderBy(d => d.Code)
            .Select(d => new { d.Code, d.Name }).ToListAsync(ct);
        FigureSet figures;
        Dictionary<string, FigureSet> byChild;
        List<RiskGap> gaps;
        int gapCount, pending = 0;
        var live = asOf != today;
        // The store's tables and the counting read all of a unit's records: an unrestricted context, used only after
        // the scope check above and only for units under the division.
        await using var own = db.Scope.Unrestricted ? null : DataServices.CreateContext(settings, DataScope.All);
        var all = own ?? db;
        if (!live)
        {
            var store = new FigureStore(all, clock);
            var childCodes = children.Select(c => c.Code).ToList();
            var childKeys = FigureKeys.ChildKeys.ToList();
            async Task<(FigureSet, Dictionary<string, FigureSet>)> ReadAsync()
            {
                var division = new FigureSet(await all.DivisionFigures.AsNoTracking().Where(f => f.DivisionCode == code.Value)
                    .Select(f => KeyValuePair.Create(f.Key, f.Value)).ToListAsync(ct));
                var rows = await all.DivisionFigures.AsNoTracking()
                    .Where(f => childCodes.Contains(f.DivisionCode) && childKeys.Contains(f.Key)).ToListAsync(ct);
                return (division, rows.GroupBy(r => r.DivisionCode).ToDictionary(g => g.Key,
                    g => new FigureSet(g.Select(r => KeyValuePair.Create(r.Key, r.Value))), StringComparer.Ordinal));
            }
            (figures, byChild) = await ReadAsync();
            pending = await store.PendingCountAsync(code.Value, figures, ct);
            if (pending > 0)
            {
                try
                {
                    // Under steady writes there is always something pending: a request counts a few units unless another
                    // refresh holds it up for more than two seconds, and then answers with the figures as they are and
                    // says how many are pending — rather than queue behind every other request.
                    await store.RefreshAsync(code.Value, RefreshOnRequest, ct, wait: TimeSpan.FromSeconds(2));
                }
                catch (FigureRefreshException)
                {
                    // The units that failed stay pending: the page says how many rather than failing for all.
                }
                (figures, byChild) = await ReadAsync();
                pending = await store.PendingCountAsync(code.Value, figures, ct);
            }
            var (low, high) = FigureStore.Range(code.Value);
            gaps = await all.RiskGaps.AsNoTracking().Where(g => string.Compare(g.UnitCode, low) >= 0 && string.Compare(g.UnitCode, high) < 0)
                .OrderBy(g => g.IdentifiedOn).ThenBy(g => g.CaseId).Take(GapRows).ToListAsync(ct);
            gapCount = figures.Number(FigureKeys.RiskGaps);
        }
        else
        {
            // Counting a province from the records takes minutes: one such count at a time in the process.
            await OneLiveCount.WaitAsync(ct);
            try
            {
                (figures, byChild, gaps) = await CountLiveAsync(all, code, asOf, ct);
            }
            finally
            {
                OneLiveCount.Release();
            }
            gapCount = gaps.Count;
            gaps = [.. gaps.OrderBy(g => g.IdentifiedOn).ThenBy(g => g.CaseId).Take(GapRows)];
        }

        var villageNames = await NamesAsync(gaps.Select(g => g.UnitCode).Distinct().ToList(), ct);
        var board = new Board(
            code.Value,
            asOf,
            live,
            pending,
            MonitoringOf(figures, code.Padded, asOf),
            TimelinessOf(figures),
            ApplicationsOf(figures),
            [.. FigureKeys.IncomePopulations.Select(p => IncomeOf(figures, p, asOf))],
            GuaranteesOf(figures),
            [.. Enum.GetValues<MeasureType>().Select(t => new MeasureCount(t, MeasureWords.Type.Word(t),
                figures.Number(FigureKeys.Measures(t)), figures.Number(FigureKeys.MeasureHouseholds(t))))],
            gapCount,
            [.. gaps.Select(g => new GapRow(g.CaseId, g.HouseholdId, g.HouseholdNumber, g.UnitCode, villageNames.GetValueOrDefault(g.UnitCode, g.UnitCode),
                g.IdentifiedOn, [.. g.MissingRiskCodes.Split(';').Select(c => RiskTypes.IsCode(c) ? RiskTypes.NameOf(c) : c)]))],
            [.. children.Select(c => ChildOf(c.Code, c.Name, byChild.GetValueOrDefault(c.Code) ?? new FigureSet()))]);
        return new Result(board, name, null, "");
    }

    /// <summary>
    /// An earlier date: every unit under the division counted from the records, a township's units at a time; the
    /// division's figures and its children's are their sums.
    /// </summary>
    private static async Task<(FigureSet, Dictionary<string, FigureSet>, List<RiskGap>)> CountLiveAsync(FanghuDbContext all, DivisionCode code,
        DateOnly asOf, CancellationToken ct)
    {
        var prefix = code.Value;
        var units = await all.Divisions.AsNoTracking()
            .Where(d => d.Level >= DivisionLevel.County && d.Code.StartsWith(prefix)).OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
        var total = new FigureSet();
        var byChild = new Dictionary<string, FigureSet>(StringComparer.Ordinal);
        var gaps = new List<RiskGap>();
        var childLength = code.Level == DivisionLevel.Village ? 0 : DivisionCode.LengthOf(code.Level + 1);
        foreach (var batch in units.Chunk(FigureStore.BatchSize))
        {
            var counted = await FigureCounter.CountAsync(all, batch, asOf, ct);
            gaps.AddRange(counted.Gaps);
            foreach (var (unit, set) in counted.Units)
            {
                total.AddAll(set);
                if (childLength == 0 || unit.Length < childLength) continue;
                var child = unit[..childLength];
                if (!byChild.TryGetValue(child, out var childSet)) byChild[child] = childSet = new FigureSet();
                childSet.AddAll(set);
            }
        }
        return (total, byChild, gaps);
    }

    private async Task<Dictionary<string, string>> NamesAsync(List<string> codes, CancellationToken ct) =>
        codes.Count == 0 ? [] : await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);

    /// <summary>The monitoring figures in the monitoring report's own shape (and JSON).</summary>
    public static MonitoringReport.Report MonitoringOf(FigureSet f, string division, DateOnly asOf)
    {
        var categories = Enum.GetValues<MonitoringCategory>()
            .Select(c => (c, f.Pair(FigureKeys.Category(c))))
            .Where(x => x.Item2.Households > 0)
            .Select(x => new MonitoringReport.CategoryFigures(x.c, MonitoringWords.Category.Word(x.c), x.Item2.Households, x.Item2.Persons))
            .ToList();
        var risks = RiskTypes.List
            .Select(r => (r, f.Pair(FigureKeys.Risk(r.Code))))
            .Where(x => x.Item2.Households > 0)
            .Select(x => new MonitoringReport.RiskTypeFigures(x.r.Code, x.r.Name, x.Item2.Households, x.Item2.Persons))
            .ToList();
        return new MonitoringReport.Report(division, asOf, f.Pair(FigureKeys.Monitored), f.Pair(FigureKeys.Eliminated),
            f.Pair(FigureKeys.NotEliminated), categories, risks, f.Pair(FigureKeys.NewlyIdentified), f.Pair(FigureKeys.NewlyEliminated));
    }

    /// <summary>The median of the days from lead to approval, from their histogram: the lower middle value for an even count.</summary>
    public static Timeliness TimelinessOf(FigureSet f)
    {
        var identified = f.Number(FigureKeys.Identified);
        int? median = null;
        var aboveMax = false;
        if (identified > 0)
        {
            var middle = (identified + 1) / 2;
            var seen = 0;
            for (var days = 0; days <= FigureKeys.MaxDays; days++)
            {
                seen += f.Number(FigureKeys.IdentificationDays(days));
                if (seen < middle) continue;
                median = days;
                aboveMax = days == FigureKeys.MaxDays;
                break;
            }
        }
        return new Timeliness(identified, median, aboveMax, f.Number(FigureKeys.IdentifiedLate), f.Number(FigureKeys.InIdentification),
            f.Number(FigureKeys.InIdentificationOverdue));
    }

    public static Applications ApplicationsOf(FigureSet f)
    {
        var received = f.Number(FigureKeys.ApplicationsReceived);
        var completed = f.Number(FigureKeys.ApplicationsCompleted);
        return new Applications(received, completed, ApplicationsReport.Rate(completed, received), f.Number(FigureKeys.ApplicationsOverdue));
    }

    /// <summary>
    /// The income report's figures for the latest year with incomes recorded (of the date's year and the two before), in
    /// its definitions (<see cref="IncomeReport"/>).
    /// </summary>
    public static Income IncomeOf(FigureSet f, IncomeReport.Population population, DateOnly asOf)
    {
        var year = asOf.Year;
        while (year > asOf.Year - FigureCounter.IncomeYears + 1 && f.IncomeOf(population, year).Households == 0) year--;
        var current = f.IncomeOf(population, year);
        var previous = f.IncomeOf(population, year - 1);
        var change = current.PerCapita - previous.PerCapita;
        var net = current.NetIncome;
        return new Income(IncomeReport.Words[population], year, current.Households, current.Persons, current.PerCapita, previous.PerCapita, change,
            IncomeReport.Percent(change, previous.PerCapita),
            new IncomeReport.Shares(IncomeReport.Percent(current.Wages, net), IncomeReport.Percent(current.NetOperating, net),
                IncomeReport.Percent(current.Property, net), IncomeReport.Percent(current.Transfer, net)));
    }

    public static Guarantees GuaranteesOf(FigureSet f)
    {
        var persons = f.Number(FigureKeys.GuaranteedPersons);
        var insured = f.Number(FigureKeys.Insured);
        return new Guarantees(persons, insured, IncomeReport.Percent(insured, persons), f.Number(FigureKeys.Dropouts), f.Number(FigureKeys.HousingCD),
            f.Number(FigureKeys.WaterProblems));
    }

    private static ChildRow ChildOf(string code, string name, FigureSet f)
    {
        var monitored = f.Pair(FigureKeys.Monitored);
        var eliminated = f.Pair(FigureKeys.Eliminated);
        var rate = monitored.Households == 0 ? 0m
            : Math.Round(100m * eliminated.Households / monitored.Households, 1, MidpointRounding.AwayFromZero);
        return new ChildRow(code, name, monitored, eliminated, rate, f.Number(FigureKeys.InIdentificationOverdue),
            f.Number(FigureKeys.ApplicationsOverdue), f.Number(FigureKeys.RiskGaps));
    }

    private static Result Refuse(ReportRefusal why, string message) => new(null, "", why, message);
}
