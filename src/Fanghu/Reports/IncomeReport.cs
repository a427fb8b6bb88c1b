using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Imports;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Reports;

/// <summary>
/// 收入统计 (DESIGN §8): the per-capita net income of a population of households in a division and everything under
/// it for a year, its change on the year before and the shares of the four income kinds. The definitions:
/// <list type="bullet">
/// <item><b>households</b>: the households of the population in the division (and below) with an income record for the
/// year and at least one member on 31 December of it; a household with no members that day (all died or moved out)
/// has no persons to divide by and is left out with its income.</item>
/// <item><b>persons</b>: the sum of those households' members on 31 December (<see cref="Household.SizeForYear"/>).</item>
/// <item><b>perCapitaNetIncome</b>: total 家庭纯收入 ÷ persons, rounded to the yuan (half away from zero); 0 when there are no persons.</item>
/// <item><b>previousYear</b>: the same figure for year − 1, by the same definition applied to that year (the population's
/// households with a record for year − 1 and members on its 31 December), not the same households followed.</item>
/// <item><b>change</b>: perCapitaNetIncome − previousYear in yuan; <b>changePct</b>: change ÷ previousYear × 100 with
/// two decimals, 0.00 when previousYear is 0.</item>
/// <item><b>shares</b>: each kind's total ÷ total net income × 100 with two decimals — 工资性, 生产经营性 (its income
/// net of its expenses, so it can be negative), 财产性, 转移性; rounded one by one, they may add to 99.99 or 100.01; all
/// 0.00 when the total net income is 0.</item>
/// </list>
/// Populations: 脱贫户 and 一般农户 by the household's type (a monitored household is in its type's population too);
/// 监测户 = households of either type with a monitoring episode identified on or before the year's 31 December and not
/// eliminated before its 1 January — a household whose risk was eliminated during the year still counts for that year.
/// The division is the household's division now.
/// <para>
/// Sums are taken in SQL, one grouped query per year, joining the incomes to each household's members counted in a grouped subquery; no
/// household or person is loaded. A division the user's scope does not wholly cover is refused, as the other reports do.
/// </para>
/// </summary>
public sealed class IncomeReport(FanghuDbContext db, TimeProvider clock)
{
    /// <summary>The households a report is about.</summary>
    public enum Population
    {
        /// <summary>脱贫户.</summary>
        FormerlyPoor = 1,
        /// <summary>一般农户.</summary>
        Ordinary = 2,
        /// <summary>监测户 (监测对象), of either type.</summary>
        Monitored = 3,
    }

    /// <summary>The words of <see cref="Population"/>, as the command line, the API and the JSON write them.</summary>
    public static readonly IReadOnlyDictionary<Population, string> Words = new Dictionary<Population, string>
    {
        [Population.FormerlyPoor] = "脱贫户",
        [Population.Ordinary] = "一般农户",
        [Population.Monitored] = "监测户",
    };

    /// <param name="Division">Short or 12-digit division code.</param>
    /// <param name="Year">The year, as digits (2021); full-width digits and a trailing 年 are accepted.</param>
    /// <param name="HouseholdType">脱贫户 (the default when blank), 一般农户 or 监测户 (监测对象 is taken as 监测户).</param>
    public sealed record Request(string? Division, string? Year, string? HouseholdType = null);

    /// <summary>The shares of the four income kinds in percent, two decimals, named in Chinese in the JSON.</summary>
    public sealed record Shares(
        [property: JsonPropertyName("工资性")] decimal Wages,
        [property: JsonPropertyName("生产经营性")] decimal Operating,
        [property: JsonPropertyName("财产性")] decimal Property,
        [property: JsonPropertyName("转移性")] decimal Transfer);

    /// <summary>The report; serialised with <see cref="Json"/> it is the published JSON of <c>fanghu report income</c> and the API.</summary>
    /// <param name="Division">The division's code in its short form (533401, not 533401000000).</param>
    /// <param name="HouseholdType">脱贫户, 一般农户 or 监测户.</param>
    public sealed record Report(string Division, int Year, string HouseholdType, int Households, int Persons, long PerCapitaNetIncome,
        long PreviousYear, long Change, decimal ChangePct, Shares Shares);

