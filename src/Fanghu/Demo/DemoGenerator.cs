using System.Globalization;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Registry;

namespace Fanghu.Demo;

/// <summary>A generated household with its monitoring episodes (cases are not part of the household aggregate).</summary>
public sealed record DemoHousehold(Household Household, IReadOnlyList<MonitoringCase> Cases);

/// <summary>
/// Generates the demo prefecture as plain domain objects, without a database. Everything is drawn from one
/// seeded <see cref="Random"/> in a fixed order, so every run produces the same households, people and ID
/// numbers. One generator produces one prefecture: enumerate <see cref="Households"/> once.
/// </summary>
public sealed class DemoGenerator
{
    /// <summary>The date the demo data describes: ages, schooling and case states are as of this day.</summary>
    public static readonly DateOnly AsOf = new(2026, 10, 31);

    /// <summary>Cases identified before this date came from the national system; later ones through Fanghu.</summary>
    private static readonly DateOnly FanghuLive = new(2025, 7, 1);

    private static readonly DateOnly UnifiedSchemeFrom = new(2026, 1, 1);

    /// <summary>Children born from this day on joined their household through a recorded birth (自然变更).</summary>
    private static readonly DateOnly BirthsRecordedFrom = new(2024, 1, 1);

    private static readonly string[] PhonePrefixes = ["139", "138", "150", "151", "152", "158", "187", "188", "133", "153", "189", "177", "199", "182", "183"];

    private readonly Random _r;
    private readonly HashSet<string> _idPrefixes = new(StringComparer.Ordinal);

    public DemoGenerator(int seed = DemoPrefecture.Seed) => _r = new Random(seed);

    /// <summary>The prefecture, its counties, townships and villages (not the province), parents first.</summary>
    public static IReadOnlyList<Division> Divisions()
    {
        var prefecture = DivisionCode.Parse(DemoPrefecture.PrefectureCode);
        var list = new List<Division> { new(prefecture, DemoPrefecture.PrefectureName, DivisionCode.Parse(DemoPrefecture.ProvinceCode)) };
        foreach (var county in DemoPlaces.Counties)
        {
            var countyCode = DivisionCode.Parse(county.Code);
            list.Add(new Division(countyCode, county.Name, prefecture));
            for (var t = 0; t < county.Townships.Count; t++)
            {
                var township = county.Townships[t];
                var townshipCode = DivisionCode.Parse(DemoPlaces.TownshipCode(county.Code, county.Townships, t));
                list.Add(new Division(townshipCode, township.Name, countyCode));
                for (var v = 0; v < township.Villages.Length; v++)
                    list.Add(new Division(DivisionCode.Parse(DemoPlaces.VillageCode(townshipCode.Value, v)), township.Villages[v], townshipCode));
            }
        }
        return list;
    }

    /// <summary>All households, village by village, in a fixed order.</summary>
    public IEnumerable<DemoHousehold> Households()
    {
        foreach (var county in DemoPlaces.Counties)
        {
            for (var t = 0; t < county.Townships.Count; t++)
            {
                var township = county.Townships[t];
                var townshipCode = DemoPlaces.TownshipCode(county.Code, county.Townships, t);
                for (var v = 0; v < township.Villages.Length; v++)
                {
                    var village = new VillagePlace(county, township, DivisionCode.Parse(DemoPlaces.VillageCode(townshipCode, v)), township.Villages[v]);
                    var households = 50 + _r.Next(50) + _r.Next(50);
                    var groups = 4 + _r.Next(9);
                    for (var n = 1; n <= households; n++)
                        yield return Household(village, n, 1 + (n - 1) * groups / households);
                }
            }
        }
    }

    private sealed record VillagePlace(DemoPlaces.County County, DemoPlaces.Township Township, DivisionCode Code, string Name);

