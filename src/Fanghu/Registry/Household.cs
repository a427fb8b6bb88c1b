using Fanghu.Divisions;

namespace Fanghu.Registry;

/// <summary>
/// A rural household (户), identified by its household number (户编号). Its division codes are kept at
/// every level so that scoping and per-county partitioning are plain indexed comparisons.
/// </summary>
public sealed class Household
{
    private readonly List<Person> _members = [];
    private readonly List<HouseholdIncome> _incomes = [];
    private readonly List<GuaranteeCheck> _guarantees = [];
    private readonly List<NaturalChange> _changes = [];

    private Household()
    {
        Number = VillageCode = TownshipCode = CountyCode = PrefectureCode = "";
    }

    public Household(string number, DivisionCode village, HouseholdType type)
    {
        if (string.IsNullOrWhiteSpace(number)) throw new ArgumentException("户编号不能为空", nameof(number));
        Number = number.Trim();
        VillageCode = TownshipCode = CountyCode = PrefectureCode = "";
        MoveToVillage(village);
        Type = type;
    }

    public long Id { get; private set; }

    /// <summary>户编号.</summary>
    public string Number { get; private set; }

    public string VillageCode { get; private set; }
    public string TownshipCode { get; private set; }
    public string CountyCode { get; private set; }
    public string PrefectureCode { get; private set; }

    /// <summary>村民小组 (villager group), named under the village.</summary>
    public string? Group { get; private set; }
    public string? Address { get; private set; }
    public string? Phone { get; private set; }
    public HouseholdType Type { get; private set; }
    public HouseholdFlags Flags { get; private set; }
    public HousingGrade? HousingGrade { get; private set; }

    /// <summary>
    /// Optimistic concurrency token (ADR 0018): raised by the context whenever the household, one of its members, incomes,
    /// guarantee checks or natural changes is written, or a case is opened on it.
    /// </summary>
    public int Version { get; private set; }

    public IReadOnlyList<Person> Members => _members;
    public IReadOnlyList<HouseholdIncome> Incomes => _incomes;
    public IReadOnlyList<GuaranteeCheck> Guarantees => _guarantees;
    public IReadOnlyList<NaturalChange> Changes => _changes;

    /// <summary>
    /// Sets the fields the persons template carries; returns whether anything changed. A blank group or phone
    /// keeps the known one (the columns are optional).
    /// </summary>
    public bool Update(DivisionCode village, string? group, HouseholdType type, string? phone)
    {
        var changed = false;
        if (village.Value != VillageCode) { MoveToVillage(village); changed = true; }
        group = Clean(group);
        if (group is not null && group != Group) { Group = group; changed = true; }
        if (type != Type) { Type = type; changed = true; }
        phone = Clean(phone);
        if (phone is not null && phone != Phone) { Phone = phone; changed = true; }
        return changed;
    }

    public void Describe(string? address, HouseholdFlags flags, HousingGrade? housing)
    {
        Address = Clean(address);
        Flags = flags;
        HousingGrade = housing;
    }

    public Person AddMember(string name, IdNumber id, PersonDetails details, DateOnly? memberFrom = null)
    {
        if (_members.Any(m => m.IdNumber == id.Value))
            throw new InvalidOperationException($"{id.Masked} 已是本户成员");
        var person = new Person(this, name, id, details, memberFrom);
        _members.Add(person);
        return person;
    }

    /// <summary>
    /// Records a natural change (自然变更) as a dated event; membership dates follow from it so that the
    /// household's size on any past date can still be computed.
    /// </summary>
    public NaturalChange RecordChange(ChangeKind kind, DateOnly date, Person person, string? note = null)
    {
        // Before saving both ids are 0, so only the navigation can tell two new households apart.
        if (person.Household != this && (Id == 0 || person.HouseholdId != Id))
            throw new InvalidOperationException("该人员不是本户成员");
        switch (kind)
        {
            case ChangeKind.Birth or ChangeKind.MarriageIn or ChangeKind.MoveIn:
                person.JoinOn(date);
                break;
            case ChangeKind.Death:
                person.LeaveOn(date, PersonStatus.Deceased);
                break;
            case ChangeKind.MarriageOut or ChangeKind.MoveOut:
                person.LeaveOn(date, PersonStatus.MovedOut);
                break;
        }
        var change = new NaturalChange(this, person, kind, date, note);
        _changes.Add(change);
        return change;
    }

    /// <summary>Whether anyone in the household can work on a date; never for a household flagged 整户无劳动能力.</summary>
    public bool HasLabourCapacityOn(DateOnly date) =>
        !Flags.HasFlag(HouseholdFlags.NoLabourCapacity) && _members.Any(m => m.IsMemberOn(date) && m.CanWork);

    /// <summary>Members on a date (家庭人口数), derived from membership dates, never stored.</summary>
    public int SizeOn(DateOnly date) => _members.Count(m => m.IsMemberOn(date));

    /// <summary>
    /// Household size used for a year's per-capita income: the members on 31 December of that year.
    /// </summary>
    public int SizeForYear(int year) => SizeOn(new DateOnly(year, 12, 31));

    public HouseholdIncome? IncomeFor(int year) => _incomes.FirstOrDefault(i => i.Year == year);

    public HouseholdIncome SetIncome(int year, IncomeAmounts amounts)
    {
        var existing = IncomeFor(year);
        if (existing is not null)
        {
            existing.Update(amounts);
            return existing;
        }
        var income = new HouseholdIncome(this, year, amounts);
        _incomes.Add(income);
        return income;
    }

    public GuaranteeCheck RecordGuarantee(GuaranteeAspect aspect, bool secure, DateOnly checkedOn, string? evidence)
    {
        var check = new GuaranteeCheck(this, aspect, secure, checkedOn, evidence);
        _guarantees.Add(check);
        return check;
    }

    /// <summary>The latest check of each aspect, or null when never checked.</summary>
    public GuaranteeCheck? CurrentGuarantee(GuaranteeAspect aspect) =>
        _guarantees.Where(g => g.Aspect == aspect).OrderByDescending(g => g.CheckedOn).ThenByDescending(g => g.Id).FirstOrDefault();

    private void MoveToVillage(DivisionCode village)
    {
        if (village.Level != DivisionLevel.Village)
            throw new ArgumentException($"{village} 不是村级代码", nameof(village));
        VillageCode = village.Value;
        TownshipCode = village.AtLevel(DivisionLevel.Township);
        CountyCode = village.AtLevel(DivisionLevel.County);
        PrefectureCode = village.AtLevel(DivisionLevel.Prefecture);
    }

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
