using System.Runtime.InteropServices;
using Fanghu.Assistance;
using Fanghu.Monitoring;

namespace Fanghu.Reports;

/// <summary>
/// Additive figures by key (<see cref="FigureKeys"/>): a unit's counts, or a division's as the sum of its units'. Zeros
/// are not kept, so a small village stores only what it has.
/// </summary>
public sealed class FigureSet : Dictionary<string, long>
{
    public FigureSet() : base(StringComparer.Ordinal) { }

    public FigureSet(IEnumerable<KeyValuePair<string, long>> values) : this()
    {
        foreach (var (key, value) in values) Add(key, value);
    }

    public new void Add(string key, long value)
    {
        if (value == 0) return;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(this, key, out _);
        slot += value;
        if (slot == 0) Remove(key);
    }

    public void AddAll(FigureSet other)
    {
        foreach (var (key, value) in other) Add(key, value);
    }

    public long Of(string key) => TryGetValue(key, out var value) ? value : 0;

    public int Number(string key) => checked((int)Of(key));

    public void AddMonitoring(MonitoringReport.Report report)
    {
        AddPair(FigureKeys.Monitored, report.Monitored);
        AddPair(FigureKeys.Eliminated, report.Eliminated);
        AddPair(FigureKeys.NotEliminated, report.NotEliminated);
        AddPair(FigureKeys.NewlyIdentified, report.NewlyIdentified);
        AddPair(FigureKeys.NewlyEliminated, report.NewlyEliminated);
        foreach (var c in report.ByCategory) AddPair(FigureKeys.Category(c.Value), new(c.Households, c.Persons));
        foreach (var r in report.ByRiskType) AddPair(FigureKeys.Risk(r.Code), new(r.Households, r.Persons));
    }

    private void AddPair(string key, MonitoringReport.Figures figures)
    {
        Add(key + FigureKeys.HouseholdsSuffix, figures.Households);
        Add(key + FigureKeys.PersonsSuffix, figures.Persons);
    }

    public void AddIncome(IncomeReport.Population population, IncomeReport.YearTotals t)
    {
        var key = FigureKeys.Income(population, t.Year);
        Add(key + FigureKeys.HouseholdsSuffix, t.Households);
        Add(key + FigureKeys.PersonsSuffix, t.Persons);
        Add(key + ".wages", Cents(t.Wages));
        Add(key + ".op", Cents(t.NetOperating));
        Add(key + ".prop", Cents(t.Property));
        Add(key + ".tr", Cents(t.Transfer));
    }

    /// <summary>The income totals stored under <see cref="FigureKeys.Income"/>, back in yuan.</summary>
    public IncomeReport.YearTotals IncomeOf(IncomeReport.Population population, int year)
    {
        var key = FigureKeys.Income(population, year);
        return new IncomeReport.YearTotals(year, Number(key + FigureKeys.HouseholdsSuffix), Number(key + FigureKeys.PersonsSuffix), Yuan(Of(key + ".wages")), Yuan(Of(key + ".op")),
            Yuan(Of(key + ".prop")), Yuan(Of(key + ".tr")));
    }

    public MonitoringReport.Figures Pair(string key) => new(Number(key + FigureKeys.HouseholdsSuffix), Number(key + FigureKeys.PersonsSuffix));

    private static long Cents(decimal yuan) => (long)Math.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero);

    private static decimal Yuan(long cents) => cents / 100m;
}

/// <summary>The names figures are stored under; short, as there are many rows of them.</summary>
public static class FigureKeys
{
    public const string HouseholdsSuffix = ".h";
    public const string PersonsSuffix = ".p";

    public const string Monitored = "m.all";
    public const string Eliminated = "m.elim";
    public const string NotEliminated = "m.open";
    public const string NewlyIdentified = "m.newid";
    public const string NewlyEliminated = "m.newelim";

    public static string Category(MonitoringCategory category) => "m.cat." + (int)category;

    public static string Risk(string code) => "m.risk." + code;

    public const string Identified = "t.id";
    public const string IdentifiedLate = "t.late";
    public const string InIdentification = "t.open";
    public const string InIdentificationOverdue = "t.openlate";

    /// <summary>Days from lead to approval above this are counted together (the median is then given as "more than").</summary>
    public const int MaxDays = 366;

    public static string IdentificationDays(int days) => "t.d." + Math.Clamp(days, 0, MaxDays);

    public const string ApplicationsReceived = "a.in";
    public const string ApplicationsCompleted = "a.done";
    public const string ApplicationsOverdue = "a.late";

    public static readonly IReadOnlyList<IncomeReport.Population> IncomePopulations =
        [IncomeReport.Population.FormerlyPoor, IncomeReport.Population.Monitored];

    public static string Income(IncomeReport.Population population, int year) => $"i.{(int)population}.{year}";

    public const string GuaranteedPersons = "g.p";
    public const string Insured = "g.ins";
    public const string Dropouts = "g.drop";
    public const string HousingCD = "g.house";
    public const string WaterProblems = "g.water";

    public static string Measures(MeasureType type) => "s.n." + (int)type;

    public static string MeasureHouseholds(MeasureType type) => "s.h." + (int)type;

    public const string RiskGaps = "s.gap";

    /// <summary>One per unit under the day its figures were counted for: a division's sum says how many are not today's.</summary>
    public static string CountedOn(DateOnly day) => CountedOnPrefix + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public const string CountedOnPrefix = "u.on.";

    /// <summary>The figures the drill-down table shows for each division one level down (the rest of their rows is not read).</summary>
    public static readonly IReadOnlyList<string> ChildKeys =
    [
        Monitored + HouseholdsSuffix, Monitored + PersonsSuffix, Eliminated + HouseholdsSuffix, Eliminated + PersonsSuffix, InIdentificationOverdue,
        ApplicationsOverdue, RiskGaps,
    ];
}
