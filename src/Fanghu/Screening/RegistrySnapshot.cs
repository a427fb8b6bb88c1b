using System.Data.Common;
using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fanghu.Screening;

/// <summary>
/// What screening needs of the registry, loaded once per run into arrays: every current member of every household
/// in the account's scope, found by ID number, and every household, found by its head's ID number, its 户编号 or
/// its village. About 40 bytes per person: 2,000,000 persons take some 100 MB.
/// </summary>
internal sealed class RegistrySnapshot
{
    private readonly Dictionary<long, int> _byId;
    // Built when first asked for: most datasets name persons, and these cost a string hash per household.
    private readonly Lazy<Dictionary<long, int>> _byHeadId;
    private readonly Lazy<Dictionary<string, int>> _byNumber;
    private readonly Lazy<Dictionary<string, List<int>>> _byVillage;

    private RegistrySnapshot(PersonRow[] persons, HouseholdRow[] households)
    {
        Persons = persons;
        Households = households;
        _byId = new Dictionary<long, int>(persons.Length);
        for (var i = 0; i < persons.Length; i++) _byId.TryAdd(persons[i].IdKey, i);
        _byHeadId = new(() =>
        {
            var byHead = new Dictionary<long, int>(households.Length);
            foreach (var p in persons)
                if (p.IsHead) byHead.TryAdd(p.IdKey, p.Household);
            return byHead;
        });
        _byNumber = new(() =>
        {
            var byNumber = new Dictionary<string, int>(households.Length, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < households.Length; i++) byNumber.TryAdd(households[i].Number, i);
            return byNumber;
        });
        _byVillage = new(() =>
        {
            var byVillage = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < households.Length; i++)
            {
                if (!byVillage.TryGetValue(households[i].VillageCode, out var list)) byVillage[households[i].VillageCode] = list = [];
                list.Add(i);
            }
            return byVillage;
        });
    }

    public PersonRow[] Persons { get; }
    public HouseholdRow[] Households { get; }

    public bool TryPerson(long idKey, out int person) => _byId.TryGetValue(idKey, out person);

    public bool TryHouseholdByHead(long idKey, out int household) => _byHeadId.Value.TryGetValue(idKey, out household);

    public bool TryHouseholdByNumber(string number, out int household) => _byNumber.Value.TryGetValue(number, out household);

    public IReadOnlyList<int> HouseholdsOfVillage(string code) => _byVillage.Value.TryGetValue(code, out var list) ? list : [];

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

        // The queries are EF's, with the account's scope; their rows are read straight from the provider's reader, which
        // for two million persons costs a fraction of materialising them.
        var householdRows = db.Households.AsNoTracking().Select(h => new { h.Id, h.Number, h.VillageCode, h.CountyCode, h.Type });
        var personRows = db.Persons.AsNoTracking()
            .Where(p => p.MemberUntil == null || p.MemberUntil > asOf)
            .Select(p => new { p.Id, p.IdNumber, p.HouseholdId, p.Labour, p.Relation });
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var households = Read(db, householdRows, reader => ReadHouseholds(reader, monitored, ct));
            var persons = Read(db, personRows, reader => ReadPersons(reader, households, ct));
            return new RegistrySnapshot(persons, [.. households.Rows]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static T Read<T>(FanghuDbContext db, IQueryable query, Func<DbDataReader, T> read)
    {
        using var command = query.CreateDbCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        using var reader = command.ExecuteReader();
        return read(reader);
    }

    // The loops are synchronous, outside the async method: a batch job's reads, and optimised code for millions of rows.
    // A person's birth date is the one in the ID number (the registry takes it from there), so it is not read.
    private static (List<HouseholdRow> Rows, Dictionary<long, int> Index) ReadHouseholds(DbDataReader reader, HashSet<long> monitored, CancellationToken ct)
    {
        int id = reader.GetOrdinal("Id"), number = reader.GetOrdinal("Number"), village = reader.GetOrdinal("VillageCode"),
            county = reader.GetOrdinal("CountyCode"), type = reader.GetOrdinal("Type");
        var rows = new List<HouseholdRow>();
        var index = new Dictionary<long, int>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string code) => codes.TryGetValue(code, out var known) ? known : codes[code] = code;
        while (reader.Read())
        {
            if (rows.Count % 65536 == 0) ct.ThrowIfCancellationRequested();
            var householdId = reader.GetInt64(id);
            index[householdId] = rows.Count;
            rows.Add(new HouseholdRow(householdId, reader.GetString(number), Shared(reader.GetString(village)), Shared(reader.GetString(county)),
                (HouseholdType)reader.GetInt32(type) == HouseholdType.FormerlyPoor || monitored.Contains(householdId)));
        }
        return (rows, index);
    }

    private static PersonRow[] ReadPersons(DbDataReader reader, (List<HouseholdRow> Rows, Dictionary<long, int> Index) households, CancellationToken ct)
    {
        int id = reader.GetOrdinal("Id"), number = reader.GetOrdinal("IdNumber"), householdOf = reader.GetOrdinal("HouseholdId"),
            labour = reader.GetOrdinal("Labour"), relation = reader.GetOrdinal("Relation");
        var persons = new List<PersonRow>(households.Rows.Count * 4);
        while (reader.Read())
        {
            if (persons.Count % 65536 == 0) ct.ThrowIfCancellationRequested();
            if (!households.Index.TryGetValue(reader.GetInt64(householdOf), out var household) || !IdKey.TryFast(reader.GetString(number), out var key)) continue;
            persons.Add(new PersonRow(reader.GetInt64(id), key, household, IdKey.BirthDate(key),
                (LabourCapacity)reader.GetInt32(labour) is LabourCapacity.Ordinary or LabourCapacity.Skilled,
                (Relation)reader.GetInt32(relation) == Relation.Head, households.Rows[household].FormerlyPoorOrMonitored));
        }
        return [.. persons];
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
