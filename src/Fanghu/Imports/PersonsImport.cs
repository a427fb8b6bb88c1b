using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Imports;

/// <summary>
/// The persons template: one row per person, households formed by 户编号. Keyed by ID number (persons)
/// and household number (households): a re-import changes nothing, a changed file updates in place.
/// </summary>
internal sealed class PersonsImport(FanghuDbContext db) : ImportTemplate(db)
{
    public const string Village = "行政区划代码", Group = "村民小组", HouseholdNumber = "户编号", Name = "姓名",
        Id = "证件号码", Relation = "与户主关系", Ethnicity = "民族", Health = "健康状况", Labour = "劳动技能",
        Schooling = "在校情况", Employment = "务工情况", Insurance = "基本医疗保险", Type = "户类型", Phone = "联系电话";

    private static readonly ColumnSpec[] Spec =
    [
        new(Village, true, "村代码", "区划代码", "行政村代码"),
        new(Group, false, "组", "村民小组名称"),
        new(HouseholdNumber, true, "户号", "户主编号"),
        new(Name, true, "成员姓名"),
        new(Id, true, "身份证号", "身份证号码", "证件号"),
        new(Relation, true, "与户主的关系"),
        new(Ethnicity, true),
        new(Health, true),
        new(Labour, true, "劳动能力"),
        new(Schooling, true, "在校生状况"),
        new(Employment, true, "务工状况"),
        new(Insurance, true, "是否参加城乡居民基本医疗保险", "是否参加基本医疗保险"),
        new(Type, false, "户属性"),
        new(Phone, false, "电话", "手机号码"),
    ];

    // Validation state: compact, keyed by household and by ID number, never the rows themselves.
    private readonly Dictionary<string, HouseholdDraft> _households = new(StringComparer.Ordinal);
    private readonly List<HouseholdDraft> _householdList = [];
    private readonly Dictionary<ulong, (int Row, int Household)> _ids = [];
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly List<(string Id, long Row, string Household, bool IsHead)> _pendingDbCheck = [];
    private readonly HashSet<ulong> _registeredPersons = [];
    private readonly HashSet<string> _badHeadRows = new(StringComparer.Ordinal);
    private HashSet<string> _villages = [];
    private bool _registryEmpty;
    private int _converted15;

    // Write state.
    private readonly List<PersonRow> _batch = [];
    private int _householdsAdded, _householdsChanged;

    public override ImportKind Kind => ImportKind.Persons;
    public override IReadOnlyList<ColumnSpec> Columns => Spec;