    /// <summary>One year's totals in yuan, for screens that show what the figures come from; not part of the JSON.</summary>
    public sealed record YearTotals(int Year, int Households, int Persons, decimal Wages, decimal NetOperating, decimal Property,
        decimal Transfer)
    {
        /// <summary>家庭纯收入 summed.</summary>
        public decimal NetIncome => Wages + NetOperating + Property + Transfer;

        /// <summary>Net income per person rounded to the yuan, half away from zero; 0 when there are no persons.</summary>
        public long PerCapita => Persons == 0 ? 0 : (long)Math.Round(NetIncome / Persons, 0, MidpointRounding.AwayFromZero);

        /// <summary>Both years' totals added (the year is this one's).</summary>
        public YearTotals Plus(YearTotals other) => new(Year, Households + other.Households, Persons + other.Persons, Wages + other.Wages,
            NetOperating + other.NetOperating, Property + other.Property, Transfer + other.Transfer);
    }

    public sealed record Result(Report? Report, string DivisionName, Population Population, YearTotals? Current, YearTotals? Previous,
        ReportRefusal? Refused, string Message)
    {
        [MemberNotNullWhen(true, nameof(Report), nameof(Current), nameof(Previous))]
        public bool Ok => Report is not null;
    }

    /// <summary>The reports' JSON: camelCase, Chinese left readable; decimals keep their two decimals (12.50, 0.00).</summary>
    public static JsonSerializerOptions Json => MonitoringReport.Json;

    public const int FirstYear = 2000;

