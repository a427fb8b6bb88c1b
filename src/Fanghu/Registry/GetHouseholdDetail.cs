using Fanghu.Applications;
using Fanghu.Audit;
using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Registry;

/// <summary>
/// Everything the household page shows: members, flags, guarantees, income by year measured against that
/// year's monitoring line, and monitoring episodes. Returns null when the household does not exist or lies
/// outside the user's scope; the caller answers 404 either way so that scope does not leak existence. ID numbers and
/// phones are masked (revealed one at a time by <see cref="RevealPersonalData"/>); the members' health is in full, so a
/// caller that shows it records one read of the household's health records in the audit trail (docs/adr/0017).
/// </summary>
public sealed class GetHouseholdDetail(FanghuDbContext db, TimeProvider clock)
{
    public sealed record Result(
        long Id,
        string Number,
        HouseholdType Type,
        IReadOnlyList<DivisionName> Divisions,
        string? Group,
        string? Address,
        string? PhoneMasked,
        HouseholdFlags Flags,
        HousingGrade? HousingGrade,
        int CurrentSize,
        IReadOnlyList<Member> Members,
        IReadOnlyList<Guarantee> Guarantees,
        IReadOnlyList<IncomeYear> Incomes,
        IReadOnlyList<Episode> Episodes);

    public sealed record DivisionName(string Code, string Name);

    public sealed record Member(
        long Id, string Name, string IdNumberMasked, Relation Relation, Gender Gender, int Age, string Ethnicity,
        HealthStatus Health, int? DisabilityGrade, LabourCapacity Labour, Schooling Schooling, Employment Employment,
        int? MonthsWorked, bool MedicalInsurance, bool? SeriousIllnessInsurance, PersonStatus Status, string? PhoneMasked);

    public sealed record Guarantee(GuaranteeAspect Aspect, bool? Secure, DateOnly? CheckedOn, string? Evidence);

    /// <param name="AtOrBelowLine">人均纯收入 ≤ the line: within the monitoring range (DESIGN §5.3).</param>
    public sealed record IncomeYear(
        int Year, decimal Wages, decimal NetOperatingIncome, decimal PropertyIncome, decimal TransferIncome, decimal NetIncome,
        int HouseholdSize, decimal? PerCapita, decimal? IncomeLine, bool? AtOrBelowLine,
        decimal? InsuranceClaims, decimal? CompliantOutOfPocket);

    public sealed record Episode(long CaseId, int Number, CaseStage Stage, MonitoringCategory? Category, IReadOnlyList<string> RiskTypes,
        DateOnly OpenedOn, DateOnly? IdentifiedOn, DateOnly? EliminatedOn, EliminationMethod? EliminationMethod, CaseOrigin Origin, bool IsReEntry);

    /// <summary>What a health-record read names as shown (健康状况: health, disability grade, illnesses).</summary>
    public const string HealthRecords = "Health";

    /// <param name="healthShown">Whether the caller shows the members' health (the household page and the API do; the visit
    /// form, which only needs the household's facts and episodes, does not): then the read is recorded.</param>
    public async Task<Result?> HandleAsync(long id, bool healthShown, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().AsSplitQuery()
            .Include(h => h.Members)
            .Include(h => h.Incomes)
            .Include(h => h.Guarantees)
            .FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null) return null;

        var codes = new[] { household.PrefectureCode, household.CountyCode, household.TownshipCode, household.VillageCode };
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var policies = await db.PolicySets.AsNoTracking().ToListAsync(ct);
        var cases = await db.MonitoringCases.AsNoTracking().Where(c => c.HouseholdId == id).OrderBy(c => c.Episode).ToListAsync(ct);
        var today = clock.Today();

        var members = household.Members
            .OrderBy(m => m.Status).ThenBy(m => m.Relation).ThenBy(m => m.BirthDate)
            .Select(m => new Member(m.Id, m.Name, IdNumber.Mask(m.IdNumber), m.Relation, m.Gender, m.AgeOn(today), m.Ethnicity,
                m.Health, m.DisabilityGrade, m.Labour, m.Schooling, m.Employment, m.MonthsWorked, m.MedicalInsurance,
                m.SeriousIllnessInsurance, m.Status, PhoneNumber.MaskOrNull(m.Phone)))
            .ToList();

        var guarantees = Enum.GetValues<GuaranteeAspect>()
            .Select(a => household.CurrentGuarantee(a) is { } g
                ? new Guarantee(a, g.Secure, g.CheckedOn, g.Evidence)
                : new Guarantee(a, null, null, null))
            .ToList();

        var incomes = household.Incomes.OrderByDescending(i => i.Year).Select(i =>
        {
            var amounts = i.Amounts;
            var size = household.SizeForYear(i.Year);
            var perCapita = amounts.PerCapita(size);
            var line = PolicyLookup.InForce(policies, household.VillageCode, new DateOnly(i.Year, 12, 31))?.IncomeLine;
            bool? below = perCapita is { } p && line is { } l ? p <= l : null;
            return new IncomeYear(i.Year, amounts.Wages, amounts.NetOperatingIncome, amounts.PropertyIncome, amounts.TransferIncome,
                amounts.NetIncome, size, perCapita, line, below, amounts.InsuranceClaims, amounts.CompliantOutOfPocket);
        }).ToList();

        var episodes = cases.Select(c => new Episode(c.Id, c.Episode, c.Stage, c.Category, c.RiskTypes, c.OpenedOn, c.IdentifiedOn,
            c.EliminatedOn, c.EliminationMethod, c.Origin, c.IsReEntry)).ToList();

        if (healthShown && members.Count > 0)
            await AuditTrail.RecordReadAsync(db, nameof(Household), household.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                household.Id, new Dictionary<string, object?> { ["Field"] = HealthRecords, ["Persons"] = members.Select(m => m.Id).ToList() }, ct);

        return new Result(household.Id, household.Number, household.Type,
            [.. codes.Where(names.ContainsKey).Select(c => new DivisionName(c, names[c]))],
            household.Group, household.Address, PhoneNumber.MaskOrNull(household.Phone), household.Flags, household.HousingGrade,
            household.SizeOn(today), members, guarantees, incomes, episodes);
    }
}
