using Fanghu.Imports;

namespace Fanghu.Screening;

/// <summary>A rule version ready to run: its definition and where its columns sit in the file.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(ScreeningRule rule, RuleDefinition definition, DatasetType dataset, ColumnMap map)
    {
        Rule = rule;
        Definition = definition;
        MeasureIndex = definition.Measure is { } m ? dataset.AmountColumns.ToList().IndexOf(m) : -1;
        Conditions = [.. definition.Conditions.Select(c => (map.IndexOf(c.Column), c.Values.Select(v => v.Trim()).ToArray(), c.Not))];
    }

    public ScreeningRule Rule { get; }
    public RuleDefinition Definition { get; }
    /// <summary>Which of the dataset's amount columns the rule sums, or -1 to count rows.</summary>
    public int MeasureIndex { get; }
    public (int Column, string[] Values, bool Not)[] Conditions { get; }

    /// <summary>Aggregates by subject and period: (subject &lt;&lt; 16 | year) → bucket.</summary>
    public Dictionary<long, int> Buckets { get; } = [];
}

/// <summary>One rule found true for one person or household in one period, with the rows that made it so.</summary>
internal sealed record Hit(CompiledRule Rule, int Subject, bool SubjectIsPerson, int Period, decimal Value, int RowCount,
    IReadOnlyList<int> Rows, DateOnly? Latest);

/// <summary>
/// Evaluates every rule of a dataset over the file's rows in one pass. Rows are matched to the registry by ID
/// number (or 户编号, 村代码); each rule keeps, per subject and period, the sum or count of its rows and a chain of
/// the row numbers, so that a warning can name its source rows without a second read. Rows of people outside the
/// registry (or the account's scope) are counted and otherwise ignored.
/// </summary>
internal sealed class ScreeningEngine
{
    private const int RowsKeptPerHit = 20;

    private readonly DatasetType _dataset;
    private readonly RegistrySnapshot _registry;
    private readonly DateOnly _asOf;
    private readonly (CompiledRule? Default, Dictionary<string, CompiledRule> ByCounty)[] _slots;
    private readonly int _subjectColumn, _numberColumn, _villageColumn, _dateColumn, _yearColumn;
    private readonly int[] _amountColumns;
    private readonly ErrorSink _errors;
    private readonly SortedSet<int> _fileYears = [];

    // Bucket state, shared by all rules: value, count, newest row link, latest date — one struct, so that a row
    // touches one cache line of it rather than four arrays.
    private struct Bucket
    {
        public decimal Value;
        public int Count;
        public int LastLink;
        public DateOnly Latest;
    }

    private Bucket[] _bucket = new Bucket[1024];
    private int _buckets;

    // Row chains: for each counted row, its number and the previous link of its bucket (-1 ends the chain).
    private int[] _linkRow = new int[4096];
    private int[] _linkNext = new int[4096];
    private int _links;

    private readonly List<int> _villageSubjects = [];

    public ScreeningEngine(DatasetType dataset, IReadOnlyList<CompiledRule> rules, RegistrySnapshot registry, DateOnly asOf, ColumnMap map, ErrorSink errors)
    {
        _dataset = dataset;
        _registry = registry;
        _asOf = asOf;
        _errors = errors;
        _slots = [.. rules.GroupBy(r => r.Rule.Key).Select(g => (
            g.FirstOrDefault(r => r.Rule.DivisionCode is null),
            g.Where(r => r.Rule.DivisionCode is not null).ToDictionary(r => r.Rule.DivisionCode!, StringComparer.Ordinal)))];
        _subjectColumn = map.IndexOf(dataset.Subject switch
        {
            SubjectKind.Person => DatasetType.IdNumber,
            SubjectKind.HouseholdHead => DatasetType.HeadIdNumber,
            _ => DatasetType.HouseholdNumber,
        });
        _numberColumn = dataset.Subject == SubjectKind.HouseholdOrVillage ? map.IndexOf(DatasetType.HouseholdNumber) : -1;
        _villageColumn = dataset.Subject == SubjectKind.HouseholdOrVillage ? map.IndexOf(DatasetType.VillageCode) : -1;
        _dateColumn = dataset.DateColumn is { } d ? map.IndexOf(d) : -1;
        _yearColumn = dataset.YearColumn is { } y ? map.IndexOf(y) : -1;
        _amountColumns = [.. dataset.AmountColumns.Select(map.IndexOf)];
    }

    public long RowsRead { get; private set; }
    public long RowsMatched { get; private set; }
    public long RowsUnmatched { get; private set; }