    public async Task<Result> HandleAsync(Request request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Division)) return Refuse(ReportRefusal.InvalidInput, "请指定区划代码");
        if (!DivisionCode.TryParse(CellParsers.ToHalfWidth(request.Division), out var code, out var codeError))
            return Refuse(ReportRefusal.InvalidInput, codeError);
        if (string.IsNullOrWhiteSpace(request.Year)) return Refuse(ReportRefusal.InvalidInput, "请指定年度，如 2021");
        var yearText = CellParsers.ToHalfWidth(request.Year).Trim().TrimEnd('年');
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < FirstYear || year > 9999)
            return Refuse(ReportRefusal.InvalidInput, $"年度“{request.Year.Trim()}”无效，应为 {FirstYear} 年起的四位年份，如 2021");
        var today = clock.Today();
        if (year > today.Year) return Refuse(ReportRefusal.InvalidInput, $"{year}年尚未开始（今年是 {today.Year} 年），没有该年度的收入");
        if (!TryPopulation(request.HouseholdType, out var population))
            return Refuse(ReportRefusal.InvalidInput, $"户类型“{request.HouseholdType!.Trim()}”无效，应为 脱贫户、一般农户 或 监测户");

        var name = await db.Divisions.AsNoTracking().Where(d => d.Code == code.Value).Select(d => d.Name).FirstOrDefaultAsync(ct);
        if (name is null) return Refuse(ReportRefusal.UnknownDivision, $"区划 {code.Value} 不存在");
        if (!db.Scope.Covers(code.Value))
            return Refuse(ReportRefusal.OutsideScope, $"{name}（{code.Value}）不在您的管辖范围内，不能查看其统计");

        var current = await TotalsAsync(code, year, population, ct);
        var previous = await TotalsAsync(code, year - 1, population, ct);
        var change = current.PerCapita - previous.PerCapita;
        var net = current.NetIncome;
        var report = new Report(code.Value, year, Words[population], current.Households, current.Persons, current.PerCapita,
            previous.PerCapita, change, Percent(change, previous.PerCapita),
            new Shares(Percent(current.Wages, net), Percent(current.NetOperating, net), Percent(current.Property, net), Percent(current.Transfer, net)));
        return new Result(report, name, population, current, previous, null, "");
    }

    /// <summary>Blank is 脱贫户; otherwise one of <see cref="Words"/> (监测对象 as 监测户).</summary>
    public static bool TryPopulation(string? text, out Population population)
    {
        population = Population.FormerlyPoor;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var word = text.Trim();
        if (word == "监测对象") word = Words[Population.Monitored];
        foreach (var (key, value) in Words)
            if (value == word)
            {
                population = key;
                return true;
            }
        return false;
    }

    /// <summary>
    /// part ÷ whole × 100 with two decimals, always written with both (12.50, 0.00): the rounded value is given a scale of
    /// two, which System.Text.Json keeps when it writes a decimal. 0.00 when the whole is 0.
    /// </summary>
    public static decimal Percent(decimal part, decimal whole) =>
        whole == 0 ? 0.00m : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>The population's totals for a year in the division: the sum of its villages' (<see cref="TotalsByVillageAsync"/>).</summary>
    private async Task<YearTotals> TotalsAsync(DivisionCode code, int year, Population population, CancellationToken ct)
    {
        var value = code.Value;
        var byVillage = await TotalsByVillageAsync(db, year, population,
            incomes => code.Level switch
            {
                DivisionLevel.Village => incomes.Where(i => i.Household.VillageCode == value),
                DivisionLevel.Township => incomes.Where(i => i.Household.TownshipCode == value),
                DivisionLevel.County => incomes.Where(i => i.Household.CountyCode == value),
                DivisionLevel.Prefecture => incomes.Where(i => i.Household.PrefectureCode == value),
                _ => incomes.Where(i => i.Household.PrefectureCode.StartsWith(value)),
            },
            members => code.Level switch
            {
                DivisionLevel.Village => members.Where(m => m.Household.VillageCode == value),
                DivisionLevel.Township => members.Where(m => m.Household.TownshipCode == value),
                DivisionLevel.County => members.Where(m => m.Household.CountyCode == value),
                DivisionLevel.Prefecture => members.Where(m => m.Household.PrefectureCode == value),
                _ => members.Where(m => m.Household.PrefectureCode.StartsWith(value)),
            }, ct);
        return byVillage.Values.Aggregate(new YearTotals(year, 0, 0, 0m, 0m, 0m, 0m), (sum, v) => sum.Plus(v));
    }

    /// <summary>
    /// The population's totals for a year per village of the households the two filters keep (the same households for
    /// both): one query over the incomes joined to the households' sizes, grouped by village. No household or person is
    /// loaded. The dashboard's figures are counted with it too.
    /// </summary>
    public static async Task<Dictionary<string, YearTotals>> TotalsByVillageAsync(FanghuDbContext db, int year, Population population,
        Func<IQueryable<HouseholdIncome>, IQueryable<HouseholdIncome>> incomesIn, Func<IQueryable<Person>, IQueryable<Person>> membersIn,
        CancellationToken ct)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var incomes = incomesIn(db.Incomes.AsNoTracking().Where(i => i.Year == year));
        incomes = population switch
        {
            Population.FormerlyPoor => incomes.Where(i => i.Household.Type == HouseholdType.FormerlyPoor),
            Population.Ordinary => incomes.Where(i => i.Household.Type == HouseholdType.Ordinary),
            // IdentifiedOn <= yearEnd is false for a lead never identified, so leads and dismissed leads never count.
            _ => incomes.Where(i => db.MonitoringCases.Any(c => c.HouseholdId == i.HouseholdId && c.IdentifiedOn <= yearEnd
                && (c.EliminatedOn == null || c.EliminatedOn >= yearStart))),
        };
        // Household.SizeForYear in SQL: the members on 31 December (Person.IsMemberOn), counted per household.
        // The inner join leaves out a household with no one that day.
        var members = membersIn(db.Persons.AsNoTracking()
            .Where(m => (m.MemberFrom == null || m.MemberFrom <= yearEnd) && (m.MemberUntil == null || m.MemberUntil > yearEnd)));
        var sizes = members.GroupBy(m => m.HouseholdId).Select(g => new { HouseholdId = g.Key, Size = g.Count() });
        var rows = incomes.Join(sizes, i => i.HouseholdId, s => s.HouseholdId, (i, s) => new
        {
            i.Household.VillageCode,
            i.Wages,
            i.OperatingIncome,
            i.OperatingExpense,
            i.PropertyIncome,
            i.TransferIncome,
            s.Size,
        });
        var sums = await rows
            .GroupBy(r => r.VillageCode)
            .Select(g => new
            {
                Village = g.Key,
                Households = g.Count(),
                Persons = g.Sum(r => r.Size),
                Wages = g.Sum(r => r.Wages),
                OperatingIncome = g.Sum(r => r.OperatingIncome),
                OperatingExpense = g.Sum(r => r.OperatingExpense),
                Property = g.Sum(r => r.PropertyIncome),
                Transfer = g.Sum(r => r.TransferIncome),
            })
            .ToListAsync(ct);
        // SQLite keeps amounts as REAL: its sums are brought back to the cent they are made of.
        static decimal Yuan(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
        return sums.ToDictionary(s => s.Village, s => new YearTotals(year, s.Households, s.Persons, Yuan(s.Wages),
            Yuan(s.OperatingIncome) - Yuan(s.OperatingExpense), Yuan(s.Property), Yuan(s.Transfer)), StringComparer.Ordinal);
    }

    private static Result Refuse(ReportRefusal why, string message) => new(null, "", Population.FormerlyPoor, null, null, why, message);
}