    /// <summary>A member before it becomes a <see cref="Person"/>.</summary>
    private sealed class Draft(Relation relation, Gender gender, int age, string ethnicity, string surname)
    {
        public Relation Relation { get; } = relation;
        public Gender Gender { get; } = gender;
        public int Age { get; } = age;
        public string Ethnicity { get; } = ethnicity;
        public string Surname { get; } = surname;
        public ChangeKind? Joined { get; set; }
        public DateOnly JoinedOn { get; set; }
        public ChangeKind? Left { get; set; }
        public DateOnly LeftOn { get; set; }
    }

    private DemoHousehold Household(VillagePlace place, int number, int group)
    {
        var r = _r;
        var type = r.Next(100) < 40 ? HouseholdType.FormerlyPoor : HouseholdType.Ordinary;
        var drafts = Family(place);

        var household = new Household(place.Code.Value + number.ToString("D4", CultureInfo.InvariantCulture), place.Code, type);
        var persons = new List<(Person Person, Draft Draft)>(drafts.Count);
        foreach (var d in drafts)
        {
            var birth = AsOf.AddYears(-d.Age).AddDays(-r.Next(0, 365));
            var id = NewId(place.County.Code, birth, d.Gender);
            if (birth >= BirthsRecordedFrom && d.Relation != Relation.Head)
            {
                d.Joined = ChangeKind.Birth;
                d.JoinedOn = birth;
            }
            var name = DemoNames.Full(d.Ethnicity, d.Surname, d.Gender, r);
            persons.Add((household.AddMember(name, id, Details(d, type)), d));
        }
        foreach (var (person, d) in persons)
        {
            if (d.Joined is { } joined) household.RecordChange(joined, d.JoinedOn, person);
            if (d.Left is { } left) household.RecordChange(left, d.LeftOn, person);
        }

        var current = household.Members.Where(m => m.IsMemberOn(AsOf)).ToList();
        var flags = Flags(type, current);
        var housing = (flags & HouseholdFlags.Relocated) != 0 ? HousingGrade.A : Pick(r, (HousingGrade.A, 55), (HousingGrade.B, 40), (HousingGrade.C, 4), (HousingGrade.D, 1));
        var groupName = $"第{group}村民小组";
        household.Update(place.Code, groupName, type, current.Select(m => m.Phone).FirstOrDefault(p => p is not null) ?? Phone());
        household.Describe($"云南省迪庆藏族自治州{place.County.Name}{place.Township.Name}{place.Name}{groupName}", flags, housing);

        var cases = Cases(household, current, flags);
        Incomes(household, current, flags, cases);
        Guarantees(household, current, housing, cases);
        return new DemoHousehold(household, cases);
    }

