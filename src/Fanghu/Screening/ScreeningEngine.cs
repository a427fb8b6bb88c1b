using Fanghu.Imports;
using Fanghu.Monitoring;

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
        RowShape = $"{MeasureIndex}|{definition.Window}|{string.Join("|", definition.Conditions.Select(c => $"{c.Column}{(c.Not ? "≠" : "=")}{string.Join(",", c.Values.Select(v => v.Trim()))}"))}";
    }

    public ScreeningRule Rule { get; }
    public RuleDefinition Definition { get; }
    /// <summary>Which of the dataset's amount columns the rule sums, or -1 to count rows.</summary>
    public int MeasureIndex { get; }
    public (int Column, string[] Values, bool Not)[] Conditions { get; }

    /// <summary>
    /// What the rule asks of a row — the rows it takes, the period they fall in, the amount it sums — without what it asks
    /// of the person (population, age) or of the total: rules of the same shape (a threshold for 脱贫户 and one for
    /// others, a county's version of a default) share one aggregate.
    /// </summary>
    public string RowShape { get; }
}

/// <summary>One rule found true for one person or household in one period, with the rows that made it so.</summary>
internal sealed record Hit(CompiledRule Rule, int Subject, bool SubjectIsPerson, int Period, decimal Value, int RowCount,
    IReadOnlyList<int> Rows, DateOnly? Latest);

/// <summary>
/// Evaluates every rule of a dataset over the file's rows in one pass, in two steps. Reading needs no registry: each
/// row is keyed by who it names (an ID number as a 64-bit key, a 户编号, a 村代码), and each aggregate — the rules of one
/// row shape — keeps per key and period the sum or count of its rows and a chain of their row numbers, so that a
/// warning can name its source rows without a second read. <see cref="Finish"/> then matches the keys to the registry
/// (loaded meanwhile) and applies what each rule asks of the person or household: the county's version, the
/// population, the age, the threshold. Rows of people outside the registry (or the account's scope) are counted and
/// otherwise ignored.
/// </summary>
internal sealed class ScreeningEngine
{
    private const int RowsKeptPerHit = 20;

    private readonly DatasetType _dataset;
    private readonly DateOnly _asOf;
    private readonly IReadOnlyList<CompiledRule> _rules;
    private readonly CompiledRule[] _shapes;
    private readonly int[] _shapeOfRule;
    private readonly (CompiledRule? Default, Dictionary<string, CompiledRule> ByCounty)[] _slots;
    private readonly int[] _slotOfRule;
    /// <summary>Per rule version, the least total in cents that warns (a change rule: one row, counted as 100).</summary>
    private readonly long[] _thresholdCents;
    private readonly int _subjectColumn, _numberColumn, _villageColumn, _dateColumn, _yearColumn;
    private readonly int[] _amountColumns;
    private readonly ErrorSink _errors;
    private readonly bool[] _fileYears = new bool[MaxYear - MinYear + 1];
    private const int MinYear = 1900, MaxYear = 2100;

    // Keys: an ID number's 64-bit key, or a 户编号 or 村代码 as a negative number (its place in _words).
    private readonly KeyTable _table = new();
    private readonly Dictionary<string, long> _wordIds = new(StringComparer.Ordinal);
    private readonly List<(string Word, bool IsVillage)> _words = [];

    // The block of rows read but not yet keyed and added up.
    private const int Block = 4096;
    private readonly int[] _blockRow = new int[Block];
    private readonly long[] _blockId = new long[Block];
    private readonly int[] _blockEntry = new int[Block];
    private readonly DateOnly[] _blockDate = new DateOnly[Block];
    private readonly uint[] _blockShapes = new uint[Block];
    private readonly long[] _blockAmounts;
    private int _n;

    // Row chains: for each counted row, its number and the previous link of its bucket (-1 ends the chain), in chunks
    // that are never copied.
    private const int LinkChunkBits = 16;
    private readonly List<long[]> _linkChunks = [];
    private int _links;

