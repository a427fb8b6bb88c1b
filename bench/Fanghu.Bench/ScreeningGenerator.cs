using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fanghu.Bench;

/// <summary>
/// Generates a registry (the persons template) and department files for screening — medical settlements
/// (医保结算), medical insurance enrolment (医保参保) and disability certificates (残联) — with the true hits
/// of each default rule in expected.json. The hits are found by aggregating what was written, exactly as a
/// rule would, not assumed from how rows were planted; planting only makes sure the boundary cases exist.
/// Deterministic: the same arguments give the same bytes.
/// </summary>
internal static class ScreeningGenerator
{
    /// <summary>The year of the department files; a few medical rows fall in the year before.</summary>
    public const int Year = 2025;
    public const long PovertyThresholdCents = 5000_00;
    public const long OrdinaryThresholdCents = 20000_00;
    private const ulong Seed = 20251231;
    private const string UnknownRegion = "533422";

    public const string PersonsFile = "persons.csv";
    public const string MedicalFile = "medical-settlements.csv";
    public const string EnrolmentFile = "medical-enrolment.csv";
    public const string DisabilityFile = "disability.csv";
    public const string ExpectedFile = "expected.json";

    private static readonly DateOnly FirstDay = new(2010, 1, 1);
    private static readonly DateOnly LastDay = new(Year, 12, 31);
    private static readonly int YearStart = new DateOnly(Year, 1, 1).DayNumber - FirstDay.DayNumber;
    private static readonly int PreviousQuarterStart = new DateOnly(Year - 1, 10, 1).DayNumber - FirstDay.DayNumber;
    private static readonly int DaysInYear = LastDay.DayNumber - new DateOnly(Year, 1, 1).DayNumber + 1;

    /// <summary>yyyy-MM-dd as bytes for every day from <see cref="FirstDay"/>.</summary>
    private static readonly byte[] Dates = BuildDates();

    /// <summary>Writes the files into <paramref name="folder"/>; the persons file only if asked (it depends on <paramref name="persons"/> alone).</summary>
    public static void Write(string folder, int persons, int settlements, bool writePersons = true)
    {
        Directory.CreateDirectory(folder);
        var sw = Stopwatch.StartNew();
        var poverty = writePersons
            ? PersonsGenerator.Write(Path.Combine(folder, PersonsFile), persons)
            : PersonsGenerator.HouseholdTypes(persons);
        var registryIds = IdTable(persons, "533401");
        var unknownIds = IdTable(Math.Max(1000, persons / 5), UnknownRegion);
        Console.WriteLine($"  registry of {persons:N0} persons{(writePersons ? " written" : "")} in {sw.Elapsed.TotalSeconds:F1} s");

        sw.Restart();
        var medical = WriteMedical(Path.Combine(folder, MedicalFile), settlements, poverty, registryIds, unknownIds);
        Console.WriteLine($"  {settlements:N0} medical settlements in {sw.Elapsed.TotalSeconds:F1} s ({Megabytes(folder, MedicalFile)}), {medical.Hits.Count:N0} true hits");
        sw.Restart();
        var enrolment = WriteEnrolment(Path.Combine(folder, EnrolmentFile), poverty, registryIds, unknownIds);
        var disability = WriteDisability(Path.Combine(folder, DisabilityFile), Math.Max(200, settlements / 50), registryIds, unknownIds);
        Console.WriteLine($"  enrolment ({enrolment.Rows:N0} rows, {enrolment.Hits.Count:N0} hits) and disability ({disability.Rows:N0} rows, {disability.Hits.Count:N0} hits) in {sw.Elapsed.TotalSeconds:F1} s");

        WriteExpected(Path.Combine(folder, ExpectedFile), persons, settlements, poverty, registryIds, medical, enrolment, disability);
    }

    private static string Megabytes(string folder, string file) => $"{new FileInfo(Path.Combine(folder, file)).Length / 1048576.0:F0} MB";