    private List<Draft> Family(VillagePlace place)
    {
        var r = _r;
        var main = Pick(r, place.Township.Ethnicities);
        string Ethnicity() => r.Next(100) < 88 ? main : Pick(r, place.Township.Ethnicities);

        var headGender = r.Next(100) < 82 ? Gender.Male : Gender.Female;
        var headAge = 24 + r.Next(35) + r.Next(27);
        var headSurname = DemoNames.Surname(main, r);
        var head = new Draft(Relation.Head, headGender, headAge, main, headSurname);
        var family = new List<Draft> { head };

        Draft? spouse = null;
        if (r.Next(100) < (headGender == Gender.Female ? 40 : headAge < 70 ? 88 : 60))
        {
            var spouseGender = headGender == Gender.Male ? Gender.Female : Gender.Male;
            var spouseAge = Math.Max(20, headAge + (headGender == Gender.Male ? -r.Next(-2, 7) : r.Next(-2, 7)));
            var spouseEthnicity = Ethnicity();
            spouse = new Draft(Relation.Spouse, spouseGender, spouseAge, spouseEthnicity, DemoNames.Surname(spouseEthnicity, r));
            family.Add(spouse);
        }

        var father = headGender == Gender.Male ? head : spouse;
        var childEthnicity = father?.Ethnicity ?? main;
        var childSurname = father?.Surname ?? DemoNames.Surname(childEthnicity, r);
        var motherAge = headGender == Gender.Female ? headAge : spouse?.Age ?? headAge - 3;
        var children = 1 + r.Next(3) + (r.Next(100) < (main is "藏族" or "傈僳族" ? 40 : 25) ? 1 : 0);
        var marriedSon = false;
        for (var i = 0; i < children; i++)
        {
            var age = motherAge - 20 - r.Next(18);
            if (age < 0) continue;
            var gender = r.Next(2) == 0 ? Gender.Male : Gender.Female;
            // Grown children mostly live in their own households; a son more often stays with his parents.
            if (age >= 27 && r.Next(100) >= (gender == Gender.Male ? 60 : 20)) continue;
            var child = new Draft(gender == Gender.Male ? Relation.Son : Relation.Daughter, gender, age, childEthnicity, childSurname);
            family.Add(child);
            if (gender == Gender.Female && age is >= 19 and <= 30 && r.Next(100) < 8)
            {
                child.Left = ChangeKind.MarriageOut;
                child.LeftOn = Date(r, new DateOnly(2024, 3, 1), AsOf);
            }

            if (gender == Gender.Male && age >= 23 && !marriedSon && r.Next(100) < 65)
            {
                marriedSon = true;
                var wifeEthnicity = Ethnicity();
                var wife = new Draft(Relation.DaughterInLaw, Gender.Female, Math.Max(20, age - r.Next(-2, 5)), wifeEthnicity, DemoNames.Surname(wifeEthnicity, r));
                family.Add(wife);
                if (r.Next(100) < 12)
                {
                    wife.Joined = ChangeKind.MarriageIn;
                    wife.JoinedOn = Date(r, new DateOnly(2024, 1, 15), AsOf.AddMonths(-2));
                }
                var grandchildren = wife.Joined is null ? r.Next(3) : 0;
                for (var g = 0; g < grandchildren; g++)
                {
                    var gAge = wife.Age - 19 - r.Next(14);
                    if (gAge < 0) continue;
                    var gGender = r.Next(2) == 0 ? Gender.Male : Gender.Female;
                    var grandchild = new Draft(gGender == Gender.Male ? Relation.Grandson : Relation.Granddaughter, gGender, gAge, childEthnicity, childSurname);
                    family.Add(grandchild);
                }
            }
        }

        if (headAge < 58 && r.Next(100) < 32)
        {
            var parents = 1 + r.Next(2);
            for (var i = 0; i < parents; i++)
            {
                var gender = parents == 2 ? (i == 0 ? Gender.Male : Gender.Female) : (r.Next(100) < 35 ? Gender.Male : Gender.Female);
                var age = Math.Min(94, headAge + 22 + r.Next(12));
                var surname = gender == Gender.Male ? headSurname : DemoNames.Surname(main, r);
                family.Add(new Draft(Relation.Parent, gender, age, main, surname));
            }
        }

        // A few elderly members died during the two income years; they stay in the record with the event.
        foreach (var d in family)
        {
            if (d.Relation != Relation.Head && d.Age >= 72 && d.Joined is null && d.Left is null && r.Next(100) < 9)
            {
                d.Left = ChangeKind.Death;
                d.LeftOn = Date(r, new DateOnly(2024, 2, 1), AsOf.AddDays(-10));
            }
        }
        return family;
    }