    public ScreeningEngine(DatasetType dataset, IReadOnlyList<CompiledRule> rules, DateOnly asOf, ColumnMap map, ErrorSink errors)
    {
        _dataset = dataset;
        _asOf = asOf;
        _errors = errors;
        _rules = rules;
        _shapes = [.. rules.GroupBy(r => r.RowShape).Select(g => g.First())];
        _shapeOfRule = [.. rules.Select(r => Array.FindIndex(_shapes, s => s.RowShape == r.RowShape))];
        _slots = [.. rules.GroupBy(r => r.Rule.Key).Select(g => (
            g.FirstOrDefault(r => r.Rule.DivisionCode is null),
            g.Where(r => r.Rule.DivisionCode is not null).ToDictionary(r => r.Rule.DivisionCode!, StringComparer.Ordinal)))];
        _thresholdCents = [.. rules.Select(r => r.Definition.Kind == RuleKind.Threshold ? (long)Math.Ceiling(r.Definition.Threshold * 100) : 100L)];
        _slotOfRule = [.. rules.Select(r => Array.FindIndex(_slots, s => s.Default == r || s.ByCounty.ContainsValue(r)))];
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
        _blockAmounts = new long[Block * _amountColumns.Length];
        if (_shapes.Length > 32) throw new WorkflowRuleException($"{dataset.Name}的规则过多（{_shapes.Length} 种行条件，最多 32 种）");
    }

    public long RowsRead { get; private set; }

    /// <summary>Rows of registry persons (households), known once <see cref="Finish"/> has matched the keys.</summary>
    public long RowsMatched { get; private set; }
    public long RowsUnmatched { get; private set; }

    /// <summary>
    /// Takes a row: what needs its cells (the period, the amounts, the rules' conditions, who it names) is read now, and the
    /// row joins a block; a full block is then keyed and added up (<see cref="Flush"/>).
    /// </summary>
    public void Accept<T>(int rowNumber, scoped in T cells) where T : ICells, allows ref struct
    {
        RowsRead++;
        var errorsBefore = _errors.Total;
        var n = _n;

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

        var amounts = _blockAmounts.AsSpan(n * _amountColumns.Length, _amountColumns.Length);
        for (var i = 0; i < _amountColumns.Length; i++)
            if (!FastCells.TryCents(cells[_amountColumns[i]], out amounts[i], out var error))
                _errors.Row(rowNumber, _dataset.AmountColumns[i], error!);

        // Who the row names: an ID number written the normal way is checked with the block, when it is new; anything
        // else now.
        long id;
        if (_dataset.Subject == SubjectKind.HouseholdOrVillage) id = WordIdOf(rowNumber, cells);
        else if (!IdKey.TryFast(cells[_subjectColumn], out id)) id = SlowIdOf(rowNumber, cells[_subjectColumn]);
        if (_errors.Total != errorsBefore || id == 0) return;
        _blockId[n] = id;

        if (date.Year is >= MinYear and <= MaxYear) _fileYears[date.Year - MinYear] = true;
        var shapes = 0u;
        for (var s = 0; s < _shapes.Length; s++)
            if (Matches(_shapes[s], cells)) shapes |= 1u << s;
        _blockRow[n] = rowNumber;
        _blockDate[n] = date;
        _blockShapes[n] = shapes;
        if (++_n == Block) Flush();
    }

