using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Assistance;
using Fanghu.Divisions;
using Fanghu.Monitoring;
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
internal sealed class ProvinceGenerator
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

    // ---------------------------------------------------------------------------------------------------------------
    // Monitoring episodes, their leads, steps and measures.

    public static readonly string[] CaseProperties =
    [
        "Id", "HouseholdId", "Episode", "Origin", "Stage", "IsReEntry", "OpenedOn", "Category", "RiskTypeCodes", "FastTrack",
        "ConsentOn", "VerifiedOn", "IdentificationDueOn", "IdentifiedOn", "StageEnteredOn", "StageDueOn", "NoticeStartedOn",
        "NoticeDays", "PausedSince", "PausedDays", "EliminationProposedOn", "EliminatedOn", "EliminationMethod",
        "EliminationSnapshot", "ClosingReason", "Version",
    ];

    public async Task CasesAsync(IRowSink sink)
    {
        var row = new object?[CaseProperties.Length];
        long id = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                row[0] = ++id; row[1] = f.Id; row[2] = c.Episode; row[3] = c.Origin; row[4] = c.Stage; row[5] = c.IsReEntry;
                row[6] = c.OpenedOn; row[7] = c.Category; row[8] = c.RiskTypeCodes; row[9] = false; row[10] = c.VerifiedOn;
                row[11] = c.VerifiedOn; row[12] = c.Origin == CaseOrigin.Workflow ? c.OpenedOn.AddDays(15) : null;
                row[13] = c.IdentifiedOn; row[14] = c.StageEnteredOn; row[15] = c.StageDueOn; row[16] = c.NoticeStartedOn;
                row[17] = c.NoticeStartedOn is null ? 0 : 5; row[18] = null; row[19] = 0; row[20] = c.EliminationProposedOn;
                row[21] = c.EliminatedOn; row[22] = c.EliminationMethod; row[23] = null; row[24] = c.ClosingReason;
                row[25] = 1 + c.Steps.Count;
                await sink.AddAsync(row);
            }
        }
    }

    public static readonly string[] LeadProperties =
    [
        "Id", "HouseholdId", "CaseId", "Channel", "ReportedOn", "RecordedAt", "RecordedById", "RecordedByName", "Summary",
        "RiskTypeCodes", "Reporter", "EstimatedIncome12Months", "SourceKey",
    ];

    public async Task LeadsAsync(IRowSink sink)
    {
        var row = new object?[LeadProperties.Length];
        long id = 0, caseId = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                caseId++;
                if (c.Origin != CaseOrigin.Workflow) continue;
                var channel = c.Channel;
                row[0] = ++id; row[1] = f.Id; row[2] = caseId; row[3] = channel; row[4] = c.OpenedOn; row[5] = At(c.OpenedOn);
                row[6] = channel == LeadChannel.CadreVisit ? "bench-village" : "system"; row[7] = channel == LeadChannel.CadreVisit ? "驻村工作队" : "系统";
                row[8] = channel switch
                {
                    LeadChannel.SelfDeclaration => "农户自主申报：家庭遇到困难，申请帮扶",
                    LeadChannel.CadreVisit => "干部走访发现家庭存在返贫致贫风险",
                    LeadChannel.DepartmentWarning => "部门筛查预警",
                    _ => "年度收入低于监测范围",
                };
                row[9] = c.RiskTypeCodes; row[10] = channel == LeadChannel.DepartmentWarning ? "县医保局" : null;
                row[11] = channel == LeadChannel.CadreVisit ? Money(5_000 + (caseId * 7919 % 30_000)) : null;
                row[12] = channel is LeadChannel.DepartmentWarning or LeadChannel.IncomeMonitoring ? $"bench:{caseId}" : null;
                await sink.AddAsync(row);
            }
        }
    }

    public static readonly string[] StepProperties =
        ["Id", "CaseId", "Kind", "On", "RecordedAt", "ActorId", "ActorName", "ActorRole", "From", "To", "Note", "Attendees", "VotesFor", "VotesAgainst"];

    public async Task StepsAsync(IRowSink sink)
    {
        var row = new object?[StepProperties.Length];
        long id = 0, caseId = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                caseId++;
                foreach (var s in c.Steps)
                {
                    var role = s.Kind switch
                    {
                        StepKind.TownshipApproved => Role.Township,
                        StepKind.CountyApproved or StepKind.Eliminated => Role.County,
                        StepKind.LeadOpened or StepKind.ReEntered when c.Channel != LeadChannel.CadreVisit => Role.Admin,
                        _ => Role.Village,
                    };
                    row[0] = ++id; row[1] = caseId; row[2] = s.Kind; row[3] = s.On; row[4] = At(s.On);
                    row[5] = role switch { Role.Township => "bench-township", Role.County => "bench-county", Role.Admin => "system", _ => "bench-village" };
                    row[6] = role switch { Role.Township => "乡镇审核员", Role.County => "县乡村振兴局", Role.Admin => "系统", _ => "村干部" };
                    row[7] = role; row[8] = s.From; row[9] = s.To; row[10] = s.Note;
                    var review = s.Kind == StepKind.VillageReviewed;
                    row[11] = review ? 25 + (int)(id % 20) : null;
                    row[12] = review ? (s.To == CaseStage.Dismissed ? 8 : 22) + (int)(id % 3) : null;
                    row[13] = review ? (s.To == CaseStage.Dismissed ? 14 : 1) : null;
                    await sink.AddAsync(row);
                }
            }
        }
    }

    public static readonly string[] MeasureProperties =
    [
        "Id", "HouseholdId", "CaseId", "Type", "Content", "ResponsibleUnit", "ResponsiblePerson", "StartOn", "EndOn", "Amount",
        "Status", "Effect", "CreatedBy", "CreatedAt", "Version",
    ];

    public async Task MeasuresAsync(IRowSink sink)
    {
        var row = new object?[MeasureProperties.Length];
        long id = 0, caseId = 0;
        foreach (var f in Households())
        {
            if (f.Episodes == 0) continue;
            foreach (var c in Episodes(f))
            {
                caseId++;
                foreach (var m in c.Measures)
                {
                    row[0] = ++id; row[1] = f.Id; row[2] = caseId; row[3] = m.Type; row[4] = MeasureContent(m.Type);
                    row[5] = MeasureUnit(m.Type); row[6] = "帮扶责任人"; row[7] = m.StartOn; row[8] = m.EndOn; row[9] = m.Amount;
                    row[10] = m.Status; row[11] = m.Status == MeasureStatus.Completed ? "已落实，效果良好" : null; row[12] = "bench";
                    row[13] = At(m.StartOn); row[14] = 1;
                    await sink.AddAsync(row);
                }
            }
        }
    }

    private static string MeasureContent(MeasureType t) => t switch
    {
        MeasureType.Industry => "发放产业奖补，发展特色种养",
        MeasureType.Employment => "推荐转移就业，落实稳岗补贴",
        MeasureType.Finance => "发放脱贫人口小额信贷",
        MeasureType.PublicWelfareJob => "安排乡村公益性岗位",
        MeasureType.Health => "落实医疗保障和家庭医生签约服务",
        MeasureType.CompulsoryEducation => "劝返复学，落实教育资助",
        MeasureType.OtherEducation => "雨露计划职业教育补助",
        MeasureType.SocialSecurity => "纳入低保或临时救助",
        MeasureType.HousingSafety => "实施农村危房改造",
        MeasureType.DrinkingWater => "实施饮水安全巩固提升",
        MeasureType.SocialAssistance => "结对帮扶，社会捐助",
        MeasureType.Relocation => "易地搬迁后续扶持",
        MeasureType.LivingConditions => "改善生产生活条件",
        _ => "完善村内基础设施",
    };

    private static string MeasureUnit(MeasureType t) => t switch
    {
        MeasureType.Industry or MeasureType.Finance or MeasureType.LivingConditions => "县农业农村局",
        MeasureType.Employment or MeasureType.PublicWelfareJob => "县人力资源和社会保障局",
        MeasureType.Health => "县医疗保障局",
        MeasureType.CompulsoryEducation or MeasureType.OtherEducation => "县教育体育局",
        MeasureType.SocialSecurity => "县民政局",
        MeasureType.HousingSafety => "县住房和城乡建设局",
        MeasureType.DrinkingWater => "县水务局",
        _ => "乡镇人民政府",
    };

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero); // 10:00 in China, in UTC

    internal sealed record StepPlan(StepKind Kind, DateOnly On, CaseStage From, CaseStage To, string? Note);

    internal sealed record MeasurePlan(MeasureType Type, DateOnly StartOn, DateOnly? EndOn, decimal? Amount, MeasureStatus Status);

    internal sealed class EpisodePlan
    {
        public int Episode;
        public CaseOrigin Origin;
        public CaseStage Stage;
        public bool IsReEntry;
        public LeadChannel Channel;
        public DateOnly OpenedOn;
        public MonitoringCategory? Category;
        public string RiskTypeCodes = "";
        public DateOnly? VerifiedOn;
        public DateOnly? IdentifiedOn;
        public DateOnly StageEnteredOn;
        public DateOnly? StageDueOn;
        public DateOnly? NoticeStartedOn;
        public DateOnly? EliminationProposedOn;
        public DateOnly? EliminatedOn;
        public EliminationMethod? EliminationMethod;
        public string? ClosingReason;
        public readonly List<StepPlan> Steps = [];
        public readonly List<MeasurePlan> Measures = [];
        public bool Identified => IdentifiedOn is not null;
    }

    private static readonly (string Code, int Weight)[] RiskWeights =
    [
        ("01", 30), ("0201", 3), ("0202", 3), ("0203", 2), ("0205", 1), ("0206", 1), ("03", 12), ("04", 12), ("05", 6),
        ("06", 5), ("07", 12), ("09", 8), ("10", 2), ("99", 3),
    ];

    private static readonly int RiskWeightTotal = RiskWeights.Sum(w => w.Weight);

    /// <summary>The household's episodes, oldest first; the same for every pass.</summary>
    public List<EpisodePlan> Episodes(HouseholdFacts f)
    {
        var r = new SplitMix(ProvinceLayout.Hash((ulong)f.Index, 7));
        var list = new List<EpisodePlan>(f.Episodes);
        if (f.Episodes == 2)
        {
            // The first episode is closed before the second opens: eliminated (never without labour capacity) or dismissed.
            var firstOutcome = !f.NoLabour && r.Below(100) < 85 ? Outcome.Eliminated : Outcome.Dismissed;
            var first = Plan(r, f, 1, RandomDay(r, FirstDay, new DateOnly(2023, 6, 30)), firstOutcome, null, closeSoon: true);
            list.Add(first);
            var after = first.StageEnteredOn.AddDays(30 + r.Below(370));
            if (after > new DateOnly(2025, 12, 15)) after = new DateOnly(2025, 12, 15);
            list.Add(Plan(r, f, 2, after, FinalOutcome(r), first, closeSoon: false));
        }
        else
        {
            var outcome = FinalOutcome(r);
            var opened = outcome == Outcome.InIdentification
                ? RandomDay(r, new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 25))
                : EarlyDay(r, FirstDay, new DateOnly(2025, 10, 31));
            list.Add(Plan(r, f, 1, opened, outcome, null, closeSoon: false));
        }
        return list;
    }

    private enum Outcome { Eliminated, Monitored, InElimination, InIdentification, Dismissed }

    private static Outcome FinalOutcome(SplitMix r) => r.Below(100) switch
    {
        < 66 => Outcome.Eliminated,
        < 83 => Outcome.Monitored,
        < 87 => Outcome.InElimination,
        < 93 => Outcome.InIdentification,
        _ => Outcome.Dismissed,
    };

    private static EpisodePlan Plan(SplitMix r, HouseholdFacts f, int episode, DateOnly lead, Outcome outcome, EpisodePlan? previous, bool closeSoon)
    {
        var c = new EpisodePlan
        {
            Episode = episode,
            OpenedOn = lead,
            IsReEntry = previous?.Stage == CaseStage.Eliminated,
            Channel = r.Below(100) switch { < 20 => LeadChannel.SelfDeclaration, < 60 => LeadChannel.CadreVisit, < 85 => LeadChannel.DepartmentWarning, _ => LeadChannel.IncomeMonitoring },
        };
        // Risks: one to three distinct codes, ordered.
        var risks = new SortedSet<string>(StringComparer.Ordinal);
        var count = r.Below(100) switch { < 60 => 1, < 90 => 2, _ => 3 };
        while (risks.Count < count)
        {
            var pick = r.Below(RiskWeightTotal);
            foreach (var (code, weight) in RiskWeights)
            {
                if ((pick -= weight) < 0) { risks.Add(code); break; }
            }
        }
        c.RiskTypeCodes = string.Join(';', risks);
        var category = r.Below(100) < (f.FormerlyPoor ? 10 : 15) ? MonitoringCategory.SuddenHardship
            : f.FormerlyPoor ? MonitoringCategory.UnstableFormerlyPoor : MonitoringCategory.MarginalAtRisk;

        // Migrated from the national system: episodes of 2021 that reached identification, without lead or steps.
        if (lead.Year == 2021 && outcome is Outcome.Eliminated or Outcome.Monitored && previous is null && r.Below(100) < 40)
        {
            c.Origin = CaseOrigin.Imported;
            c.Category = category;
            c.IdentifiedOn = lead;
            var eliminated = lead.AddDays(180 + r.Below(closeSoon ? 360 : 900));
            if (outcome == Outcome.Eliminated && eliminated <= DataEnd && !f.NoLabour)
            {
                c.Stage = CaseStage.Eliminated;
                c.EliminatedOn = eliminated;
                c.EliminationMethod = r.Below(100) < 85 ? EliminationMethod.ThroughAssistance : EliminationMethod.Natural;
            }
            else c.Stage = CaseStage.Monitored;
            c.StageEnteredOn = c.EliminatedOn ?? lead;
            AddMeasures(c, r, f);
            return c;
        }

        c.Origin = CaseOrigin.Workflow;
        var day = lead;
        Step(c, previous?.Stage == CaseStage.Eliminated ? StepKind.ReEntered : StepKind.LeadOpened, day, CaseStage.Verification, CaseStage.Verification, null);
        c.Stage = CaseStage.Verification;
        var stop = outcome == Outcome.InIdentification ? (CaseStage)(1 + r.Below(5)) : (CaseStage?)null;
        var dismissAtReview = outcome == Outcome.Dismissed && r.Below(100) < 40;
        if (stop == CaseStage.Verification) return Waiting(c, day, 7);

        day = day.AddDays(1 + r.Below(5));
        if (outcome == Outcome.Dismissed && !dismissAtReview)
            return Dismiss(c, StepKind.Dismissed, day, CaseStage.Verification, "经入户核实，家庭人均纯收入高于监测范围且无返贫致贫风险，不予纳入");
        c.VerifiedOn = day;
        c.Category = category;
        Step(c, StepKind.Verified, day, CaseStage.Verification, CaseStage.VillageReview, "已入户核实并取得承诺授权");
        if (stop == CaseStage.VillageReview) return Waiting(c, day, 5);

        day = day.AddDays(1 + r.Below(4));
        if (dismissAtReview) return Dismiss(c, StepKind.VillageReviewed, day, CaseStage.VillageReview, "民主评议未通过");
        c.NoticeStartedOn = day;
        Step(c, StepKind.VillageReviewed, day, CaseStage.VillageReview, CaseStage.PublicNotice, "民主评议通过，进行公示");
        if (stop == CaseStage.PublicNotice) return Waiting(c, day, 5);

        day = day.AddDays(5);
        Step(c, StepKind.NoticeClosed, day, CaseStage.PublicNotice, CaseStage.TownshipReview, "公示无异议");
        if (stop == CaseStage.TownshipReview) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(3));
        Step(c, StepKind.TownshipApproved, day, CaseStage.TownshipReview, CaseStage.CountyApproval, "同意");
        if (stop == CaseStage.CountyApproval) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(4));
        Step(c, StepKind.CountyApproved, day, CaseStage.CountyApproval, CaseStage.Monitored, "审定纳入监测");
        c.IdentifiedOn = day;
        c.Stage = CaseStage.Monitored;
        c.StageEnteredOn = day;
        AddMeasures(c, r, f);

        // Risk elimination: 6 months to 2.5 years after identification, the same village → notice → township → county
        // path; never for a household without labour capacity, never after the data's last day.
        // (An episode identified late in the span is eliminated as soon as it may be, if at all.)
        var proposed = day.AddDays(180 + r.Below(closeSoon ? 360 : 540));
        if (proposed.AddDays(30) > DataEnd) proposed = DataEnd.AddDays(-30 - r.Below(60));
        if (outcome is Outcome.Monitored or Outcome.InIdentification || f.NoLabour || proposed < day.AddDays(180)) return c;
        var elimStop = outcome == Outcome.InElimination ? (CaseStage)(8 + r.Below(4)) : (CaseStage?)null;
        c.EliminationProposedOn = proposed;
        Step(c, StepKind.EliminationProposed, proposed, CaseStage.Monitored, CaseStage.EliminationVillageReview, "收入持续稳定，风险已消除");
        c.Stage = CaseStage.EliminationVillageReview;
        if (elimStop == CaseStage.EliminationVillageReview) return Waiting(c, proposed, 5);
        day = proposed.AddDays(1 + r.Below(5));
        c.NoticeStartedOn = day;
        Step(c, StepKind.VillageReviewed, day, CaseStage.EliminationVillageReview, CaseStage.EliminationNotice, "民主评议通过，进行公示");
        if (elimStop == CaseStage.EliminationNotice) return Waiting(c, day, 5);
        day = day.AddDays(5);
        Step(c, StepKind.NoticeClosed, day, CaseStage.EliminationNotice, CaseStage.EliminationTownshipReview, "公示无异议");
        if (elimStop == CaseStage.EliminationTownshipReview) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(3));
        Step(c, StepKind.TownshipApproved, day, CaseStage.EliminationTownshipReview, CaseStage.EliminationCountyApproval, "同意");
        if (elimStop == CaseStage.EliminationCountyApproval) return Waiting(c, day, 3);
        day = day.AddDays(1 + r.Below(4));
        Step(c, StepKind.Eliminated, day, CaseStage.EliminationCountyApproval, CaseStage.Eliminated, "审定风险消除");
        c.Stage = CaseStage.Eliminated;
        c.StageEnteredOn = day;
        c.EliminatedOn = day;
        c.EliminationMethod = r.Below(100) < 85 ? EliminationMethod.ThroughAssistance : EliminationMethod.Natural;
        foreach (var m in c.Measures.ToList())
        {
            if (m.Status == MeasureStatus.Completed) continue;
            c.Measures[c.Measures.IndexOf(m)] = m with { Status = MeasureStatus.Completed, EndOn = m.StartOn.AddDays(Math.Max(1, (day.DayNumber - m.StartOn.DayNumber) / 2)) };
        }
        return c;
    }

    private static void Step(EpisodePlan c, StepKind kind, DateOnly on, CaseStage from, CaseStage to, string? note)
    {
        c.Steps.Add(new StepPlan(kind, on, from, to, note));
        c.Stage = to;
        c.StageEnteredOn = on;
        c.StageDueOn = null;
    }

    private static EpisodePlan Waiting(EpisodePlan c, DateOnly since, int days)
    {
        c.StageEnteredOn = since;
        c.StageDueOn = since.AddDays(days);
        return c;
    }

    private static EpisodePlan Dismiss(EpisodePlan c, StepKind kind, DateOnly on, CaseStage from, string reason)
    {
        Step(c, kind, on, from, CaseStage.Dismissed, reason);
        c.ClosingReason = reason;
        return c;
    }

    /// <summary>
    /// Most identified episodes get a measure answering each risk type and, with labour capacity, a development
    /// measure; 7 % miss the measure of their first risk (the report's mismatch list), 5 % have none yet.
    /// </summary>
    private static void AddMeasures(EpisodePlan c, SplitMix r, HouseholdFacts f)
    {
        var identified = c.IdentifiedOn!.Value;
        var roll = r.Below(100);
        if (roll < 5) return;
        var risks = c.RiskTypeCodes.Split(';');
        var types = new List<MeasureType>();
        for (var i = roll < 12 ? 1 : 0; i < risks.Length; i++)
        {
            var matching = PlanChecks.Matching(risks[i]).ToArray();
            var type = matching[r.Below(matching.Length)];
            if (!types.Contains(type)) types.Add(type);
        }
        if (!f.NoLabour && r.Below(100) < 85 && !types.Any(PlanChecks.Development.Contains))
        {
            var development = PlanChecks.Development.ToArray();
            var type = development[r.Below(development.Length)];
            // The mismatched episode must stay mismatched: a development measure may answer its first risk.
            if (roll >= 12 || !PlanChecks.Matching(risks[0]).Contains(type)) types.Add(type);
        }
        foreach (var type in types)
        {
            var start = identified.AddDays(r.Below(30));
            if (start > DataEnd) start = DataEnd;
            var done = c.EliminatedOn is not null || r.Below(100) < 20;
            var status = done ? MeasureStatus.Completed : r.Below(100) < 75 ? MeasureStatus.InProgress : MeasureStatus.Planned;
            DateOnly? end = status == MeasureStatus.Completed ? Min(start.AddDays(30 + r.Below(270)), c.EliminatedOn ?? DataEnd) : null;
            if (end < start) end = start;
            decimal? amount = type is MeasureType.Industry or MeasureType.Finance or MeasureType.HousingSafety or MeasureType.SocialSecurity
                ? 1_000 + r.Below(49) * 1_000 : null;
            c.Measures.Add(new MeasurePlan(type, start, end, amount, status));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    // ---------------------------------------------------------------------------------------------------------------
    // Resident applications (救助申请): one for every fifth episode, filed 2023–2025 by a household's head.

    public int ApplicationCount => _cases / 5;

    internal sealed record ApplicationPlan(long Id, HouseholdFacts Household, ApplicationArea Area, string Name, string IdNumber,
        string Phone, bool OnBehalf, DateOnly FiledOn, ApplicationStatus Status, DateOnly? ClosedOn, DateOnly? ConfirmedOn);

    private static readonly ApplicationArea[] Areas =
        [ApplicationArea.Living, ApplicationArea.Living, ApplicationArea.Medical, ApplicationArea.Medical, ApplicationArea.Employment,
         ApplicationArea.Education, ApplicationArea.Housing, ApplicationArea.Water];

    public IEnumerable<ApplicationPlan> Applications()
    {
        var pick = new SplitMix(Seed ^ 0xA991);
        var needed = ApplicationCount;
        var row = new object?[PersonProperties.Length];
        var id = new char[18];
        long number = 0;
        foreach (var f in Households())
        {
            if (needed == 0) yield break;
            if (Uniform(pick) * (HouseholdCount - f.Index) >= needed) continue;
            needed--;
            new MemberDraws(this, f).Fill(0, row, id);
            var r = new SplitMix(ProvinceLayout.Hash((ulong)f.Index, 9));
            var filed = RandomDay(r, new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 28));
            // Most are concluded, a few after their 10 days; the recent ones are still open, some of them overdue.
            var open = filed > new DateOnly(2025, 11, 30) ? r.Below(100) < 70 : r.Below(100) < 4;
            var closed = open ? (DateOnly?)null : Min(filed.AddDays(1 + (r.Below(100) < 85 ? r.Below(10) : 10 + r.Below(30))), DataEnd);
            var status = open ? (ApplicationStatus)(1 + r.Below(3)) : r.Below(100) < 70 ? ApplicationStatus.Confirmed : ApplicationStatus.Closed;
            DateOnly? confirmed = status == ApplicationStatus.Confirmed ? Min(closed!.Value.AddDays(1 + r.Below(5)), DataEnd) : null;
            yield return new ApplicationPlan(++number, f, Areas[r.Below(Areas.Length)], (string)row[2]!, (string)row[3]!, (string)row[16]!,
                r.Below(100) < 10, filed, status, closed, confirmed);
        }
    }

    public static readonly string[] ApplicationProperties =
    [
        "Id", "TrackingCode", "ExternalNumber", "Source", "Area", "Content", "ApplicantName", "IdNumber", "Phone", "OnBehalf",
        "RequesterName", "VillageCode", "TownshipCode", "CountyCode", "PrefectureCode", "FiledOn", "FiledAt", "DueOn", "Status",
        "LeadDepartment", "CoDepartments", "HandlingDivisionCode", "Reply", "ClosedOn", "Reopened", "LeadId", "Version",
    ];

    public async Task ApplicationsAsync(IRowSink sink)
    {
        var row = new object?[ApplicationProperties.Length];
        foreach (var a in Applications())
        {
            var village = Layout.Villages[a.Household.Village];
            var assigned = a.Status != ApplicationStatus.Received;
            row[0] = a.Id; row[1] = TrackingCode(a.Id); row[2] = null; row[3] = ApplicationSource.Public; row[4] = a.Area;
            row[5] = AreaContent(a.Area); row[6] = a.Name; row[7] = a.IdNumber; row[8] = a.Phone; row[9] = a.OnBehalf;
            row[10] = a.OnBehalf ? "村干部代为申报" : null; row[11] = village; row[12] = village[..9]; row[13] = village[..6];
            row[14] = village[..4]; row[15] = a.FiledOn; row[16] = At(a.FiledOn); row[17] = a.FiledOn.AddDays(10); row[18] = a.Status;
            row[19] = assigned ? ApplicationDepartments.SuggestedFor(a.Area) : null; row[20] = null; row[21] = assigned ? village[..9] : null;
            row[22] = a.ClosedOn is null ? null : "已按政策落实帮扶，问题已解决"; row[23] = a.ClosedOn; row[24] = 0; row[25] = null;
            row[26] = 1;
            await sink.AddAsync(row);
        }
    }

    public static readonly string[] ApplicationStepProperties = ["Id", "ApplicationId", "Kind", "On", "At", "ActorName", "ActorRole", "Note"];

    public async Task ApplicationStepsAsync(IRowSink sink)
    {
        var row = new object?[ApplicationStepProperties.Length];
        long id = 0;
        foreach (var a in Applications())
        {
            async Task Step(ApplicationStepKind kind, DateOnly on, string actor, Role? role, string? note)
            {
                row[0] = ++id; row[1] = a.Id; row[2] = kind; row[3] = on; row[4] = At(on); row[5] = actor; row[6] = role; row[7] = note;
                await sink.AddAsync(row);
            }
            await Step(ApplicationStepKind.Filed, a.FiledOn, a.OnBehalf ? "村干部（代举）" : a.Name, null, null);
            if (a.Status == ApplicationStatus.Received) continue;
            var assignedOn = Min(a.FiledOn.AddDays(1), a.ClosedOn ?? DataEnd);
            await Step(ApplicationStepKind.Assigned, assignedOn, "乡镇受理员", Role.Township, $"牵头：{ApplicationDepartments.SuggestedFor(a.Area)}");
            if (a.Status == ApplicationStatus.Assigned) continue;
            await Step(ApplicationStepKind.Handling, assignedOn, ApplicationDepartments.SuggestedFor(a.Area), Role.Department, null);
            if (a.ClosedOn is { } closed) await Step(ApplicationStepKind.Closed, closed, ApplicationDepartments.SuggestedFor(a.Area), Role.Department, "已按政策落实帮扶，问题已解决");
            if (a.ConfirmedOn is { } confirmed) await Step(ApplicationStepKind.Confirmed, confirmed, a.Name, null, null);
        }
    }

    /// <summary>
    /// A tracking code of the public page's alphabet and length, unique by construction: the application's number
    /// times a multiplier prime to 31, modulo 31^10, in base 31.
    /// </summary>
    private static string TrackingCode(long number)
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        const long space = 819_628_286_980_801; // 31^10
        var value = (long)((UInt128)(ulong)number * 25_214_903_917UL % space);
        var code = new char[10];
        for (var i = 9; i >= 0; i--, value /= 31) code[i] = alphabet[(int)(value % 31)];
        return new string(code);
    }

    private static string AreaContent(ApplicationArea area) => area switch
    {
        ApplicationArea.Living => "家中遭遇变故，生活困难，申请临时救助",
        ApplicationArea.Employment => "返乡后未找到工作，申请就业帮扶",
        ApplicationArea.Education => "孩子上学费用困难，申请教育资助",
        ApplicationArea.Medical => "家人住院自付费用较高，申请医疗救助",
        ApplicationArea.Housing => "房屋出现裂缝，申请危房鉴定和改造",
        _ => "入户自来水经常停水，申请解决饮水问题",
    };
}