    private PersonDetails Details(Draft d, HouseholdType type)
    {
        var r = _r;
        var age = d.Age;
        // Illness and disability are somewhat more frequent in formerly poor households (per mille, scaled).
        var scale = type == HouseholdType.FormerlyPoor ? 14 : 10;
        var health = HealthStatus.Healthy;
        int? grade = null;
        var roll = r.Next(1000);
        var serious = (age >= 60 ? 25 : 12) * scale / 10;
        var disabled = (age >= 60 ? 60 : 30) * scale / 10;
        var chronic = (age < 40 ? 30 : age < 60 ? 100 : 220) * scale / 10;
        if (roll < serious) health = HealthStatus.SeriousIllness;
        else if (roll < serious + disabled) { health = HealthStatus.Disabled; grade = 1 + r.Next(4); }
        else if (roll < serious + disabled + chronic) health = HealthStatus.ChronicIllness;

        var schooling = Schooling.NotInSchool;
        if (age is >= 3 and <= 5) schooling = r.Next(100) < 85 ? Schooling.Preschool : Schooling.NotInSchool;
        else if (age is >= 6 and <= 11) schooling = Schooling.Primary;
        else if (age is >= 12 and <= 14) schooling = Schooling.JuniorSecondary;
        else if (age == 15) schooling = Pick(r, (Schooling.JuniorSecondary, 60), (Schooling.SeniorSecondary, 25), (Schooling.SecondaryVocational, 15));
        else if (age is >= 16 and <= 18) schooling = Pick(r, (Schooling.SeniorSecondary, 45), (Schooling.SecondaryVocational, 30), (Schooling.NotInSchool, 25));
        else if (age is >= 19 and <= 22) schooling = Pick(r, (Schooling.HigherVocational, 15), (Schooling.CollegeOrAbove, 20), (Schooling.NotInSchool, 65));
        // A rare dropout of compulsory-school age (控辍保学).
        if (age is >= 12 and <= 15 && r.Next(1000) < 4) schooling = Schooling.NotInSchool;
        var student = schooling != Schooling.NotInSchool;

        LabourCapacity labour;
        if (age < 16 || student) labour = LabourCapacity.None;
        else if (health == HealthStatus.SeriousIllness || (health == HealthStatus.Disabled && grade <= 2))
            labour = age < 65 ? LabourCapacity.Lost : LabourCapacity.None;
        else if (age >= 65) labour = age <= 70 && r.Next(100) < 20 ? LabourCapacity.Weak : LabourCapacity.None;
        else if (age >= 60 || health != HealthStatus.Healthy) labour = r.Next(100) < 65 ? LabourCapacity.Weak : LabourCapacity.Ordinary;
        else labour = r.Next(100) < 15 ? LabourCapacity.Skilled : LabourCapacity.Ordinary;

        var employment = Employment.NotWorking;
        int? months = null;
        if (labour is LabourCapacity.Ordinary or LabourCapacity.Skilled)
            employment = Pick(r, (Employment.NotWorking, 33), (Employment.WithinTownship, 20), (Employment.WithinCounty, 18), (Employment.WithinProvince, 18), (Employment.OutsideProvince, 11));
        else if (labour == LabourCapacity.Weak)
            employment = Pick(r, (Employment.NotWorking, 70), (Employment.WithinTownship, 25), (Employment.WithinCounty, 5));
        if (employment != Employment.NotWorking)
            months = employment == Employment.OutsideProvince ? 8 + r.Next(5) : 3 + r.Next(10);

        var insured = r.Next(1000) < 975;
        var seriousInsured = insured && r.Next(100) < 96;
        var phone = age is >= 18 and <= 70 && r.Next(100) < 72 ? Phone() : null;
        return new PersonDetails(d.Relation, d.Ethnicity, health, grade, labour, schooling, employment, months, insured, seriousInsured, phone);
    }

    private HouseholdFlags Flags(HouseholdType type, List<Person> current)
    {
        var r = _r;
        var flags = HouseholdFlags.None;
        var poor = type == HouseholdType.FormerlyPoor;
        if (r.Next(1000) < (poor ? 140 : 30)) flags |= HouseholdFlags.Dibao;
        else if (r.Next(1000) < 30) flags |= HouseholdFlags.DibaoMarginal;
        if (r.Next(1000) < (poor ? 90 : 10))
        {
            flags |= HouseholdFlags.Relocated;
            if (r.Next(100) < 60) flags |= HouseholdFlags.ResettlementArea;
        }
        if (r.Next(1000) < 12) flags |= HouseholdFlags.MilitaryFamily;
        if (current.All(m => m.Labour is LabourCapacity.None or LabourCapacity.Lost))
        {
            flags |= HouseholdFlags.NoLabourCapacity;
            if (current.Count == 1 && current[0].AgeOn(AsOf) >= 60 && r.Next(100) < 60)
                flags = (flags & ~HouseholdFlags.Dibao) | HouseholdFlags.Tekun;
        }
        if (current.Any(m => m.Health == HealthStatus.Disabled)) flags |= HouseholdFlags.DisabledFamily;
        return flags;
    }