    /// <summary>
    /// Keys and adds up the rows of the block. Memory latency, not parsing, is what costs here: finding a key among
    /// millions misses the cache, and in a tight loop over a block the processor overlaps the misses of many rows, where
    /// row by row it would wait for each.
    /// </summary>
    public void Flush()
    {
        var n = _n;
        _n = 0;
        _table.Reserve(n);
        for (var i = 0; i < n; i++) _blockEntry[i] = _table.Probe(_blockId[i]);
        // Numbers not seen before are checked once (birth date, check character) and become keys.
        for (var i = 0; i < n; i++)
        {
            if (_blockEntry[i] >= 0) continue;
            var id = _blockId[i];
            var slot = _table.Probe(id);
            if (slot >= 0) { _blockEntry[i] = slot; continue; }
            if (id > 0 && IdKey.Parse(IdKey.Text(id), out var message) is null)
            {
                var column = _dataset.Subject == SubjectKind.Person ? DatasetType.IdNumber : DatasetType.HeadIdNumber;
                _errors.Row(_blockRow[i], column, message!);
                continue;
            }
            _blockEntry[i] = _table.Add(~slot, id);
        }
        for (var i = 0; i < n; i++)
        {
            var slot = _blockEntry[i];
            if (slot < 0) continue;
            _table[slot].Rows++;
            var date = _blockDate[i];
            for (var shapes = _blockShapes[i]; shapes != 0; shapes &= shapes - 1)
            {
                var s = System.Numerics.BitOperations.TrailingZeroCount(shapes);
                var shape = _shapes[s];
                int period;
                switch (shape.Definition.Window)
                {
                    case RuleWindow.CalendarYear: period = date.Year; break;
                    case RuleWindow.Last12Months:
                        if (date > _asOf || date <= _asOf.AddMonths(-12)) continue;
                        period = 0;
                        break;
                    default: period = _asOf.Year; break;
                }
                ref var bucket = ref _table.BucketOf(slot, s, period, out _);
                bucket.Value += shape.MeasureIndex >= 0 ? _blockAmounts[i * _amountColumns.Length + shape.MeasureIndex] : 100;
                bucket.Count++;
                if (date > bucket.Latest) bucket.Latest = date;
                bucket.LastLink = Link(_blockRow[i], bucket.LastLink);
            }
        }
    }

    /// <summary>The key of a 户编号 or 村代码, or 0 after reporting why the row has none.</summary>
    private long WordIdOf<T>(int rowNumber, scoped in T cells) where T : ICells, allows ref struct
    {
        var number = _numberColumn >= 0 ? cells[_numberColumn].Trim() : default;
        var village = _villageColumn >= 0 ? cells[_villageColumn].Trim() : default;
        if (!number.IsEmpty) return WordId(FastCells.Word(number), isVillage: false);
        if (!village.IsEmpty) return WordId(FastCells.Word(village), isVillage: true);
        _errors.Row(rowNumber, DatasetType.VillageCode, "村代码和户编号至少填写一项");
        return 0;
    }

