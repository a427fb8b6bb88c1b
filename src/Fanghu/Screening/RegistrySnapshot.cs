using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <summary>
/// What screening needs of the registry, loaded once per run into arrays: every current member of every household
/// in the account's scope, found by ID number, and every household, found by its head's ID number, its 户编号 or
/// its village. About 40 bytes per person: 2,000,000 persons take some 100 MB.
/// </summary>
internal sealed class RegistrySnapshot
{
    private readonly Dictionary<long, int> _byId;
    private readonly Dictionary<long, int> _byHeadId;
    private readonly Dictionary<string, int> _byNumber;
    private readonly Dictionary<string, List<int>> _byVillage;

    private RegistrySnapshot(PersonRow[] persons, HouseholdRow[] households)
    {
        Persons = persons;
        Households = households;
        _byId = new Dictionary<long, int>(persons.Length);
        _byHeadId = new Dictionary<long, int>(households.Length);
        for (var i = 0; i < persons.Length; i++)
        {
            _byId.TryAdd(persons[i].IdKey, i);
            if (persons[i].IsHead) _byHeadId.TryAdd(persons[i].IdKey, persons[i].Household);
        }
        _byNumber = new Dictionary<string, int>(households.Length, StringComparer.OrdinalIgnoreCase);
        _byVillage = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < households.Length; i++)
        {
            _byNumber.TryAdd(households[i].Number, i);
            if (!_byVillage.TryGetValue(households[i].VillageCode, out var list)) _byVillage[households[i].VillageCode] = list = [];
            list.Add(i);
        }
    }

    public PersonRow[] Persons { get; }
    public HouseholdRow[] Households { get; }

    public bool TryPerson(long idKey, out int person) => _byId.TryGetValue(idKey, out person);

    public bool TryHouseholdByHead(long idKey, out int household) => _byHeadId.TryGetValue(idKey, out household);

    public bool TryHouseholdByNumber(string number, out int household) => _byNumber.TryGetValue(number, out household);

    public IReadOnlyList<int> HouseholdsOfVillage(string code) => _byVillage.TryGetValue(code, out var list) ? list : [];

    public bool InPopulation(int household, Population population) =>
        population == Population.All || InPopulation(Households[household].FormerlyPoorOrMonitored, population);

    /// <summary>The same from the household's flag, as a person's row carries it.</summary>
    public static bool InPopulation(bool formerlyPoorOrMonitored, Population population) => population switch
    {
        Population.FormerlyPoorOrMonitored => formerlyPoorOrMonitored,
        Population.Others => !formerlyPoorOrMonitored,
        _ => true,
    };

    public static async Task<RegistrySnapshot> LoadAsync(FanghuDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var monitored = (await db.MonitoringCases.AsNoTracking()
            .Where(c => c.IdentifiedOn != null && (c.Stage == CaseStage.Monitored
                || (c.Stage >= CaseStage.EliminationVillageReview && c.Stage <= CaseStage.EliminationCountyApproval)))
            .Select(c => c.HouseholdId).ToListAsync(ct)).ToHashSet();

        var households = new List<HouseholdRow>();
        var index = new Dictionary<long, int>();
        await foreach (var h in db.Households.AsNoTracking()
            .Select(h => new { h.Id, h.Number, h.VillageCode, h.CountyCode, h.Type }).AsAsyncEnumerable().WithCancellation(ct))
        {
            index[h.Id] = households.Count;
            households.Add(new HouseholdRow(h.Id, h.Number, string.Intern(h.VillageCode), string.Intern(h.CountyCode),
                h.Type == HouseholdType.FormerlyPoor || monitored.Contains(h.Id)));
        }

        var persons = new List<PersonRow>();
        await foreach (var p in db.Persons.AsNoTracking()
            .Where(p => p.MemberUntil == null || p.MemberUntil > asOf)
            .Select(p => new { p.Id, p.IdNumber, p.HouseholdId, p.BirthDate, p.Labour, p.Relation })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!index.TryGetValue(p.HouseholdId, out var household) || !IdKey.TryFast(p.IdNumber, out var key)) continue;
            persons.Add(new PersonRow(p.Id, key, household, p.BirthDate, p.Labour is LabourCapacity.Ordinary or LabourCapacity.Skilled,
                p.Relation == Relation.Head, households[household].FormerlyPoorOrMonitored));
        }
        return new RegistrySnapshot([.. persons], [.. households]);
    }
}

/// <param name="MainLabourer">Has ordinary or skilled labour capacity (普通劳动力, 技能劳动力).</param>
/// <param name="FormerlyPoorOrMonitored">The household's flag (<see cref="HouseholdRow"/>), copied so that a row of a person's
/// file reads one array, not two (it fits the struct's padding: still 32 bytes).</param>
internal readonly record struct PersonRow(long Id, long IdKey, int Household, DateOnly BirthDate, bool MainLabourer, bool IsHead,
    bool FormerlyPoorOrMonitored)
{
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date < BirthDate.AddYears(age)) age--;
        return age;
    }
}

internal readonly record struct HouseholdRow(long Id, string Number, string VillageCode, string CountyCode, bool FormerlyPoorOrMonitored);