    private List<MonitoringCase> Cases(Household household, List<Person> current, HouseholdFlags flags)
    {
        var r = _r;
        var poor = household.Type == HouseholdType.FormerlyPoor;
        var chance = poor ? 190 : 55;
        if (current.Any(m => m.Health == HealthStatus.SeriousIllness)) chance += 250;
        if (current.Any(m => m.Health == HealthStatus.Disabled)) chance += 120;
        if (current.Any(m => m.Health == HealthStatus.ChronicIllness)) chance += 40;
        if ((flags & HouseholdFlags.NoLabourCapacity) != 0) chance += 250;
        if ((flags & (HouseholdFlags.Dibao | HouseholdFlags.Tekun)) != 0) chance += 80;
        var cases = new List<MonitoringCase>();
        if (r.Next(1000) >= chance) return cases;

        var canEliminate = (flags & HouseholdFlags.NoLabourCapacity) == 0;
        var identified = Date(r, new DateOnly(2021, 3, 1), new DateOnly(2026, 9, 30), skewEarly: true);
        var episode = Episode(household, current, 1, identified, canEliminate);
        cases.Add(episode);

        // 风险再标注: a new risk some months after elimination opens a second episode.
        if (episode.EliminatedOn is { } eliminated && eliminated < AsOf.AddMonths(-4) && r.Next(100) < 9)
        {
            var again = Date(r, eliminated.AddMonths(3), Min(eliminated.AddMonths(20), AsOf.AddDays(-7)));
            cases.Add(Episode(household, current, 2, again, canEliminate));
        }
        return cases;
    }

    private MonitoringCase Episode(Household household, List<Person> current, int number, DateOnly identified, bool canEliminate)
    {
        var r = _r;
        var poor = household.Type == HouseholdType.FormerlyPoor;
        MonitoringCategory category;
        if (identified >= UnifiedSchemeFrom) category = MonitoringCategory.Unified;
        else if (r.Next(100) < (poor ? 85 : 70)) category = poor ? MonitoringCategory.UnstableFormerlyPoor : MonitoringCategory.MarginalAtRisk;
        else category = MonitoringCategory.SuddenHardship;

        var likely = new List<string>();
        if (current.Any(m => m.Health is HealthStatus.SeriousIllness or HealthStatus.ChronicIllness)) likely.Add("01");
        if (current.Any(m => m.Health == HealthStatus.Disabled)) likely.Add("03");
        if (current.Count(m => m.Labour is LabourCapacity.Ordinary or LabourCapacity.Skilled) == 0) likely.Add("04");
        if (current.Any(m => m.Schooling is Schooling.SeniorSecondary or Schooling.SecondaryVocational or Schooling.HigherVocational or Schooling.CollegeOrAbove)) likely.Add("09");
        string[] sudden = ["0201", "0202", "0205", "0206", "05", "01"];
        string[] other = ["06", "07", "07", "0202", "0205", "05", "99"];
        var count = Pick(r, (1, 45), (2, 40), (3, 15));
        var risks = new List<string>();
        for (var tries = 0; risks.Count < count && tries < 20; tries++)
        {
            var code = category == MonitoringCategory.SuddenHardship && r.Next(100) < 70 ? sudden[r.Next(sudden.Length)]
                : likely.Count > 0 && r.Next(100) < 75 ? likely[r.Next(likely.Count)]
                : other[r.Next(other.Length)];
            if (!risks.Contains(code)) risks.Add(code);
        }

        var origin = identified < FanghuLive ? CaseOrigin.Imported : CaseOrigin.Workflow;
        var c = new MonitoringCase(household, number, category, risks, identified, origin);

        var earliest = identified.AddMonths(6);
        if (canEliminate && earliest < AsOf)
        {
            var share = identified.Year <= 2023 ? 88 : identified.Year == 2024 ? 68 : 35;
            if (r.Next(100) < share)
            {
                var eliminated = Date(r, earliest, Min(identified.AddMonths(26), AsOf.AddDays(-1)));
                var method = r.Next(100) < 78 ? EliminationMethod.ThroughAssistance : EliminationMethod.Natural;
                c.Set(category, risks, identified, eliminated, method);
            }
        }
        return c;
    }