    public void Accept<T>(int rowNumber, scoped in T cells) where T : ICells, allows ref struct
    {
        RowsRead++;
        var errorsBefore = _errors.Total;

        // The period of the row: its date (or year); rows of a dataset without either belong to the run's date.
        DateOnly date = _asOf;
        if (_dateColumn >= 0)
        {
            if (!FastCells.TryDate(cells[_dateColumn], out date, out var error))
                _errors.Row(rowNumber, _dataset.DateColumn, error ?? $"{_dataset.DateColumn}未填写");
        }
        else if (_yearColumn >= 0)
        {
            if (CellParsers.TryYear(cells[_yearColumn].ToString(), out var year, out var error)) date = new DateOnly(year, 12, 31);
            else _errors.Row(rowNumber, _dataset.YearColumn, error);
        }
        if (_errors.Total == errorsBefore) _fileYears.Add(date.Year);

        Span<decimal> amounts = stackalloc decimal[_amountColumns.Length];
        for (var i = 0; i < _amountColumns.Length; i++)
            if (!FastCells.TryAmount(cells[_amountColumns[i]], out amounts[i], out var error))
                _errors.Row(rowNumber, _dataset.AmountColumns[i], error!);

        // Who the row is about.
        var subject = -1;
        var isPerson = _dataset.Subject == SubjectKind.Person;
        _villageSubjects.Clear();
        if (_dataset.Subject == SubjectKind.HouseholdOrVillage)
        {
            var number = _numberColumn >= 0 ? cells[_numberColumn].Trim() : default;
            var village = _villageColumn >= 0 ? cells[_villageColumn].Trim() : default;
            if (!number.IsEmpty)
            {
                if (_registry.TryHouseholdByNumber(FastCells.Word(number), out var h)) _villageSubjects.Add(h);
            }
            else if (!village.IsEmpty)
            {
                _villageSubjects.AddRange(_registry.HouseholdsOfVillage(FastCells.Word(village)));
            }
            else
            {
                _errors.Row(rowNumber, DatasetType.VillageCode, "村代码和户编号至少填写一项");
            }
            if (_errors.Total != errorsBefore) return;
            if (_villageSubjects.Count == 0) { RowsUnmatched++; return; }
            RowsMatched++;
            foreach (var h in _villageSubjects) Count(rowNumber, h, household: h, isPerson: false, date, cells, amounts);
            return;
        }

        var cell = cells[_subjectColumn];
        var found = IdKey.TryFast(cell, out var key)
            && (isPerson ? _registry.TryPerson(key, out subject) : _registry.TryHouseholdByHead(key, out subject));
        if (!found)
        {
            // Not a plain registry number: a number typed another way, an invalid one (an error), or someone not registered.
            var column = isPerson ? DatasetType.IdNumber : DatasetType.HeadIdNumber;
            if (IdKey.Parse(cell, out var message) is { } parsed)
                found = isPerson ? _registry.TryPerson(parsed, out subject) : _registry.TryHouseholdByHead(parsed, out subject);
            else
            {
                _errors.Row(rowNumber, column, cell.IsEmpty ? $"{column}未填写" : message!);
                subject = -1;
            }
        }
        if (_errors.Total != errorsBefore) return;
        if (!found) { RowsUnmatched++; return; }
        RowsMatched++;
        Count(rowNumber, subject, isPerson ? _registry.Persons[subject].Household : subject, isPerson, date, cells, amounts);
    }

    private void Count<T>(int rowNumber, int subject, int household, bool isPerson, DateOnly date, scoped in T cells, ReadOnlySpan<decimal> amounts)
        where T : ICells, allows ref struct
    {
        // The county only when a rule has county versions: reading the household is a cache miss per row.
        string? county = null;
        foreach (var (fallback, byCounty) in _slots)
        {
            var rule = byCounty.Count > 0 && byCounty.TryGetValue(county ??= _registry.Households[household].CountyCode, out var specific)
                ? specific : fallback;
            if (rule is null) continue;
            var d = rule.Definition;
            if (!Matches(rule, cells)) continue;
            int period;
            switch (d.Window)
            {
                case RuleWindow.CalendarYear: period = date.Year; break;
                case RuleWindow.Last12Months:
                    if (date > _asOf || date <= _asOf.AddMonths(-12)) continue;
                    period = 0;
                    break;
                default: period = _asOf.Year; break;
            }
            if (d.Kind == RuleKind.Coverage)
            {
                // Presence only: who is missing is found at the end.
                AddTo(rule, subject, period, 0m, rowNumber, date);
                continue;
            }
            if (!(isPerson ? RegistrySnapshot.InPopulation(_registry.Persons[subject].FormerlyPoorOrMonitored, d.Population)
                    : _registry.InPopulation(household, d.Population))) continue;
            if (isPerson && !Fits(d, subject, period)) continue;
            var value = rule.MeasureIndex >= 0 ? amounts[rule.MeasureIndex] : 1m;
            AddTo(rule, subject, period, value, rowNumber, date);
        }
    }

    private bool Fits(RuleDefinition d, int person, int period)
    {
        var p = _registry.Persons[person];
        if (d.MainLabourerOnly && !p.MainLabourer) return false;
        if (d.AgeMin is null && d.AgeMax is null) return true;
        var age = p.AgeOn(ReferenceDate(period));
        return (d.AgeMin is not { } min || age >= min) && (d.AgeMax is not { } max || age <= max);
    }

