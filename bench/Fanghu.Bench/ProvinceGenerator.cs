using Fanghu.Registry;

namespace Fanghu.Bench;

/// <summary>Where a pass of the generator puts its rows: values in the order of the pass's property list.</summary>
internal interface IRowSink
{
    /// <summary>The row is read before the call returns, so the caller may reuse its array.</summary>
    ValueTask AddAsync(object?[] row);
}

/// <summary>
/// A province for the dashboard benchmark, generated deterministically (fixed seed) one table at a time: each pass
/// walks the households in order and writes only its own table's rows, with ids numbered from 1 in that order, so
/// the passes agree on every key without keeping anything of the others in memory. A household's own draws come from
/// a generator seeded by its index (and the table), so a pass never has to replay another table's draws; only the
/// choice of which households are monitored (exactly <c>cases</c> episodes) is one sequential draw per household.
/// <para>
/// What it makes: 3,000,000 households (户编号 = village code + 5 digits) of 1–7 members, 脱贫户 (30 %, 55 % among the
/// monitored) and 一般农户, flags (低保, 特困, 搬迁, 整户无劳动能力…), housing grades A–D (C 4 %, D 1 %); persons with
/// checksum-valid ID numbers issued by their county, relations, ages by relation, health, labour capacity by age and
/// health, schooling by age with some children of 6–15 out of school (辍学), employment, basic medical insurance
/// (3 % not enrolled), births, deaths and moves since 2021 as membership dates; a drinking-water check for every
/// household (2.5 % unsafe) and a housing check for C/D houses and a tenth of the others; incomes of 2024 and 2025
/// for three quarters of the households; monitoring episodes opened 2021–2025 — 8 % of them a household's second
/// (the first eliminated or dismissed), about 60 % eliminated, some still leads or in identification or in
/// elimination, some dismissed, those of 2021 partly migrated from the national system (no lead, no steps) — each
/// workflow episode with its lead and its timeline of steps; measures for most identified episodes matching their
/// risk types (PlanChecks), 7 % of them missing the measure of one risk; resident applications, one for every fifth
/// episode, filed by household heads, with their steps.
/// </para>
/// </summary>
internal sealed partial class ProvinceGenerator
{
    public const ulong Seed = 20251231;

    /// <summary>Every date of the data is on or before this day.</summary>
    public static readonly DateOnly DataEnd = new(2025, 12, 31);

    /// <summary>ID numbers stay unique up to this many persons in one county (see <see cref="FormatIdNumber"/>).</summary>
    public const int MaxPersonsPerCounty = 900 * 512;

    /// <summary>Share of episodes that are a household's second one.</summary>
    private const double SecondEpisodeShare = 0.08;