    private void Incomes(Household household, List<Person> current, HouseholdFlags flags, List<MonitoringCase> cases)
    {
        var r = _r;
        var poor = household.Type == HouseholdType.FormerlyPoor;
        var working = current.Count(m => m.Employment != Employment.NotWorking);
        var labourers = current.Count(m => m.Labour is LabourCapacity.Ordinary or LabourCapacity.Skilled or LabourCapacity.Weak);
        var median = poor ? 14200.0 : 17500.0;
        if ((flags & HouseholdFlags.NoLabourCapacity) != 0) median *= 0.72;
        else median *= 0.9 + 0.08 * Math.Min(working, 3);
        var perCapita2025 = median * Math.Exp(0.2 * Normal(r));
        var growth = 1.06 + 0.04 * Normal(r);
        var perCapita2024 = perCapita2025 / growth;

        // Households in an open episode at the end of a year are near or under the line that year.
        // Households eliminated by then are above it with a margin.
        var perCapitaByYear = new[] { (Year: 2024, PerCapita: perCapita2024), (Year: 2025, PerCapita: perCapita2025) };
        for (var i = 0; i < perCapitaByYear.Length; i++)
        {
            var endOfYear = new DateOnly(perCapitaByYear[i].Year, 12, 31);
            var episodes = cases.Where(c => c.IdentifiedOn <= endOfYear).ToList();
            if (episodes.Count == 0) continue;
            if (episodes.Any(c => c.EliminatedOn is null || c.EliminatedOn > endOfYear))
            {
                var sudden = episodes[^1].Category == MonitoringCategory.SuddenHardship;
                perCapitaByYear[i].PerCapita = sudden || r.Next(100) >= 55 ? 8700 + r.Next(2500) : 6500 + r.Next(2190);
            }
            else
                perCapitaByYear[i].PerCapita = Math.Max(perCapitaByYear[i].PerCapita, 9200 + r.Next(3000));
        }

        var ill = current.Any(m => m.Health == HealthStatus.SeriousIllness);
        var chronic = current.Any(m => m.Health == HealthStatus.ChronicIllness);
        foreach (var (year, perCapita) in perCapitaByYear)
        {
            var size = household.SizeForYear(year);
            var total = Math.Round(perCapita * size);
            var transferShare = 0.10 + 0.04 * r.NextDouble();
            if ((flags & (HouseholdFlags.Dibao | HouseholdFlags.Tekun)) != 0) transferShare += 0.18;
            if ((flags & HouseholdFlags.NoLabourCapacity) != 0) transferShare += 0.30;
            var transfer = Math.Round(total * Math.Min(transferShare, 0.85));
            var property = Math.Round(total * (0.01 + 0.03 * r.NextDouble()));
            var rest = total - transfer - property;
            var wageShare = working > 0 ? 0.45 + 0.25 * r.NextDouble() : labourers > 0 ? 0.05 + 0.10 * r.NextDouble() : 0;
            var wages = Math.Round(rest * wageShare);
            var netOperating = rest - wages;
            var expense = Math.Round(netOperating * (0.35 + 0.3 * r.NextDouble()));
            decimal? claims = ill && r.Next(100) < 35 ? 2000 + r.Next(13000) : null;
            decimal? outOfPocket = ill ? 3000 + r.Next(27000) : chronic ? 500 + r.Next(3500) : null;
            household.SetIncome(year, new IncomeAmounts((decimal)wages, (decimal)(netOperating + expense), (decimal)expense,
                (decimal)property, (decimal)transfer, claims, outOfPocket));
        }
    }