    /// <summary>The day ages are taken on: the period's last day, or the run's date if earlier.</summary>
    private DateOnly ReferenceDate(int period) => period > 0 && period < _asOf.Year ? new DateOnly(period, 12, 31) : _asOf;

    private static bool Matches<T>(CompiledRule rule, scoped in T cells) where T : ICells, allows ref struct
    {
        foreach (var (column, values, not) in rule.Conditions)
        {
            var text = cells[column].Trim();
            var any = false;
            foreach (var v in values)
                if (text.SequenceEqual(v)) { any = true; break; }
            if (!any && text.ContainsAnyInRange('\uFF01', '\uFF5E'))
            {
                var word = FastCells.Word(text);
                any = values.Contains(word, StringComparer.OrdinalIgnoreCase);
            }
            if (!any)
                foreach (var v in values)
                    if (text.Equals(v, StringComparison.OrdinalIgnoreCase)) { any = true; break; }
            if (any == not) return false;
        }
        return true;
    }

    private void AddTo(CompiledRule rule, int subject, int period, decimal value, int rowNumber, DateOnly date)
    {
        var key = ((long)subject << 16) | (uint)period;
        if (!rule.Buckets.TryGetValue(key, out var b))
        {
            b = _buckets++;
            if (b == _bucket.Length) Array.Resize(ref _bucket, b * 2);
            _bucket[b].LastLink = -1;
            rule.Buckets[key] = b;
        }
        ref var bucket = ref _bucket[b];
        bucket.Value += value;
        bucket.Count++;
        if (date > bucket.Latest) bucket.Latest = date;
        if (_links == _linkRow.Length)
        {
            Array.Resize(ref _linkRow, _links * 2);
            Array.Resize(ref _linkNext, _links * 2);
        }
        _linkRow[_links] = rowNumber;
        _linkNext[_links] = bucket.LastLink;
        bucket.LastLink = _links++;
    }

    /// <summary>The hits of every rule, once all rows are read.</summary>
    public List<Hit> Finish(IReadOnlyList<CompiledRule> rules)
    {
        var hits = new List<Hit>();
        foreach (var rule in rules)
        {
            var d = rule.Definition;
            var isPerson = _dataset.Subject == SubjectKind.Person;
            if (d.Kind == RuleKind.Coverage)
            {
                hits.AddRange(Missing(rule));
                continue;
            }
            var threshold = d.Kind == RuleKind.Threshold ? d.Threshold : 1m;
            foreach (var (key, b) in rule.Buckets)
            {
                ref readonly var bucket = ref _bucket[b];
                if (bucket.Value < threshold) continue;
                var subject = (int)(key >> 16);
                var period = (int)(key & 0xFFFF);
                hits.Add(new Hit(rule, subject, isPerson, period == 0 ? bucket.Latest.Year : period, bucket.Value, bucket.Count, Rows(b), bucket.Latest));
            }
        }
        return hits;
    }

    /// <summary>
    /// Coverage: persons of the population (and age) who have no row in the period the file covers — its latest year
    /// for a yearly rule (an enrolment list is one year's; a few late rows of the year before must not make everyone
    /// missing from that year), the run's year otherwise. A file without valid rows covers nothing.
    /// </summary>
    private IEnumerable<Hit> Missing(CompiledRule rule)
    {
        var d = rule.Definition;
        IEnumerable<int> periods = _fileYears.Count == 0 ? [] : d.Window == RuleWindow.CalendarYear ? [_fileYears.Max] : [_asOf.Year];
        foreach (var period in periods)
        {
            for (var p = 0; p < _registry.Persons.Length; p++)
            {
                var household = _registry.Persons[p].Household;
                if (!RuleApplies(rule, household)) continue;
                if (!_registry.InPopulation(household, d.Population) || !Fits(d, p, period)) continue;
                if (rule.Buckets.ContainsKey(((long)p << 16) | (uint)period)) continue;
                yield return new Hit(rule, p, true, period, 0m, 0, [], null);
            }
        }
    }

    /// <summary>Whether this version is the one in force for the household's county (a county version overrides the default).</summary>
    private bool RuleApplies(CompiledRule rule, int household)
    {
        var county = _registry.Households[household].CountyCode;
        foreach (var (fallback, byCounty) in _slots)
        {
            if (fallback?.Rule.Key != rule.Rule.Key && byCounty.Values.All(r => r.Rule.Key != rule.Rule.Key)) continue;
            return (byCounty.TryGetValue(county, out var specific) ? specific : fallback) == rule;
        }
        return false;
    }

    private List<int> Rows(int bucket)
    {
        var rows = new List<int>(Math.Min(_bucket[bucket].Count, RowsKeptPerHit));
        for (var link = _bucket[bucket].LastLink; link >= 0 && rows.Count < RowsKeptPerHit; link = _linkNext[link]) rows.Add(_linkRow[link]);
        rows.Reverse();
        return rows;
    }
}