    private static byte[] IdTable(int count, string region)
    {
        var table = new byte[count * 18];
        Span<char> id = stackalloc char[18];
        for (var n = 0; n < count; n++)
        {
            PersonsGenerator.FormatIdNumber(n, id, region);
            Encoding.ASCII.GetBytes(id, table.AsSpan(n * 18, 18));
        }
        return table;
    }

    private static ReadOnlySpan<byte> Id(byte[] table, int n) => table.AsSpan(n * 18, 18);

    private static ReadOnlySpan<byte> Date(int day) => Dates.AsSpan(day * 10, 10);

    private static byte[] BuildDates()
    {
        var count = LastDay.DayNumber - FirstDay.DayNumber + 1;
        var dates = new byte[count * 10];
        Span<char> text = stackalloc char[10];
        for (var d = 0; d < count; d++)
        {
            FirstDay.AddDays(d).TryFormat(text, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Encoding.ASCII.GetBytes(text, dates.AsSpan(d * 10, 10));
        }
        return dates;
    }

    private static int YearOf(int day) => FirstDay.AddDays(day).Year;

    // ---- 医保结算: 证件号码,结算日期,总费用,报销,个人自付 ----

    internal sealed record MedicalHit(int Person, int Year, long SelfPaidCents, long ThresholdCents);

    internal sealed record MedicalTruth(
        int Rows, int RowsOutsideRegistry, int RowsInPreviousYear, int RowsWithThousandsSeparators,
        int PlantedPersons, int AtThreshold, int OneCentBelow, List<MedicalHit> Hits);

    private readonly record struct PlantedRow(int Person, int Day, long Cents);

    private static MedicalTruth WriteMedical(string path, int settlements, bool[] poverty, byte[] registryIds, byte[] unknownIds)
    {
        var persons = poverty.Length;
        var unknownCount = unknownIds.Length / 18;
        var rng = new SplitMix(Seed ^ (ulong)settlements * 31 ^ (ulong)persons);

        // Boundary persons get only planted rows, so their yearly sums are exactly the amounts chosen here.
        var plantedPersons = Math.Clamp(settlements / 2000, 14, 5000);
        plantedPersons = Math.Min(plantedPersons, Math.Max(1, persons / 10));
        var reserved = new bool[persons];
        var planted = new List<PlantedRow>();
        var stride = persons / plantedPersons;
        int povertyCount = 0, ordinaryCount = 0;
        for (var j = 0; j < plantedPersons; j++)
        {
            var p = j * stride + stride / 2;
            reserved[p] = true;
            var threshold = poverty[p] ? PovertyThresholdCents : OrdinaryThresholdCents;
            var kind = poverty[p] ? povertyCount++ % 3 : ordinaryCount++ % 4;
            switch (kind)
            {
                case 0: Plant(planted, rng, p, threshold, Year); break;                    // exactly at the threshold: a hit
                case 1: Plant(planted, rng, p, threshold - 1, Year); break;                // one cent below: no hit
                case 2:                                                                     // the threshold over two years: no hit
                    Plant(planted, rng, p, threshold / 2, Year - 1);
                    Plant(planted, rng, p, threshold / 2, Year);
                    break;
                default: Plant(planted, rng, p, PovertyThresholdCents, Year); break;       // 一般农户 at 5000.00: no hit
            }
        }
        for (var i = planted.Count - 1; i > 0; i--)
        {
            var k = rng.Below(i + 1);
            (planted[i], planted[k]) = (planted[k], planted[i]);
        }
        if (planted.Count > settlements / 2)
            throw new ArgumentException($"{settlements} rows are too few for the {planted.Count} planted boundary rows");

        var sums = new long[persons * 2]; // per person: previous year, run year
        int outside = 0, previousYear = 0, separators = 0, nextPlanted = 0;
        using (var w = new AsciiWriter(path))
        {
            w.WriteText("证件号码,结算日期,总费用,报销,个人自付\n");
            for (var row = 0; row < settlements; row++)
            {
                int person, day;
                long paid;
                var left = settlements - row;
                if (nextPlanted < planted.Count && rng.Below(left) < planted.Count - nextPlanted)
                {
                    (person, day, paid) = planted[nextPlanted++];
                }
                else
                {
                    person = rng.Below(10) == 0 ? -1 - rng.Below(unknownCount) : rng.Below(persons);
                    while (person >= 0 && reserved[person]) person = (person + 1) % persons;
                    day = rng.Below(100) == 0
                        ? PreviousQuarterStart + rng.Below(YearStart - PreviousQuarterStart)
                        : YearStart + rng.Below(DaysInYear);
                    paid = SelfPaid(rng);
                }
                var reimbursed = paid * rng.Between(50, 300) / 100;
                var thousands = paid >= 1000_00 && rng.Below(200) == 0;
                if (thousands) separators++;
                if (day < YearStart) previousYear++;

                if (person >= 0)
                {
                    w.Write(Id(registryIds, person));
                    sums[person * 2 + (day < YearStart ? 0 : 1)] += paid;
                }
                else
                {
                    w.Write(Id(unknownIds, -1 - person));
                    outside++;
                }
                w.Write((byte)',');
                w.Write(Date(day));
                w.Write((byte)',');
                w.WriteAmount(reimbursed + paid, thousands);
                w.Write((byte)',');
                w.WriteAmount(reimbursed, thousands);
                w.Write((byte)',');
                w.WriteAmount(paid, thousands);
                w.Write((byte)'\n');
            }
        }

        // The truth: per person and calendar year, the sum of 个人自付 against the threshold of the household type.
        var hits = new List<MedicalHit>();
        int atThreshold = 0, oneCentBelow = 0;
        for (var p = 0; p < persons; p++)
        {
            var threshold = poverty[p] ? PovertyThresholdCents : OrdinaryThresholdCents;
            for (var y = 0; y < 2; y++)
            {
                var sum = sums[p * 2 + y];
                if (sum == threshold) atThreshold++;
                if (sum == threshold - 1) oneCentBelow++;
                if (sum >= threshold) hits.Add(new MedicalHit(p, Year - 1 + y, sum, threshold));
            }
        }
        return new MedicalTruth(settlements, outside, previousYear, separators, plantedPersons, atThreshold, oneCentBelow, hits);
    }

    /// <summary>Rows for one person in one year summing exactly to <paramref name="totalCents"/>, in 1–4 parts.</summary>
    private static void Plant(List<PlantedRow> rows, SplitMix rng, int person, long totalCents, int year)
    {
        var parts = 1 + rng.Below(4);
        var firstDay = year == Year ? YearStart : PreviousQuarterStart;
        var days = year == Year ? DaysInYear : YearStart - PreviousQuarterStart;
        var left = totalCents;
        for (var i = 0; i < parts; i++)
        {
            var part = i == parts - 1 ? left : left * rng.Between(30, 70) / 100;
            rows.Add(new PlantedRow(person, firstDay + rng.Below(days), part));
            left -= part;
        }
    }

    /// <summary>Mostly small outpatient bills; one in a hundred is a stay in hospital, one in a thousand a big one.</summary>
    private static long SelfPaid(SplitMix rng)
    {
        var r = rng.Below(1000);
        return r < 900 ? rng.Between(5_00, 200_01)
            : r < 990 ? rng.Between(200_00, 1500_01)
            : r < 999 ? rng.Between(1500_00, 8000_01)
            : rng.Between(8000_00, 60000_01);
    }

    // ---- 医保参保: 证件号码,参保年度 — a census of the insured, so its size follows the registry ----

    internal sealed record PersonsTruth(int Rows, int RowsOutsideRegistry, List<int> Hits, string Note);

    private static PersonsTruth WriteEnrolment(string path, bool[] poverty, byte[] registryIds, byte[] unknownIds)
    {
        var rng = new SplitMix(Seed ^ 0xE7 ^ (ulong)poverty.Length);
        var unknownCount = unknownIds.Length / 18;
        var enrolled = new bool[poverty.Length];
        int rows = 0, outside = 0, onlyPreviousYear = 0;
        using (var w = new AsciiWriter(path))
        {
            w.WriteText("证件号码,参保年度\n");
            for (var p = 0; p < poverty.Length; p++)
            {
                // 97.5 % enrolled for the year; of the others, half have a stale row of the year before, which
                // must not count as enrolment for the year.
                var r = rng.Below(1000);
                if (r < 975) { Enrolment(w, Id(registryIds, p), Year); rows++; enrolled[p] = true; }
                else if (r < 988) { Enrolment(w, Id(registryIds, p), Year - 1); rows++; onlyPreviousYear++; }
                var inYear = r < 975;
                if (inYear && rng.Below(1000) == 0) { Enrolment(w, Id(registryIds, p), Year); rows++; } // a duplicate row
                if (rng.Below(10) == 0) { Enrolment(w, Id(unknownIds, rng.Below(unknownCount)), Year); rows++; outside++; }
            }
        }
        var hits = new List<int>();
        for (var p = 0; p < poverty.Length; p++)
            if (poverty[p] && !enrolled[p]) hits.Add(p);
        return new PersonsTruth(rows, outside, hits,
            $"the file is for {Year}; {onlyPreviousYear:N0} persons not enrolled for {Year} have a stale row of {Year - 1}. " +
            $"The hits are for {Year} only: a rule that took {Year - 1} as a year the file covers would flag nearly every 脱贫户 person for it");
    }

    private static void Enrolment(AsciiWriter w, ReadOnlySpan<byte> id, int year)
    {
        w.Write(id);
        w.Write((byte)',');
        w.Write(year);
        w.Write((byte)'\n');
    }

    // ---- 残联: 证件号码,类别,等级,发证日期 ----

    private static PersonsTruth WriteDisability(string path, int rowCount, byte[] registryIds, byte[] unknownIds)
    {
        var persons = registryIds.Length / 18;
        var unknownCount = unknownIds.Length / 18;
        var rng = new SplitMix(Seed ^ 0xD15 ^ (ulong)rowCount);
        var kinds = new[] { "视力", "听力", "言语", "肢体", "智力", "精神", "多重" }.Select(Encoding.UTF8.GetBytes).ToArray();
        var grades = new[] { "一级", "二级", "三级", "四级" }.Select(Encoding.UTF8.GetBytes).ToArray();
        var hit = new bool[persons];
        int outside = 0;
        // The first rows sit on the edges of the year: 12-31 before it, 01-01 and 12-31 in it, and a grade 三级 in it.
        (int Day, int Grade)[] edges = [(YearStart - 1, 0), (YearStart, 1), (YearStart + DaysInYear - 1, 0), (YearStart + 10, 2)];
        using (var w = new AsciiWriter(path))
        {
            w.WriteText("证件号码,类别,等级,发证日期\n");
            for (var row = 0; row < rowCount; row++)
            {
                int person, grade, day;
                if (row < edges.Length * 5)
                {
                    person = rng.Below(persons);
                    (day, grade) = edges[row % edges.Length];
                }
                else
                {
                    person = rng.Below(10) == 0 ? -1 - rng.Below(unknownCount) : rng.Below(persons);
                    var g = rng.Below(100);
                    grade = g < 10 ? 0 : g < 30 ? 1 : g < 65 ? 2 : 3;
                    day = rng.Below(100) < 35 ? YearStart + rng.Below(DaysInYear) : rng.Below(YearStart);
                }
                if (person >= 0)
                {
                    w.Write(Id(registryIds, person));
                    if (grade <= 1 && YearOf(day) == Year) hit[person] = true;
                }
                else
                {
                    w.Write(Id(unknownIds, -1 - person));
                    outside++;
                }
                w.Write((byte)',');
                w.Write(kinds[rng.Below(kinds.Length)]);
                w.Write((byte)',');
                w.Write(grades[grade]);
                w.Write((byte)',');
                w.Write(Date(day));
                w.Write((byte)'\n');
            }
        }
        var hits = new List<int>();
        for (var p = 0; p < persons; p++)
            if (hit[p]) hits.Add(p);
        return new PersonsTruth(rowCount, outside, hits, "several rows of one person make one hit");
    }

    // ---- expected.json ----

    private static void WriteExpected(string path, int persons, int settlements, bool[] poverty, byte[] registryIds,
        MedicalTruth medical, PersonsTruth enrolment, PersonsTruth disability)
    {
        string IdText(int p) => Encoding.ASCII.GetString(Id(registryIds, p));
        static string Yuan(long cents) => (cents / 100m).ToString("F2", CultureInfo.InvariantCulture);

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteString("generator", "Fanghu.Bench generate screening");
        json.WriteNumber("seed", Seed);
        json.WriteNumber("persons", persons);
        json.WriteNumber("povertyPersons", poverty.Count(p => p));
        json.WriteNumber("settlements", settlements);
        json.WriteNumber("year", Year);
        json.WriteString("registry", $"{PersonsFile}: 户类型 脱贫户 or 一般农户 on the head's row only; no monitored households");

        json.WriteStartObject("medical");
        json.WriteString("file", MedicalFile);
        json.WriteString("rule", "per registry person and calendar year of 结算日期, sum of 个人自付 ≥ 5000.00 if the household is 脱贫户, ≥ 20000.00 if 一般农户 → one hit per (person, year)");
        json.WriteNumber("rows", medical.Rows);
        json.WriteNumber("rowsOutsideRegistry", medical.RowsOutsideRegistry);
        json.WriteNumber("rowsIn" + (Year - 1), medical.RowsInPreviousYear);
        json.WriteNumber("rowsWithThousandsSeparators", medical.RowsWithThousandsSeparators);
        json.WriteNumber("boundaryPersons", medical.PlantedPersons);
        json.WriteNumber("hits", medical.Hits.Count);
        json.WriteStartObject("hitsByYear");
        foreach (var g in medical.Hits.GroupBy(h => h.Year).OrderBy(g => g.Key))
            json.WriteNumber(g.Key.ToString(CultureInfo.InvariantCulture), g.Count());
        json.WriteEndObject();
        json.WriteNumber("hitsExactlyAtThreshold", medical.AtThreshold);
        json.WriteNumber("nonHitsOneCentBelowThreshold", medical.OneCentBelow);
        json.WriteStartArray("hitList");
        foreach (var h in medical.Hits)
        {
            json.WriteStartObject();
            json.WriteString("id", IdText(h.Person));
            json.WriteNumber("year", h.Year);
            json.WriteString("selfPaid", Yuan(h.SelfPaidCents));
            json.WriteString("threshold", Yuan(h.ThresholdCents));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        WritePersonsTruth(json, "enrolment", EnrolmentFile,
            $"registry persons of 脱贫户 households with no row for 参保年度 {Year} → one hit per person", enrolment, IdText);
        WritePersonsTruth(json, "disability", DisabilityFile,
            $"registry persons with a row of 等级 一级 or 二级 and 发证日期 in {Year} → one hit per person " +
            $"(the same as the last 12 months up to {Year}-12-31)", disability, IdText);
        json.WriteEndObject();
    }

    private static void WritePersonsTruth(Utf8JsonWriter json, string name, string file, string rule, PersonsTruth truth, Func<int, string> idText)
    {
        json.WriteStartObject(name);
        json.WriteString("file", file);
        json.WriteString("rule", rule);
        json.WriteNumber("year", Year);
        json.WriteNumber("rows", truth.Rows);
        json.WriteNumber("rowsOutsideRegistry", truth.RowsOutsideRegistry);
        json.WriteString("note", truth.Note);
        json.WriteNumber("hits", truth.Hits.Count);
        json.WriteStartArray("hitList");
        foreach (var p in truth.Hits) json.WriteStringValue(idText(p));
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