    private void Guarantees(Household household, List<Person> current, HousingGrade housing, List<MonitoringCase> cases)
    {
        var r = _r;
        if (household.Type != HouseholdType.FormerlyPoor && cases.Count == 0) return;
        var checkedOn = Date(r, new DateOnly(2025, 10, 8), new DateOnly(2025, 11, 30));
        var dropout = current.Any(m => m.AgeOn(AsOf) is >= 6 and <= 15 && m.Schooling == Schooling.NotInSchool);
        var uninsured = current.Any(m => !m.MedicalInsurance);
        var water = r.Next(1000) >= 15;
        const string Evidence = "2025年度防返贫集中排查入户核实";
        household.RecordGuarantee(GuaranteeAspect.FoodAndClothing, true, checkedOn, Evidence);
        household.RecordGuarantee(GuaranteeAspect.CompulsoryEducation, !dropout, checkedOn, dropout ? "有适龄儿童未在校，已报控辍保学" : Evidence);
        household.RecordGuarantee(GuaranteeAspect.BasicMedical, !uninsured, checkedOn, uninsured ? "有成员未参加基本医疗保险" : "家庭成员均已参保");
        household.RecordGuarantee(GuaranteeAspect.HousingSafety, housing is HousingGrade.A or HousingGrade.B, checkedOn, $"住房安全鉴定 {housing} 级");
        household.RecordGuarantee(GuaranteeAspect.DrinkingWater, water, checkedOn, water ? "自来水入户" : "季节性缺水，已报水务部门");

        // Households still in an open episode were checked again in 2026.
        if (cases.Any(c => !c.IsEliminated))
        {
            var again = Date(r, new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
            household.RecordGuarantee(GuaranteeAspect.HousingSafety, housing is HousingGrade.A or HousingGrade.B || r.Next(100) < 50, again, "2026年监测户回访");
            household.RecordGuarantee(GuaranteeAspect.BasicMedical, true, again, "2026年监测户回访，已动员参保");
        }
    }

    /// <summary>A new checksum-valid ID number registered in the county; the sequence is unique per birth date.</summary>
    private IdNumber NewId(string countyCode, DateOnly birth, Gender gender)
    {
        var prefix = countyCode + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        while (true)
        {
            var sequence = _r.Next(0, 500) * 2 + (gender == Gender.Male ? 1 : 0);
            if (sequence == 0) continue;
            var first17 = prefix + sequence.ToString("D3", CultureInfo.InvariantCulture);
            var id = first17 + IdNumber.ComputeCheckCharacter(first17);
            // Imports refuse numbers ending in 000 as probably cut by Excel; the demo doesn't invent any.
            if (id.EndsWith("000", StringComparison.Ordinal)) continue;
            if (_idPrefixes.Add(first17))
                return IdNumber.FromTrusted(id);
        }
    }

    private string Phone() =>
        PhonePrefixes[_r.Next(PhonePrefixes.Length)] + _r.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    private static T Pick<T>(Random r, params (T Value, int Weight)[] choices)
    {
        var total = 0;
        foreach (var c in choices) total += c.Weight;
        var roll = r.Next(total);
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }

    private static DateOnly Date(Random r, DateOnly from, DateOnly to, bool skewEarly = false)
    {
        var days = to.DayNumber - from.DayNumber;
        if (days <= 0) return from;
        var offset = skewEarly ? (int)(days * Math.Pow(r.NextDouble(), 1.4)) : r.Next(days + 1);
        return from.AddDays(Math.Min(offset, days));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static double Normal(Random r) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - r.NextDouble())) * Math.Cos(2.0 * Math.PI * r.NextDouble());
}