    public override async Task PrepareAsync(CancellationToken ct)
    {
        _villages = (await Db.Divisions.Where(d => d.Level == DivisionLevel.Village).Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        // Into an empty registry (the first load of a county) no row can clash with a registered one.
        _registryEmpty = !await Db.Households.IgnoreQueryFilters().AnyAsync(ct);
    }

    public override string? GroupKey(SourceRow row, ColumnMap map) =>
        CellParsers.ToHalfWidth(map.Get(row, HouseholdNumber)).Trim() is { Length: > 0 } n ? n : null;

    public override async Task ValidateAsync(SourceRow row, ColumnMap map, ErrorSink errors, CancellationToken ct)
    {
        var person = Parse(row, map, (column, message) => errors.Row(row.Number, column, message));
        if (person is null)
        {
            // A head row with errors: its household must not be imported headless, nor reported as headless.
            if (Words.Relation.TryParse(map.Get(row, Relation), out var r) && r == Registry.Relation.Head && GroupKey(row, map) is { } headKey)
                _badHeadRows.Add(headKey);
            return;
        }

        // Every check of the row comes before it counts towards its household (head, type, group), so a
        // refused head row can't leave its household looking complete.
        if (!_households.TryGetValue(person.HouseholdNumber, out var household))
        {
            household = new HouseholdDraft(_householdList.Count, person.HouseholdNumber, Intern(person.Village.Value)!, row.Number);
            _households.Add(person.HouseholdNumber, household);
            _householdList.Add(household);
        }
        var problem = household.Village != person.Village.Value
            ? (Village, $"同一户（{person.HouseholdNumber}）的行政区划代码不一致：第 {household.FirstRow} 行为 {household.Village}，本行为 {person.Village}")
            : person.Group is not null && household.Group is not null && household.Group != person.Group
                ? (Group, $"同一户（{person.HouseholdNumber}）的村民小组不一致：已为“{household.Group}”，本行为“{person.Group}”")
                : person.Type is { } t && household.Type is { } known && known != t
                    ? (Type, $"同一户的户类型不一致：已为“{Words.HouseholdType.Word(known)}”，本行为“{Words.HouseholdType.Word(t)}”")
                    : ((string Column, string Message)?)null;
        var key = Key(person.Id);
        if (problem is null && _ids.TryGetValue(key, out var seen))
        {
            var other = _householdList[seen.Household];
            problem = (Id, other == household
                ? $"证件号码 {IdNumber.Mask(person.Id.Value)} 在本户重复出现（第 {seen.Row} 行）"
                : $"证件号码 {IdNumber.Mask(person.Id.Value)} 同时出现在两户：户 {other.Number}（第 {seen.Row} 行）和户 {household.Number}");
        }
        if (problem is { } p)
        {
            errors.Row(row.Number, p.Column, p.Message);
            if (person.Relation == Registry.Relation.Head) _badHeadRows.Add(household.Number);
            return;
        }

        _ids.Add(key, ((int)row.Number, household.Index));
        household.Group ??= Intern(person.Group);
        household.Type ??= person.Type;
        if (person.Relation == Registry.Relation.Head)
        {
            household.AddHead(row.Number);
            household.Phone = person.Phone;
        }

        _pendingDbCheck.Add((person.Id.Value, row.Number, person.HouseholdNumber, person.Relation == Registry.Relation.Head));
        if (_pendingDbCheck.Count >= BatchSize) await CheckAgainstDatabaseAsync(errors, ct);
    }

    public override async Task EndValidationAsync(ErrorSink errors, CancellationToken ct)
    {
        await CheckAgainstDatabaseAsync(errors, ct);
        await CompleteFromDatabaseAsync(ct);
        foreach (var h in _householdList) CheckHeads(h, errors);

        // A household number already used in a village outside the importer's divisions.
        if (!Db.Scope.Unrestricted && !_registryEmpty)
        {
            foreach (var chunk in _householdList.Chunk(BatchSize))
            {
                var numbers = chunk.Select(h => h.Number).ToList();
                var existing = await Db.Households.IgnoreQueryFilters().Where(h => numbers.Contains(h.Number))
                    .Select(h => new { h.Number, h.VillageCode }).ToListAsync(ct);
                foreach (var e in existing.Where(e => !Db.Scope.Covers(e.VillageCode)))
                    errors.Group(e.Number, _households[e.Number].FirstRow, HouseholdNumber, $"户编号 {e.Number} 已被您管辖范围以外的村使用");
            }
        }
        if (_converted15 > 0) Notes.Add($"{_converted15} 个 15 位证件号码已升位为 18 位");
    }

    /// <summary>
    /// After the import every household has exactly one head: the file's heads plus the registered heads the
    /// file does not mention (a registered head the file lists under another relation is no longer head).
    /// </summary>
    private void CheckHeads(HouseholdDraft h, ErrorSink errors)
    {
        var keptHeads = h.RegisteredHeads.Count(id => !_ids.ContainsKey(Key(id)));
        var heads = h.Heads + keptHeads;
        if (heads == 0)
        {
            if (_badHeadRows.Contains(h.Number))
                errors.MarkGroup(h.Number, "户主行有错误，本户暂不导入");
            else if (h.Registered)
                errors.Group(h.Number, h.FirstRow, Relation, $"导入后户 {h.Number} 将没有户主：原户主在本文件中改成了其他关系，请同时指定新户主");
            else
                errors.Group(h.Number, h.FirstRow, Relation, $"户 {h.Number} 没有户主：每户须有一行“与户主关系”为“户主”");
        }
        else if (h.Heads > 1)
            errors.Group(h.Number, h.SecondHeadRow, Relation, $"户 {h.Number} 有 {h.Heads} 个户主（第 {h.FirstHeadRow}、{h.SecondHeadRow} 行等）");
        else if (heads > 1)
            errors.Group(h.Number, h.FirstHeadRow, Relation,
                $"户 {h.Number} 已登记户主 {IdNumber.Mask(h.RegisteredHeads.First(id => !_ids.ContainsKey(Key(id))))}，本文件又指定了户主；更换户主请在同一文件中把原户主改为其他关系");
        else if (h.Type is null)
            errors.Group(h.Number, h.Heads > 0 ? h.FirstHeadRow : h.FirstRow, Type, $"户 {h.Number} 未填写户类型（在户主行填写：{Words.HouseholdType.Allowed}）");
    }

    /// <summary>
    /// Learns which households are registered already, with their current heads and type: rows added to a
    /// registered household (say, the fixed rows of a rejected-rows file) need not repeat its head or type.
    /// </summary>
    private async Task CompleteFromDatabaseAsync(CancellationToken ct)
    {
        if (_registryEmpty) return;
        foreach (var chunk in _householdList.Chunk(BatchSize))
        {
            var numbers = chunk.Select(h => h.Number).ToList();
            // Two index look-ups rather than one correlated query, which SQLite answers by scanning persons.
            var registered = await Db.Households.Where(h => numbers.Contains(h.Number))
                .Select(h => new { h.Id, h.Number, h.Type }).ToListAsync(ct);
            var householdIds = registered.Select(h => h.Id).ToList();
            var heads = (await Db.Persons.IgnoreQueryFilters()
                    .Where(p => householdIds.Contains(p.HouseholdId) && p.Relation == Registry.Relation.Head && p.MemberUntil == null)
                    .Select(p => new { p.HouseholdId, p.IdNumber }).ToListAsync(ct))
                .ToLookup(p => p.HouseholdId, p => p.IdNumber);
            foreach (var r in registered)
            {
                var draft = _households[r.Number];
                draft.Registered = true;
                draft.RegisteredHeads = [.. heads[r.Id]];
                draft.Type ??= r.Type;
            }
        }
    }

    private async Task CheckAgainstDatabaseAsync(ErrorSink errors, CancellationToken ct)
    {
        if (_pendingDbCheck.Count == 0) return;
        if (_registryEmpty)
        {
            _pendingDbCheck.Clear();
            return;
        }
        var ids = _pendingDbCheck.Select(p => p.Id).ToList();
        // Two single-table index look-ups: joined, PostgreSQL's planner tends to hash-join the whole households table.
        var persons = await Db.Persons.IgnoreQueryFilters().Where(p => ids.Contains(p.IdNumber))
            .Select(p => new { p.IdNumber, p.HouseholdId }).ToListAsync(ct);
        var householdIds = persons.Select(p => p.HouseholdId).Distinct().ToList();
        var households = householdIds.Count == 0
            ? []
            : await Db.Households.IgnoreQueryFilters().Where(h => householdIds.Contains(h.Id))
                .Select(h => new { h.Id, h.Number, h.VillageCode }).ToDictionaryAsync(h => h.Id, ct);
        var existing = persons.ToDictionary(p => p.IdNumber, p => households[p.HouseholdId]);
        foreach (var (id, row, household, isHead) in _pendingDbCheck)
        {
            if (!existing.TryGetValue(id, out var registeredIn)) continue;
            if (registeredIn.Number == household)
            {
                _registeredPersons.Add(Key(id));
                continue;
            }
            // Name the other household only when the importer may see it.
            var where = Db.Scope.Covers(registeredIn.VillageCode) ? $"户 {registeredIn.Number}" : "您管辖范围以外的户";
            errors.Row(row, Id, $"证件号码 {IdNumber.Mask(id)} 已登记在{where}；人员在户之间迁移请办理自然变更，不能通过导入改户");
            if (isHead) errors.MarkGroup(household, "户主行有错误，本户暂不导入");
        }
        _pendingDbCheck.Clear();
    }

    public override async Task WriteAsync(SourceRow row, ColumnMap map, ImportCounts counts, CancellationToken ct)
    {
        var person = Parse(row, map, static (_, _) => { }) ?? throw new InvalidOperationException($"第 {row.Number} 行在写入时无法解析");
        _batch.Add(person);
        if (_batch.Count >= BatchSize) await FlushAsync(counts, ct);
    }

    /// <summary>
    /// Writes a batch: new households and persons through the bulk path (COPY on PostgreSQL), changes to
    /// registered ones through their entities, so that only real differences become updates.
    /// </summary>
    public override async Task FlushAsync(ImportCounts counts, CancellationToken ct)
    {
        if (_batch.Count > 0)
        {
            Db.ChangeTracker.AutoDetectChangesEnabled = false;
            var numbers = _batch.Select(p => p.HouseholdNumber).Distinct().ToList();
            var householdIds = new Dictionary<string, long>(numbers.Count, StringComparer.Ordinal);

            // Registered households (known from validation) are loaded to be updated through the entity.
            var registeredNumbers = numbers.Where(n => _households[n].Registered).ToList();
            if (registeredNumbers.Count > 0)
            {
                foreach (var household in await Db.Households.Where(h => registeredNumbers.Contains(h.Number)).ToListAsync(ct))
                {
                    householdIds[household.Number] = household.Id;
                    var draft = _households[household.Number];
                    if (!draft.Written && household.Update(DivisionCode.Parse(draft.Village), draft.Group, draft.Type!.Value, draft.Phone))
                        _householdsChanged++;
                    draft.Written = true;
                }
            }

            // New households: first seen in this batch are inserted; later batches find their ids in the draft.
            var newHouseholds = new List<Household>();
            foreach (var number in numbers.Where(n => !_households[n].Registered))
            {
                var draft = _households[number];
                if (draft.Id != 0) { householdIds[number] = draft.Id; continue; }
                var village = DivisionCode.Parse(draft.Village);
                var household = new Household(number, village, draft.Type!.Value);
                household.Update(village, draft.Group, draft.Type.Value, draft.Phone);
                newHouseholds.Add(household);
            }
            var newIds = await BulkInserter.InsertReturningIdsAsync(Db, typeof(Household), HouseholdColumns,
                newHouseholds.Select(h => new object?[] { h.Number, h.VillageCode, h.TownshipCode, h.CountyCode, h.PrefectureCode, h.Group,
                    h.Address, h.Phone, h.Type, h.Flags, h.HousingGrade, h.Version }).ToList(), ct);
            for (var i = 0; i < newIds.Length; i++)
            {
                _households[newHouseholds[i].Number].Id = newIds[i];
                householdIds[newHouseholds[i].Number] = newIds[i];
            }
            _householdsAdded += newIds.Length;

            // Registered persons (known from validation, which checked their scope) are loaded to be compared and updated.
            var registeredIds = _batch.Where(p => _registeredPersons.Contains(Key(p.Id))).Select(p => p.Id.Value).ToList();
            var persons = registeredIds.Count == 0
                ? []
                : await Db.Persons.IgnoreQueryFilters().Where(p => registeredIds.Contains(p.IdNumber)).ToDictionaryAsync(p => p.IdNumber, ct);
            await using (var insert = await BulkInserter.StartAsync(Db, typeof(Person), PersonColumns, ct))
            {
                foreach (var p in _batch)
                {
                    if (persons.TryGetValue(p.Id.Value, out var existing))
                    {
                        var renamed = existing.Rename(p.Name);
                        var updated = existing.Update(p.Details);
                        if (renamed || updated) counts.Changed++; else counts.Unchanged++;
                        continue;
                    }
                    var person = new Person(householdIds[p.HouseholdNumber], p.Name, p.Id, p.Details);
                    await insert.AddAsync([person.HouseholdId, person.Name, person.IdNumber, person.Gender, person.BirthDate,
                        person.Relation, person.Ethnicity, person.Health, person.DisabilityGrade, person.Labour, person.Schooling,
                        person.Employment, person.MonthsWorked, person.MedicalInsurance, person.SeriousIllnessInsurance,
                        person.Phone, person.Status, person.MemberFrom, person.MemberUntil], ct);
                    counts.Added++;
                }
                await insert.CompleteAsync(ct);
            }
            await SaveBatchAsync(ct);
            _batch.Clear();
        }
        Notes.RemoveAll(n => n.StartsWith(HouseholdsNote, StringComparison.Ordinal));
        Notes.Add($"{HouseholdsNote}新增 {_householdsAdded}，变更 {_householdsChanged}");
    }

    private const string HouseholdsNote = "户：";

    private static readonly string[] PersonColumns =
    [
        nameof(Person.HouseholdId), nameof(Person.Name), nameof(Person.IdNumber), nameof(Person.Gender), nameof(Person.BirthDate),
        nameof(Person.Relation), nameof(Person.Ethnicity), nameof(Person.Health), nameof(Person.DisabilityGrade), nameof(Person.Labour),
        nameof(Person.Schooling), nameof(Person.Employment), nameof(Person.MonthsWorked), nameof(Person.MedicalInsurance),
        nameof(Person.SeriousIllnessInsurance), nameof(Person.Phone), nameof(Person.Status), nameof(Person.MemberFrom), nameof(Person.MemberUntil),
    ];

    private static readonly string[] HouseholdColumns =
    [
        nameof(Household.Number), nameof(Household.VillageCode), nameof(Household.TownshipCode), nameof(Household.CountyCode),
        nameof(Household.PrefectureCode), nameof(Household.Group), nameof(Household.Address), nameof(Household.Phone),
        nameof(Household.Type), nameof(Household.Flags), nameof(Household.HousingGrade), nameof(Household.Version),
    ];

    /// <summary>Villages and group names repeat on every row; one copy of each is kept.</summary>
    private string? Intern(string? value)
    {
        if (value is null) return null;
        if (_strings.TryGetValue(value, out var kept)) return kept;
        if (_strings.Count < 100_000) _strings[value] = value;
        return value;
    }

    /// <summary>The first 17 digits identify a valid number (the 18th is their checksum): 8 bytes per person.</summary>
    private static ulong Key(IdNumber id) => Key(id.Value);

    private static ulong Key(string id) => ulong.Parse(id.AsSpan(0, 17));

    private PersonRow? Parse(SourceRow row, ColumnMap map, Action<string, string> error)
    {
        var ok = true;
        void Fail(string column, string message) { ok = false; error(column, message); }

        DivisionCode village = default;
        var villageText = map.Get(row, Village);
        if (!DivisionCode.TryParse(villageText, out village, out var villageError)) Fail(Village, villageError);
        else if (village.Level != DivisionLevel.Village) Fail(Village, $"“{villageText}”不是村级代码（应为 12 位）");
        else if (!_villages.Contains(village.Value)) Fail(Village, $"村代码 {village} 不在区划表中，请先导入区划");
        else if (!Db.Scope.Covers(village.Value)) Fail(Village, $"村 {village} 不在您的管辖范围内");

        var group = map.Get(row, Group);
        if (group.Length > 50) Fail(Group, "村民小组超过 50 个字");
        var number = ParseHouseholdNumber(map.Get(row, HouseholdNumber), HouseholdNumber, Fail);
        var name = Required(map.Get(row, Name), Name, 50, Fail);

        var idParse = IdNumber.Parse(map.Get(row, Id), map.IsText(row, Id));
        if (!idParse.Ok) Fail(Id, idParse.Error!);

        Word(Words.Relation, map.Get(row, Relation), Fail, out var relation);
        var ethnicity = map.Get(row, Ethnicity);
        if (ethnicity.Length > 20) Fail(Ethnicity, "民族超过 20 个字");
        Word(Words.Health, map.Get(row, Health), Fail, out var health);
        Word(Words.Labour, map.Get(row, Labour), Fail, out var labour);
        Word(Words.Schooling, map.Get(row, Schooling), Fail, out var schooling);
        Word(Words.Employment, map.Get(row, Employment), Fail, out var employment);
        var insuranceText = map.Get(row, Insurance);
        if (!Words.TryParseYesNo(insuranceText, out var insured)) Fail(Insurance, $"基本医疗保险“{insuranceText}”应填“是”或“否”");

        HouseholdType? type = null;
        var typeText = map.Get(row, Type);
        if (typeText.Length > 0)
        {
            if (Word(Words.HouseholdType, typeText, Fail, out var t)) type = t;
        }
        if (!CellParsers.TryPhone(map.Get(row, Phone), out var phone, out var phoneError)) Fail(Phone, phoneError);

        if (!ok) return null;
        if (idParse.Note is not null) _converted15++;
        var details = new PersonDetails(relation, ethnicity, health, null, labour, schooling, employment, null, insured, null, phone);
        return new PersonRow(village, group.Length == 0 ? null : group, number, name, idParse.Value!.Value, relation, details, type, phone);
    }

    private sealed record PersonRow(DivisionCode Village, string? Group, string HouseholdNumber, string Name, IdNumber Id,
        Relation Relation, PersonDetails Details, HouseholdType? Type, string? Phone);

    private sealed class HouseholdDraft(int index, string number, string village, long firstRow)
    {
        public int Index { get; } = index;
        public string Number { get; } = number;
        public string Village { get; } = village;
        public long FirstRow { get; } = firstRow;
        public int Heads { get; private set; }
        public long FirstHeadRow { get; private set; }
        public long SecondHeadRow { get; private set; }
        public string? Group { get; set; }
        public string? Phone { get; set; }
        public HouseholdType? Type { get; set; }
        /// <summary>ID numbers of the current heads in the registry (normally one).</summary>
        public IReadOnlyList<string> RegisteredHeads { get; set; } = [];

        public void AddHead(long row)
        {
            Heads++;
            if (Heads == 1) FirstHeadRow = row;
            else if (Heads == 2) SecondHeadRow = row;
        }

        /// <summary>Already in the registry before this import.</summary>
        public bool Registered { get; set; }

        /// <summary>The id of a household this import inserted.</summary>
        public long Id { get; set; }

        /// <summary>Whether the write pass has applied this file's household fields.</summary>
        public bool Written { get; set; }
    }
}