    private long WordId(string word, bool isVillage)
    {
        ref var id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_wordIds, (isVillage ? "v:" : "h:") + word, out var exists);
        if (!exists)
        {
            _words.Add((word, isVillage));
            id = -_words.Count;
        }
        return id;
    }

    /// <summary>The key of an ID number typed another way (full-width, spaces, 15 digits), or 0 after reporting an invalid one.</summary>
    private long SlowIdOf(int rowNumber, ReadOnlySpan<char> cell)
    {
        if (IdKey.Parse(cell, out var message) is { } parsed) return parsed;
        var column = _dataset.Subject == SubjectKind.Person ? DatasetType.IdNumber : DatasetType.HeadIdNumber;
        _errors.Row(rowNumber, column, cell.IsEmpty ? $"{column}未填写" : message!);
        return 0;
    }

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

    /// <summary>A row joins a bucket's chain: its new newest link.</summary>
    private int Link(int rowNumber, int previous)
    {
        if (_links >> LinkChunkBits == _linkChunks.Count) _linkChunks.Add(new long[1 << LinkChunkBits]);
        _linkChunks[_links >> LinkChunkBits][_links & ((1 << LinkChunkBits) - 1)] = ((long)rowNumber << 32) | (uint)previous;
        return _links++;
    }

    private (int Row, int Previous) LinkAt(int link)
    {
        var packed = _linkChunks[link >> LinkChunkBits][link & ((1 << LinkChunkBits) - 1)];
        return ((int)(packed >> 32), (int)packed);
    }

    /// <summary>
    /// Once all rows are read: the keys matched to the registry, and the hits of every rule version for the persons
    /// (households) whose county it is in force for.
    /// </summary>
    public List<Hit> Finish(RegistrySnapshot registry)
    {
        Flush();
        var isPerson = _dataset.Subject == SubjectKind.Person;
        var hits = new List<Hit>();
        // Coverage rules note who is present; the others are decided per bucket — except when rows named one household
        // both by 户编号 and by 村代码, whose buckets are added up first.
        var present = _rules.Select(r => r.Definition.Kind == RuleKind.Coverage ? new HashSet<long>() : null).ToArray();
        var merged = _dataset.Subject == SubjectKind.HouseholdOrVillage ? _rules.Select(_ => new Dictionary<long, List<KeyTable.Bucket>>()).ToArray() : null;
        var subjects = new List<int>();
        var buckets = new List<KeyTable.Bucket>();
        // The registry lookups first, in a loop of their own: their cache misses overlap.
        var found = new int[_table.Count];
        for (var entry = 0; entry < found.Length; entry++)
        {
            var id = _table[entry].Id;
            found[entry] = id < 0 ? -2 : (isPerson ? registry.TryPerson(id, out var p) : registry.TryHouseholdByHead(id, out p)) ? p : -1;
        }
        RowsMatched = RowsUnmatched = 0;
        for (var entry = 0; entry < found.Length; entry++)
        {
            ref readonly var key = ref _table[entry];
            if (key.Rows == 0) continue;
            subjects.Clear();
            if (found[entry] == -2)
            {
                var (word, isVillage) = _words[(int)(-key.Id - 1)];
                if (!isVillage && registry.TryHouseholdByNumber(word, out var h)) subjects.Add(h);
                else if (isVillage) subjects.AddRange(registry.HouseholdsOfVillage(word));
            }
            else if (found[entry] >= 0) subjects.Add(found[entry]);
            if (subjects.Count == 0) { RowsUnmatched += key.Rows; continue; }
            RowsMatched += key.Rows;
            _table.BucketsOf(entry, buckets);
            if (buckets.Count == 0) continue;

            foreach (var subject in subjects)
            {
                for (var r = 0; r < _rules.Count; r++)
                {
                    if (!InForce(r, registry, subject)) continue;
                    foreach (var bucket in buckets)
                    {
                        if (bucket.Shape != _shapeOfRule[r]) continue;
                        var at = ((long)subject << 16) | (ushort)bucket.Period;
                        if (present[r] is { } seen) seen.Add(at);
                        else if (merged is not null)
                        {
                            ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(merged[r], at, out _);
                            (list ??= []).Add(bucket);
                        }
                        else if (Decide(registry, r, subject, bucket.Period, [bucket]) is { } hit) hits.Add(hit);
                    }
                }
            }
        }

        for (var r = 0; r < _rules.Count; r++)
        {
            if (present[r] is { } seen) hits.AddRange(Missing(registry, r, seen));
            else if (merged is not null)
                foreach (var (at, same) in merged[r])
                    if (Decide(registry, r, (int)(at >> 16), (int)(at & 0xFFFF), [.. same]) is { } hit) hits.Add(hit);
        }
        return hits;
    }

    /// <summary>A threshold or change rule's verdict on a subject's buckets of one period: the total first, which most fail.</summary>
    private Hit? Decide(RegistrySnapshot registry, int r, int subject, int period, ReadOnlySpan<KeyTable.Bucket> buckets)
    {
        long cents = 0;
        foreach (var b in buckets) cents += b.Value;
        if (cents < _thresholdCents[r]) return null;
        var rule = _rules[r];
        var d = rule.Definition;
        var isPerson = _dataset.Subject == SubjectKind.Person;
        if (!registry.InPopulation(isPerson ? registry.Persons[subject].Household : subject, d.Population)) return null;
        if (isPerson && !Fits(registry, d, subject, period)) return null;
        var count = 0;
        DateOnly latest = default;
        foreach (var b in buckets)
        {
            count += b.Count;
            if (b.Latest > latest) latest = b.Latest;
        }
        return new Hit(rule, subject, isPerson, period == 0 ? latest.Year : period, cents / 100m, count, Rows(buckets), latest);
    }

    /// <summary>
    /// Whether rule version <paramref name="r"/> is the one in force in the county of the subject (a person or a
    /// household): a county version overrides the default.
    /// </summary>
    private bool InForce(int r, RegistrySnapshot registry, int subject) =>
        _slots[_slotOfRule[r]].ByCounty.Count == 0
        || InForceIn(r, registry, _dataset.Subject == SubjectKind.Person ? registry.Persons[subject].Household : subject);

    private bool InForceIn(int r, RegistrySnapshot registry, int household)
    {
        var (fallback, byCounty) = _slots[_slotOfRule[r]];
        return byCounty.Count == 0
            || (byCounty.TryGetValue(registry.Households[household].CountyCode, out var specific) ? specific : fallback) == _rules[r];
    }

    private bool Fits(RegistrySnapshot registry, RuleDefinition d, int person, int period)
    {
        var p = registry.Persons[person];
        if (d.MainLabourerOnly && !p.MainLabourer) return false;
        if (d.AgeMin is null && d.AgeMax is null) return true;
        var age = p.AgeOn(ReferenceDate(period));
        return (d.AgeMin is not { } min || age >= min) && (d.AgeMax is not { } max || age <= max);
    }

    /// <summary>The day ages are taken on: the period's last day, or the run's date if earlier.</summary>
    private DateOnly ReferenceDate(int period) => period > 0 && period < _asOf.Year ? new DateOnly(period, 12, 31) : _asOf;

    /// <summary>
    /// Coverage: persons of the population (and age) who have no row in the period the file covers — its latest year
    /// for a yearly rule (an enrolment list is one year's; a few late rows of the year before must not make everyone
    /// missing from that year), the run's year otherwise. A file without valid rows covers nothing.
    /// </summary>
    private IEnumerable<Hit> Missing(RegistrySnapshot registry, int r, HashSet<long> present)
    {
        var rule = _rules[r];
        var d = rule.Definition;
        var latestYear = Array.LastIndexOf(_fileYears, true);
        IEnumerable<int> periods = latestYear < 0 ? [] : d.Window == RuleWindow.CalendarYear ? [latestYear + MinYear] : [_asOf.Year];
        foreach (var period in periods)
        {
            for (var p = 0; p < registry.Persons.Length; p++)
            {
                var household = registry.Persons[p].Household;
                if (!InForceIn(r, registry, household)) continue;
                if (!registry.InPopulation(household, d.Population) || !Fits(registry, d, p, period)) continue;
                if (present.Contains(((long)p << 16) | (uint)period)) continue;
                yield return new Hit(rule, p, true, period, 0m, 0, [], null);
            }
        }
    }

    /// <summary>The latest rows of the buckets, in file order (at most <see cref="RowsKeptPerHit"/>).</summary>
    private List<int> Rows(ReadOnlySpan<KeyTable.Bucket> buckets)
    {
        var rows = new List<int>();
        foreach (var b in buckets)
            for (var (link, n) = (b.LastLink, 0); link >= 0 && n < RowsKeptPerHit; n++)
            {
                var (row, previous) = LinkAt(link);
                rows.Add(row);
                link = previous;
            }
        rows.Sort();
        return rows.Count > RowsKeptPerHit ? rows[^RowsKeptPerHit..] : rows;
    }
}
