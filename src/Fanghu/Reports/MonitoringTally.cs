using System.Runtime.InteropServices;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using static Fanghu.Reports.MonitoringReport;

namespace Fanghu.Reports;

/// <summary>
/// One monitoring episode as the report reads it: the household it belongs to (with its village code), its dates,
/// category and risk types, and the household's members on the as-of date.
/// </summary>
public readonly record struct EpisodeRow(
    long HouseholdId,
    int Episode,
    DateOnly IdentifiedOn,
    DateOnly? EliminatedOn,
    MonitoringCategory? Category,
    string RiskTypeCodes,
    int Persons,
    string VillageCode = "",
    long CaseId = 0);

/// <summary>
/// The counting rules of the monitoring report (监测对象统计), in one pass over episodes that come ordered by
/// household, holding only the current household and the totals:
/// <list type="bullet">
/// <item>a household is a monitoring object as of the end of a date when it has an episode identified on or before
/// it (累计纳入监测), counted once however many episodes it had;</item>
/// <item>its state, category and risk types are those of its latest such episode (by identification date, then
/// episode number): eliminated when that episode's risk was eliminated on or before the date, otherwise not
/// eliminated — so monitored = eliminated + not eliminated, as in the prefecture's reports;</item>
/// <item>newly identified / newly eliminated: households with an episode identified / eliminated between 1 January
/// of the date's year and the date, each counted once;</item>
/// <item>persons are the household's members on the date, whatever the figure.</item>
/// </list>
/// </summary>
public sealed class MonitoringTally
{
    private static readonly Dictionary<string, int> RiskOrder =
        RiskTypes.List.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

    private static readonly MonitoringCategory[] Categories = Enum.GetValues<MonitoringCategory>();

    private readonly DateOnly _asOf;
    private readonly DateOnly _yearStart;
    private readonly int _childLength;
    private Counter _monitored, _eliminated, _notEliminated, _newlyIdentified, _newlyEliminated;
    private readonly Counter[] _byCategory = new Counter[Categories.Max(c => (int)c) + 1];
    private readonly Dictionary<string, Counter> _byRisk = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChildCounters> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChildCounters>.AlternateLookup<ReadOnlySpan<char>> _childLookup;
    private readonly List<string> _risksSeen = new(RiskTypes.MaxPerCase);

    private bool _open;
    private long _household;
    private EpisodeRow _latest;
    private bool _identifiedThisYear, _eliminatedThisYear;

    /// <param name="asOf">Counts are as of the end of this date.</param>
    /// <param name="childLevel">When given, the headline figures are also counted per division of this level
    /// (the next level down, for drilling down); rows must then carry their village code.</param>
    public MonitoringTally(DateOnly asOf, DivisionLevel? childLevel = null)
    {
        _asOf = asOf;
        _yearStart = new DateOnly(asOf.Year, 1, 1);
        _childLength = childLevel is { } level ? DivisionCode.LengthOf(level) : 0;
        _childLookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Adds an episode. Rows must come ordered by household (ascending id); episodes of a household in any order.</summary>
    public void Add(in EpisodeRow row)
    {
        // Identified after the date (or not identified at all): not a monitoring object yet on that date.
        if (!(row.IdentifiedOn <= _asOf)) return;
        if (!_open || row.HouseholdId != _household)
        {
            if (_open && row.HouseholdId < _household)
                throw new ArgumentException("监测记录须按户排序后统计", nameof(row));
            CloseHousehold();
            _open = true;
            _household = row.HouseholdId;
            _latest = row;
            _identifiedThisYear = _eliminatedThisYear = false;
        }
        else if (row.IdentifiedOn > _latest.IdentifiedOn || (row.IdentifiedOn == _latest.IdentifiedOn && row.Episode > _latest.Episode))
        {
            _latest = row;
        }
        if (row.IdentifiedOn >= _yearStart) _identifiedThisYear = true;
        if (row.EliminatedOn is { } eliminated && eliminated >= _yearStart && eliminated <= _asOf) _eliminatedThisYear = true;
    }

    /// <summary>The report's figures for a division (its 12-digit code is the caller's).</summary>
    public Report ToReport(string division)
    {
        CloseHousehold();
        var byCategory = Categories
            .Where(c => _byCategory[(int)c].Households > 0)
            .Select(c => new CategoryFigures(c, MonitoringWords.Category.Word(c), _byCategory[(int)c].Households, _byCategory[(int)c].Persons))
            .ToList();
        var byRisk = _byRisk
            .OrderBy(r => RiskOrder.GetValueOrDefault(r.Key, int.MaxValue)).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RiskTypeFigures(r.Key, RiskOrder.ContainsKey(r.Key) ? RiskTypes.NameOf(r.Key) : r.Key, r.Value.Households, r.Value.Persons))
            .ToList();
        return new Report(division, _asOf, _monitored.Figures, _eliminated.Figures, _notEliminated.Figures, byCategory, byRisk,
            _newlyIdentified.Figures, _newlyEliminated.Figures);
    }

    /// <summary>Monitored / eliminated / not eliminated per division of the child level; divisions without any are absent.</summary>
    public IReadOnlyDictionary<string, DivisionFigures> ByChild()
    {
        CloseHousehold();
        return _children.ToDictionary(c => c.Key,
            c => new DivisionFigures(c.Value.Monitored.Figures, c.Value.Eliminated.Figures, c.Value.NotEliminated.Figures),
            StringComparer.Ordinal);
    }

    /// <summary>Told of each household once counted: its latest episode and whether its risk stood eliminated on the date.</summary>
    public Action<EpisodeRow, bool>? HouseholdCounted { get; init; }

    private void CloseHousehold()
    {
        if (!_open) return;
        _open = false;
        var persons = _latest.Persons;
        var eliminated = _latest.EliminatedOn <= _asOf;
        HouseholdCounted?.Invoke(_latest, eliminated);
        _monitored.Add(persons);
        if (eliminated) _eliminated.Add(persons);
        else _notEliminated.Add(persons);
        if (_latest.Category is { } category) _byCategory[(int)category].Add(persons);

        _risksSeen.Clear();
        foreach (var code in _latest.RiskTypeCodes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A household counts once under each of its risk types, even if a code was stored twice.
            if (_risksSeen.Contains(code)) continue;
            _risksSeen.Add(code);
            CollectionsMarshal.GetValueRefOrAddDefault(_byRisk, code, out _).Add(persons);
        }

        if (_identifiedThisYear) _newlyIdentified.Add(persons);
        if (_eliminatedThisYear) _newlyEliminated.Add(persons);

        if (_childLength > 0 && _latest.VillageCode.Length >= _childLength)
        {
            var key = _latest.VillageCode.AsSpan(0, _childLength);
            if (!_childLookup.TryGetValue(key, out var child))
            {
                child = new ChildCounters();
                _childLookup[key] = child;
            }
            child.Monitored.Add(persons);
            if (eliminated) child.Eliminated.Add(persons);
            else child.NotEliminated.Add(persons);
        }
    }

    private struct Counter
    {
        public int Households;
        public int Persons;

        public void Add(int persons)
        {
            Households++;
            Persons += persons;
        }

        public readonly Figures Figures => new(Households, Persons);
    }

    private sealed class ChildCounters
    {
        public Counter Monitored;
        public Counter Eliminated;
        public Counter NotEliminated;
    }
}