    private static readonly DateOnly FirstDay = new(2021, 1, 1);
    private static readonly string[] Ethnicities = ["汉族", "汉族", "汉族", "彝族", "哈尼族", "白族", "傣族", "壮族", "苗族", "傈僳族", "藏族", "纳西族"];
    private static readonly string[] Surnames =
        ["李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "段", "董", "和", "普", "余", "字"];
    private static readonly string[] MaleChars =
        ["建", "国", "华", "明", "强", "军", "伟", "文", "志", "永", "春", "林", "海", "金", "荣", "福", "贵", "忠", "学", "兴", "成", "德", "光", "新"];
    private static readonly string[] FemaleChars =
        ["丽", "梅", "芳", "秀", "英", "兰", "红", "燕", "珍", "玉", "凤", "琼", "艳", "霞", "娟", "萍", "静", "婷", "雪", "慧", "花", "琴", "月", "莲"];

    private readonly int _cases;
    private readonly int _households2;

    public ProvinceGenerator(int persons, int households, int cases)
    {
        if (cases < 0) throw new ArgumentException("监测案件数不能为负");
        _households2 = (int)Math.Round(cases * SecondEpisodeShare);
        if (cases - _households2 > households) throw new ArgumentException($"{cases:N0} 个监测案件需要至少 {cases - _households2:N0} 户");
        Layout = new ProvinceLayout(households, persons);
        _cases = cases;
    }

    public ProvinceLayout Layout { get; }
    public int HouseholdCount => Layout.Households;
    public long PersonCount => Layout.Persons;
    public int CaseCount => _cases;

    /// <summary>Households with at least one episode.</summary>
    public int MonitoredHouseholds => _cases - _households2;

    // ---------------------------------------------------------------------------------------------------------------
    // Households, in village order, with what every pass needs to know of them.

    internal readonly record struct HouseholdFacts(int Index, int Village, int Size, long FirstPerson, bool FormerlyPoor,
        bool NoLabour, HouseholdFlags Flags, HousingGrade Grade, string Ethnicity, int Episodes)
    {
        public long Id => Index + 1L;
        public string Number(ProvinceLayout layout) => $"{layout.Villages[Village]}{Index - layout.VillageFirstHousehold[Village] + 1:00000}";
    }

    public IEnumerable<HouseholdFacts> Households()
    {
        // Algorithm S (Knuth): exactly `MonitoredHouseholds` of all households, then exactly `_households2` of those,
        // each with one draw per item of a sequence that every pass replays identically.
        var pick = new SplitMix(Seed ^ 0xCA5E);
        var pickSecond = new SplitMix(Seed ^ 0x2ED);
        var needed = MonitoredHouseholds;
        var neededSecond = _households2;
        var seen = 0;
        var village = 0;
        for (var h = 0; h < HouseholdCount; h++)
        {
            while (Layout.VillageFirstHousehold[village + 1] <= h) village++;
            var episodes = 0;
            if (Uniform(pick) * (HouseholdCount - h) < needed)
            {
                needed--;
                episodes = 1;
                if (Uniform(pickSecond) * (MonitoredHouseholds - seen) < neededSecond)
                {
                    neededSecond--;
                    episodes = 2;
                }
                seen++;
            }
            var r = new SplitMix(ProvinceLayout.Hash((ulong)h, 1));
            var poor = r.Below(100) < (episodes > 0 ? 55 : 30);
            var flags = HouseholdFlags.None;
            if (r.Below(100) < (poor ? 15 : 4)) flags |= HouseholdFlags.Dibao;
            if (r.Below(1000) < 8) flags |= HouseholdFlags.Tekun;
            if (r.Below(100) < 3) flags |= HouseholdFlags.DibaoMarginal;
            if (poor && r.Below(100) < 12) flags |= HouseholdFlags.Relocated | (r.Below(2) == 0 ? HouseholdFlags.ResettlementArea : 0);
            var noLabour = r.Below(1000) < (episodes > 0 ? 60 : 15);
            if (noLabour) flags |= HouseholdFlags.NoLabourCapacity;
            if (r.Below(100) < 5) flags |= HouseholdFlags.DisabledFamily;
            if (r.Below(100) < 1) flags |= HouseholdFlags.MilitaryFamily;
            var g = r.Below(1000);
            var grade = g < 10 ? HousingGrade.D : g < 50 ? HousingGrade.C : g < 450 ? HousingGrade.B : HousingGrade.A;
            // Ethnicity is mostly the village's.
            var ethnicity = r.Below(100) < 80
                ? Ethnicities[(int)(ProvinceLayout.Hash((ulong)village, 2) % (ulong)Ethnicities.Length)]
                : Ethnicities[r.Below(Ethnicities.Length)];
            yield return new HouseholdFacts(h, village, Layout.Size(h), Layout.PersonStart(h), poor, noLabour, flags, grade, ethnicity, episodes);
        }
    }

    /// <summary>
    /// The mid-size village: the median by number of households among villages with an identified episode, which the
    /// monitoring report counts (at 10 million persons that is nearly every village; at test sizes most villages are
    /// empty or have none).
    /// </summary>
    public (string Code, int Households) MedianVillage()
    {
        var monitored = new HashSet<int>();
        foreach (var f in Households())
            if (f.Episodes > 0 && !monitored.Contains(f.Village) && Episodes(f).Any(e => e.Identified)) monitored.Add(f.Village);
        var first = Layout.VillageFirstHousehold;
        // Without any identified episode (--cases 0), the median of the villages that have households.
        if (monitored.Count == 0) monitored.UnionWith(Enumerable.Range(0, Layout.Villages.Count).Where(v => first[v + 1] > first[v]));
        var median = monitored.Select(v => (Village: v, Households: first[v + 1] - first[v]))
            .OrderBy(x => x.Households).ThenBy(x => x.Village).ElementAt(monitored.Count / 2);
        return (Layout.Villages[median.Village], median.Households);
    }

    private static double Uniform(SplitMix rng) => (rng.Next() >> 11) * (1.0 / (1UL << 53));

    // ---------------------------------------------------------------------------------------------------------------
    // Table passes. Each lists its properties (EF names) in the order of its rows.

    public static readonly string[] DivisionProperties = ["Code", "Name", "ParentCode", "Level"];

    public async Task DivisionsAsync(IRowSink sink)
    {
        var row = new object?[DivisionProperties.Length];
        foreach (var d in Layout.Divisions)
        {
            row[0] = d.Code; row[1] = d.Name; row[2] = d.ParentCode; row[3] = d.Level;
            await sink.AddAsync(row);
        }
    }

    public static readonly string[] HouseholdProperties =
        ["Id", "Number", "VillageCode", "TownshipCode", "CountyCode", "PrefectureCode", "Group", "Address", "Phone", "Type", "Flags", "HousingGrade"];

    public async Task HouseholdsAsync(IRowSink sink)
    {
        var row = new object?[HouseholdProperties.Length];
        foreach (var f in Households())
        {
            var village = Layout.Villages[f.Village];
            var r = new SplitMix(ProvinceLayout.Hash((ulong)f.Index, 3));
            row[0] = f.Id;
            row[1] = f.Number(Layout);
            row[2] = village;
            row[3] = village[..9];
            row[4] = village[..6];
            row[5] = village[..4];
            row[6] = Groups[r.Below(Groups.Length)];
            row[7] = null;
            row[8] = Phone(r);
            row[9] = f.FormerlyPoor ? HouseholdType.FormerlyPoor : HouseholdType.Ordinary;
            row[10] = f.Flags;
            row[11] = f.Grade;
            await sink.AddAsync(row);
        }
    }

    private static readonly string[] Groups = [.. Enumerable.Range(1, 12).Select(g => $"第{g}村民小组")];

    private static string Phone(SplitMix r) => "1" + (char)('3' + r.Below(6)) + r.Between(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly string[] PersonProperties =
    [
        "Id", "HouseholdId", "Name", "IdNumber", "Gender", "BirthDate", "Relation", "Ethnicity", "Health", "DisabilityGrade",
        "Labour", "Schooling", "Employment", "MonthsWorked", "MedicalInsurance", "SeriousIllnessInsurance", "Phone", "Status",
        "MemberFrom", "MemberUntil",
    ];

    public async Task PersonsAsync(IRowSink sink)
    {
        var row = new object?[PersonProperties.Length];
        var id = new char[18];
        foreach (var f in Households())
        {
            var member = new MemberDraws(this, f);
            for (var m = 0; m < f.Size; m++)
            {
                member.Fill(m, row, id);
                await sink.AddAsync(row);
            }
        }
    }

    /// <summary>
    /// A household's members, drawn in order from the household's own generator: the head first, so another pass (the
    /// applications) can have the head's name, ID number and phone without drawing the other members.
    /// </summary>
    private sealed class MemberDraws(ProvinceGenerator g, HouseholdFacts f)
    {
        private readonly SplitMix _r = new(ProvinceLayout.Hash((ulong)f.Index, 4));
        private readonly string _region = g.Layout.Counties[g.Layout.VillageCounty(f.Village)];
        private readonly long _countyFirst = g.Layout.PersonStart(g.Layout.CountyFirstHousehold[g.Layout.VillageCounty(f.Village)]);
        private int _headAge;
        private string _surname = "";

        /// <summary>Fills the row of member <paramref name="m"/>; members are drawn in order, from 0.</summary>
        public void Fill(int m, object?[] row, char[] id)
        {
            var r = _r;
            if (m == 0)
            {
                _headAge = 24 + r.Below(54);
                _surname = Surnames[r.Below(Surnames.Length)];
            }
            var headAge = _headAge;
            var n = f.FirstPerson + m;
            // Age by relation; the relation's word (son or daughter…) follows the gender the ID number gives.
            int age, kind;
            if (m == 0) { age = headAge; kind = 0; }
            else if (m == 1 && r.Below(100) < 85) { age = Math.Clamp(headAge - 4 + r.Below(9), 18, 95); kind = 1; }
            else
            {
                var k = r.Below(100);
                if (k < 70 || headAge < 40) { age = r.Below(Math.Max(1, Math.Min(32, headAge - 18))); kind = 2; }
                else if (k < 88 && headAge < 70) { age = Math.Min(98, headAge + 20 + r.Below(12)); kind = 3; }
                else { age = r.Below(Math.Max(1, headAge - 38)); kind = 4; }
            }
            var birth = FormatIdNumber(_region, (int)(n - _countyFirst), DataEnd.AddDays(-(age * 365 + r.Below(365))), id);
            var gender = (id[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
            var relation = kind switch
            {
                0 => Relation.Head,
                1 => Relation.Spouse,
                2 => gender == Gender.Male ? Relation.Son : Relation.Daughter,
                3 => Relation.Parent,
                _ => gender == Gender.Male ? Relation.Grandson : Relation.Granddaughter,
            };
            var ageNow = AgeOn(birth, DataEnd);

            var h = r.Below(1000);
            var health = h < 850 ? HealthStatus.Healthy : h < 930 ? HealthStatus.ChronicIllness : h < 960 ? HealthStatus.SeriousIllness : HealthStatus.Disabled;
            int? disability = health == HealthStatus.Disabled ? 1 + r.Below(4) : null;
            LabourCapacity labour;
            if (ageNow < 16 || f.NoLabour) labour = ageNow < 16 ? LabourCapacity.None : (r.Below(2) == 0 ? LabourCapacity.Lost : LabourCapacity.None);
            else if (ageNow >= 75 || health is HealthStatus.SeriousIllness || disability is 1 or 2) labour = r.Below(3) == 0 ? LabourCapacity.Weak : LabourCapacity.Lost;
            else if (ageNow >= 65) labour = r.Below(2) == 0 ? LabourCapacity.Weak : LabourCapacity.None;
            else { var l = r.Below(100); labour = l < 68 ? LabourCapacity.Ordinary : l < 83 ? LabourCapacity.Skilled : LabourCapacity.Weak; }
            var schooling = SchoolingAt(ageNow, r);
            var working = labour is LabourCapacity.Ordinary or LabourCapacity.Skilled && ageNow is >= 18 and < 60 && schooling == Schooling.NotInSchool
                && r.Below(100) < 60;
            var employment = working ? (Employment)(2 + r.Below(4)) : Employment.NotWorking;
            var insured = r.Below(1000) >= (f.FormerlyPoor ? 15 : 40);

            // Membership: born since 2021 (joined at birth), married in since 2021, or gone (died, moved out).
            DateOnly? from = birth >= FirstDay ? birth : null;
            DateOnly? until = null;
            var status = PersonStatus.Member;
            if (m > 0 && from is null)
            {
                var e = r.Below(1000);
                if (kind == 1 && e < 30) from = RandomDay(r, FirstDay, DataEnd);
                else if (e >= 985)
                {
                    until = RandomDay(r, FirstDay, DataEnd);
                    status = age >= 60 || e >= 995 ? PersonStatus.Deceased : PersonStatus.MovedOut;
                }
            }

            row[0] = n + 1;
            row[1] = f.Id;
            row[2] = Name(_surname, kind, gender, r, f.Ethnicity);
            row[3] = new string(id);
            row[4] = gender;
            row[5] = birth;
            row[6] = relation;
            row[7] = f.Ethnicity;
            row[8] = health;
            row[9] = disability;
            row[10] = labour;
            row[11] = schooling;
            row[12] = employment;
            row[13] = working ? 3 + r.Below(10) : null;
            row[14] = insured;
            row[15] = insured ? r.Below(100) < 95 : null;
            row[16] = m == 0 ? Phone(r) : null;
            row[17] = status;
            row[18] = from;
            row[19] = until;
        }
    }

    /// <summary>
    /// Writes the ID number of the county's <paramref name="ordinal"/>-th person born on or shortly after
    /// <paramref name="wanted"/> and returns the birth date it carries. The county issues it (its code is the region
    /// part); the birth date is moved up to 511 days so that it says, modulo 512, which block of 900 persons of the
    /// county this is, and the sequence says which person of the block (never ending in 0, so no number ends in 000,
    /// which imports refuse): numbers are unique up to 460,800 persons a county, and the check character is GB 11643's.
    /// </summary>
    public static DateOnly FormatIdNumber(string county, int ordinal, DateOnly wanted, Span<char> id)
    {
        var epoch = new DateOnly(1900, 1, 1).DayNumber;
        var block = ordinal / 900 % 512;
        var day = wanted.DayNumber - epoch;
        day += ((block - day) % 512 + 512) % 512;
        if (day + epoch > DataEnd.DayNumber) day -= 512;
        var birth = DateOnly.FromDayNumber(epoch + day);
        county.CopyTo(id);
        birth.TryFormat(id[6..], out _, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var sequence = ordinal % 900 / 9 * 10 + ordinal % 9 + 1;
        id[14] = (char)('0' + sequence / 100);
        id[15] = (char)('0' + sequence / 10 % 10);
        id[16] = (char)('0' + sequence % 10);
        id[17] = IdNumber.ComputeCheckCharacter(id[..17]);
        return birth;
    }

    private static Schooling SchoolingAt(int age, SplitMix r) => age switch
    {
        < 3 => Schooling.NotInSchool,
        < 6 => r.Below(100) < 75 ? Schooling.Preschool : Schooling.NotInSchool,
        // 控辍保学: a few children of compulsory-school age out of school.
        < 16 when r.Below(1000) < 6 => Schooling.NotInSchool,
        < 12 => Schooling.Primary,
        < 15 => Schooling.JuniorSecondary,
        < 16 => r.Below(2) == 0 ? Schooling.JuniorSecondary : Schooling.SeniorSecondary,
        < 19 => r.Below(100) switch { < 45 => Schooling.SeniorSecondary, < 70 => Schooling.SecondaryVocational, _ => Schooling.NotInSchool },
        < 23 => r.Below(100) switch { < 12 => Schooling.HigherVocational, < 30 => Schooling.CollegeOrAbove, _ => Schooling.NotInSchool },
        _ => Schooling.NotInSchool,
    };

    private static string Name(string surname, int kind, Gender gender, SplitMix r, string ethnicity)
    {
        var chars = gender == Gender.Male ? MaleChars : FemaleChars;
        // A spouse and a parent of the head's own generation may come from another family.
        if (kind is 1 or 3 && r.Below(2) == 0) surname = Surnames[r.Below(Surnames.Length)];
        if (ethnicity == "藏族") surname = "";
        return r.Below(4) == 0 ? surname + chars[r.Below(chars.Length)] + (surname.Length == 0 ? chars[r.Below(chars.Length)] : "")
            : surname + chars[r.Below(chars.Length)] + chars[r.Below(chars.Length)];
    }

    private static int AgeOn(DateOnly birth, DateOnly date)
    {
        var age = date.Year - birth.Year;
        if (date < birth.AddYears(age)) age--;
        return age;
    }

    private static DateOnly RandomDay(SplitMix r, DateOnly from, DateOnly to) => from.AddDays(r.Below(to.DayNumber - from.DayNumber + 1));

    /// <summary>A day leaning to the start of the span: most monitored households were taken in during 2021–2022.</summary>
    private static DateOnly EarlyDay(SplitMix r, DateOnly from, DateOnly to) =>
        from.AddDays((int)((to.DayNumber - from.DayNumber) * Math.Pow(Uniform(r), 1.6)));

    public static readonly string[] IncomeProperties =
    [
        "Id", "HouseholdId", "Year", "Wages", "OperatingIncome", "OperatingExpense", "PropertyIncome", "TransferIncome",
        "InsuranceClaims", "CompliantOutOfPocket",
    ];

    /// <summary>2024 and 2025 for three households in four; monitored and not eliminated ones around the income line.</summary>
    public async Task IncomesAsync(IRowSink sink)
    {
        var row = new object?[IncomeProperties.Length];
        long id = 0;
        foreach (var f in Households())
        {
            var r = new SplitMix(ProvinceLayout.Hash((ulong)f.Index, 5));
            if (r.Below(100) >= 75) continue;
            var atRisk = f.Episodes > 0 && Episodes(f).Last() is { Identified: true, EliminatedOn: null };
            double perCapita = atRisk ? 6000 + r.Below(4500)
                : Math.Exp(Math.Log(f.FormerlyPoor ? 13_000 : 17_000) + 0.45 * (Uniform(r) + Uniform(r) + Uniform(r) - 1.5));
            var total = perCapita * f.Size;
            for (var year = 2024; year <= 2025; year++)
            {
                if (year == 2025) total *= 1.0 + (r.Below(140) - 20) / 1000.0;
                var wages = total * (0.35 + r.Below(35) / 100.0);
                var transfer = total * (0.10 + r.Below(20) / 100.0);
                var property = total * r.Below(4) / 100.0;
                var operatingNet = total - wages - transfer - property;
                var expense = Math.Abs(operatingNet) * (0.2 + r.Below(30) / 100.0);
                row[0] = ++id;
                row[1] = f.Id;
                row[2] = year;
                row[3] = Money(wages);
                row[4] = Money(operatingNet + expense);
                row[5] = Money(expense);
                row[6] = Money(property);
                row[7] = Money(transfer);
                row[8] = r.Below(100) < 5 ? Money(500 + r.Below(20_000)) : null;
                row[9] = atRisk && r.Below(100) < 40 ? Money(1_000 + r.Below(30_000)) : null;
                await sink.AddAsync(row);
            }
        }
    }

    private static decimal Money(double amount) => Math.Round((decimal)amount, 2);

    public static readonly string[] GuaranteeProperties = ["Id", "HouseholdId", "Aspect", "Secure", "CheckedOn", "Evidence"];

    /// <summary>饮水安全 checked in every household; 住房安全 in every C/D house and a tenth of the others.</summary>
    public async Task GuaranteesAsync(IRowSink sink)
    {
        var row = new object?[GuaranteeProperties.Length];
        long id = 0;
        foreach (var f in Households())
        {
            var r = new SplitMix(ProvinceLayout.Hash((ulong)f.Index, 6));
            var waterSafe = r.Below(1000) >= 25;
            row[0] = ++id; row[1] = f.Id; row[2] = GuaranteeAspect.DrinkingWater; row[3] = waterSafe;
            row[4] = RandomDay(r, new DateOnly(2025, 3, 1), new DateOnly(2025, 11, 30));
            row[5] = waterSafe ? "集中供水入户，水质水量达标" : r.Below(2) == 0 ? "季节性缺水" : "水质不达标";
            await sink.AddAsync(row);
            if (f.Grade is HousingGrade.C or HousingGrade.D || r.Below(10) == 0)
            {
                var safe = f.Grade is HousingGrade.A or HousingGrade.B;
                row[0] = ++id; row[2] = GuaranteeAspect.HousingSafety; row[3] = safe;
                row[4] = RandomDay(r, new DateOnly(2024, 1, 1), new DateOnly(2025, 11, 30));
                row[5] = safe ? "住房安全鉴定" : $"鉴定为{f.Grade}级危房";
                await sink.AddAsync(row);
            }
        }
    }
}
