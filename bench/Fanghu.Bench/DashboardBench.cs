using System.Diagnostics;
using System.Globalization;
using Fanghu.Data;
using Fanghu.Divisions;
using Fanghu.Registry;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Bench;

/// <summary>
/// The dashboard benchmark (issue 7): a generated province loaded into a fresh database, then a list of named
/// measurements, each run <c>repeat</c> times on a context of its own (as the CLI and a web request have), median
/// reported, every figure also given as a multiple of the full scan of the persons table — the floor any query that
/// reads the registry cannot go under. A new measured query is one more line in <see cref="Measurements"/>.
/// </summary>
internal static class DashboardBench
{
    /// <summary>A named query over the loaded province; returns a short account of its result, to show it did the work.</summary>
    public sealed record Measurement(string Name, Func<FanghuDbContext, CancellationToken, Task<string>> RunAsync);

    public sealed record Options(string Folder, int Persons, int Households, int Cases, string? Postgres, bool Reuse, int Repeat, bool GenerateOnly = false);

    private static IReadOnlyList<Measurement> Measurements(string village, DatabaseSettings settings) =>
    [
        new("full scan of persons", FullScanAsync),
        new("monitoring report, province 53", (db, ct) => MonitoringReportAsync(db, "53", ct)),
        new($"monitoring report, village {village}", (db, ct) => MonitoringReportAsync(db, village, ct)),
        new("dashboard, province 53", (db, ct) => DashboardAsync(db, settings, "53", ct)),
        new($"dashboard, village {village}", (db, ct) => DashboardAsync(db, settings, village, ct)),
        new($"a person of {village} changed, then the province dashboard", async (db, ct) =>
        {
            // An update through SQL: the trigger notes the village, the dashboard counts it again before answering.
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE "Persons" SET "MonthsWorked" = COALESCE("MonthsWorked", 0) WHERE "Id" = (SELECT MIN(p."Id") FROM "Persons" p JOIN "Households" h ON h."Id" = p."HouseholdId" WHERE h."VillageCode" = {0})""",
                [village], ct);
            return await DashboardAsync(db, settings, "53", ct);
        }),
    ];

    private static async Task<string> DashboardAsync(FanghuDbContext db, DatabaseSettings settings, string division, CancellationToken ct)
    {
        var result = await new Dashboard(db, TimeProvider.System, settings).HandleAsync(new Dashboard.Request(division), ct);
        if (!result.Ok) throw new InvalidOperationException(result.Message);
        var b = result.Board;
        if (b.Pending > 0) throw new InvalidOperationException($"{b.Pending} units still pending");
        return $"{b.Monitoring.Monitored.Households:N0} households monitored, {b.RiskGaps:N0} without a measure, median {b.Identification.MedianDays} days, " +
            $"{b.ApplicationsYearToDate.Received:N0} applications this year, {b.Children.Count} children";
    }

    public static async Task<int> RunAsync(Options o)
    {
        var settings = ProvinceLoader.Target(o.Folder, o.Postgres);
        var clock = Stopwatch.StartNew();
        var province = new ProvinceGenerator(o.Persons, o.Households, o.Cases);
        var layout = province.Layout;
        Console.WriteLine($"province 53: {layout.Divisions.Count:N0} divisions ({layout.Counties.Count} counties, {layout.Villages.Count:N0} villages), " +
            $"{o.Households:N0} households, {o.Persons:N0} persons, {o.Cases:N0} monitoring episodes → {settings.Describe()}");

        if (o.GenerateOnly)
        {
            await ProvinceLoader.GenerateOnlyAsync(province, Console.WriteLine);
            var (code, households) = province.MedianVillage();
            Console.WriteLine($"mid-size village: {code} ({households:N0} households)");
            return 0;
        }
        if (o.Reuse && await ProvinceLoader.HoldsAsync(settings, province))
            Console.WriteLine("--reuse: the database already holds this province; not generated again");
        else
        {
            Console.WriteLine("generating and loading (each table streamed from its own generator pass):");
            var times = await ProvinceLoader.LoadAsync(settings, province, Console.WriteLine);
            Console.WriteLine($"loaded in {times.Sum(t => t.Elapsed.TotalSeconds):F1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
        }
        await using (var db = DataServices.CreateContext(settings))
        {
            var problems = await SelfCheckAsync(db, province);
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine("self-check: " + p);
                return 1;
            }
        }

        var (village, householdsInVillage) = province.MedianVillage();
        Console.WriteLine($"mid-size village: {village} ({householdsInVillage:N0} households, the median of the villages with an identified episode)");
        await WarmUpAsync(settings);

        // The dashboard's kept figures, counted from scratch once (as after a bulk load or on a new day).
        var rebuild = Stopwatch.StartNew();
        int units;
        await using (var db = DataServices.CreateContext(settings))
            units = await new FigureStore(db, TimeProvider.System).RebuildAsync(CancellationToken.None);
        Console.WriteLine($"dashboard figures counted for {units:N0} units in {rebuild.Elapsed.TotalSeconds:F1} s " +
            $"(peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB)");

        var rows = new List<(Measurement M, double[] Seconds, string Result)>();
        foreach (var m in Measurements(village, settings))
        {
            var seconds = new double[o.Repeat];
            var result = "";
            for (var i = 0; i < o.Repeat; i++)
            {
                var sw = Stopwatch.StartNew();
                await using (var db = DataServices.CreateContext(settings))
                    result = await m.RunAsync(db, CancellationToken.None);
                seconds[i] = sw.Elapsed.TotalSeconds;
            }
            rows.Add((m, seconds, result));
            Console.WriteLine($"  {m.Name}: {string.Join(" / ", seconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))} s — {result}");
        }

        var scan = Median(rows[0].Seconds);
        Console.WriteLine();
        Console.WriteLine($"{settings.Provider}, {o.Persons:N0} persons, median of {o.Repeat}:");
        Console.WriteLine();
        Console.WriteLine("| Measurement | Median | Runs (s) | % of the full scan | Result |");
        Console.WriteLine("|---|---:|---|---:|---|");
        foreach (var (m, seconds, result) in rows)
        {
            var median = Median(seconds);
            Console.WriteLine($"| {m.Name} | {Format(median)} | {string.Join(" / ", seconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))} | " +
                $"{(scan > 0 ? (100 * median / scan).ToString("F2", CultureInfo.InvariantCulture) + " %" : "–")} | {result} |");
        }
        Console.WriteLine($"\nwhole run {clock.Elapsed.TotalSeconds:F1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
        return 0;
    }

    /// <summary>
    /// Reads every row of Persons: the count, the lengths of two text columns, a sum of a number and a count of a
    /// nullable date. The several columns keep SQLite from answering from an index (it would read the smaller
    /// index on Name for COUNT or LENGTH(Name) alone), so this is the table itself, read once.
    /// </summary>
    private static async Task<string> FullScanAsync(FanghuDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """SELECT COUNT(*), SUM(LENGTH("Name")), SUM(LENGTH("IdNumber")), SUM("Health"), COUNT("MemberUntil") FROM "Persons" """;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return $"{reader.GetInt64(0):N0} rows, {reader.GetInt64(4):N0} left";
    }

    /// <summary>The live monitoring report as <c>fanghu report monitoring --division CODE</c> runs it: unscoped, as of today.</summary>
    private static async Task<string> MonitoringReportAsync(FanghuDbContext db, string division, CancellationToken ct)
    {
        var result = await new MonitoringReport(db, TimeProvider.System).HandleAsync(new MonitoringReport.Request(division), ct);
        if (!result.Ok) throw new InvalidOperationException(result.Message);
        var r = result.Report;
        return $"{r.Monitored.Households:N0} households monitored ({r.Monitored.Persons:N0} persons), {r.Eliminated.Households:N0} eliminated, {result.Children.Count} children";
    }

    /// <summary>EF builds its model once per process; that is start-up, not the query, so it happens before the clock.</summary>
    private static async Task WarmUpAsync(DatabaseSettings settings)
    {
        await using var db = DataServices.CreateContext(settings);
        await db.Divisions.AsNoTracking().Where(d => d.Code == "53").Select(d => d.Name).FirstOrDefaultAsync();
        await db.MonitoringCases.AsNoTracking().Select(c => c.Id).FirstOrDefaultAsync();
    }

    /// <summary>
    /// Invariants of the generated province, checked on the database: counts as asked, every division code valid with
    /// its parent's prefix, ID numbers of a sample valid (GB 11643) and agreeing with the stored birth date and
    /// gender, no episode before its predecessor ended, every applicant a registered person, rows of every table
    /// readable through the EF model. Uniqueness of household numbers and ID numbers is checked by the unique indexes
    /// built after the load. Prints what the generator produced.
    /// </summary>
    private static async Task<List<string>> SelfCheckAsync(FanghuDbContext db, ProvinceGenerator province)
    {
        var problems = new List<string>();
        async Task<long> Count(string sql) => await ProvinceLoader.ScalarAsync(db, sql);
        void Expect(string what, long actual, long expected)
        {
            if (actual != expected) problems.Add($"{what}: {actual:N0}, expected {expected:N0}");
        }

        Expect("households", await ProvinceLoader.CountAsync(db, "Households"), province.HouseholdCount);
        Expect("persons", await ProvinceLoader.CountAsync(db, "Persons"), province.PersonCount);
        Expect("episodes", await ProvinceLoader.CountAsync(db, "MonitoringCases"), province.CaseCount);
        Expect("monitored households", await Count("""SELECT COUNT(DISTINCT "HouseholdId") FROM "MonitoringCases" """), province.MonitoredHouseholds);

        var divisions = await db.Divisions.AsNoTracking().ToListAsync();
        Expect("divisions", divisions.Count, province.Layout.Divisions.Count);
        foreach (var d in divisions)
        {
            if (!DivisionCode.TryParse(d.Code, out var code, out var error)) problems.Add($"division {d.Code}: {error}");
            else if (code.ParentPrefix != d.ParentCode || code.Level != d.Level) problems.Add($"division {d.Code}: parent {d.ParentCode}, level {d.Level}");
        }

        var stride = Math.Max(1, province.PersonCount / 2000);
        var sample = await db.Persons.AsNoTracking().Where(p => p.Id % stride == 1).Select(p => new { p.IdNumber, p.BirthDate, p.Gender }).ToListAsync();
        foreach (var p in sample)
        {
            var parsed = IdNumber.Parse(p.IdNumber, storedAsText: true);
            if (parsed.Value is not { } id || id.BirthDate != p.BirthDate || id.Gender != p.Gender)
                problems.Add($"ID number {p.IdNumber}: {parsed.Error ?? "birth date or gender differs"}");
        }
        Expect("episodes opened before the previous one ended", await Count("""
            SELECT COUNT(*) FROM "MonitoringCases" a JOIN "MonitoringCases" b ON b."HouseholdId" = a."HouseholdId" AND b."Episode" = a."Episode" + 1
            WHERE b."OpenedOn" < a."StageEnteredOn" OR a."Stage" NOT IN (7, 12)
            """), 0);

        Expect("applications", await ProvinceLoader.CountAsync(db, "Applications"), province.ApplicationCount);
        Expect("applicants not in the registry", await Count(
            """SELECT COUNT(*) FROM "Applications" a WHERE NOT EXISTS (SELECT 1 FROM "Persons" p WHERE p."IdNumber" = a."IdNumber")"""), 0);

        // The rows were written around EF: a hundred of each table read back through the model proves the columns,
        // their formats (dates, instants, amounts) and the enums are what EF expects.
        await db.Households.AsNoTracking().Take(100).ToListAsync();
        await db.Persons.AsNoTracking().Take(100).ToListAsync();
        await db.Incomes.AsNoTracking().Take(100).ToListAsync();
        await db.GuaranteeChecks.AsNoTracking().Take(100).ToListAsync();
        await db.MonitoringCases.AsNoTracking().Take(100).ToListAsync();
        await db.Leads.AsNoTracking().Take(100).ToListAsync();
        await db.CaseSteps.AsNoTracking().Take(100).ToListAsync();
        await db.Measures.AsNoTracking().Take(100).ToListAsync();
        await db.Applications.AsNoTracking().Take(100).ToListAsync();
        await db.ApplicationSteps.AsNoTracking().Take(100).ToListAsync();

        var levels = divisions.GroupBy(d => d.Level).OrderBy(g => g.Key).Select(g => $"{g.Count():N0} {g.Key}");
        Console.WriteLine($"self-check: {(problems.Count == 0 ? "passed" : $"{problems.Count} problems")} ({sample.Count:N0} ID numbers checked)");
        Console.WriteLine($"  divisions: {string.Join(", ", levels)}");
        Console.WriteLine($"  households: {await ProvinceLoader.CountAsync(db, "Households"):N0}, 脱贫户 {await Count("""SELECT COUNT(*) FROM "Households" WHERE "Type" = 1"""):N0}, " +
            $"C/D houses {await Count("""SELECT COUNT(*) FROM "Households" WHERE "HousingGrade" >= 3"""):N0}, " +
            $"unsafe water {await Count("""SELECT COUNT(*) FROM "GuaranteeChecks" WHERE "Aspect" = 5 AND NOT "Secure" """):N0}, " +
            $"incomes {await ProvinceLoader.CountAsync(db, "Incomes"):N0} (household-years)");
        Console.WriteLine($"  persons: {await ProvinceLoader.CountAsync(db, "Persons"):N0}, not insured {await Count("""SELECT COUNT(*) FROM "Persons" WHERE NOT "MedicalInsurance" """):N0}, " +
            $"left (died, moved out) {await Count("""SELECT COUNT(*) FROM "Persons" WHERE "MemberUntil" IS NOT NULL"""):N0}, " +
            $"born since 2021 {await Count("""SELECT COUNT(*) FROM "Persons" WHERE "BirthDate" >= '2021-01-01'"""):N0}, " +
            $"aged 6–15 not in school {await Count("""SELECT COUNT(*) FROM "Persons" WHERE "Schooling" = 1 AND "BirthDate" > '2010-01-01' AND "BirthDate" <= '2019-12-31'"""):N0}");
        var cases = province.CaseCount;
        long Share(long n) => cases == 0 ? 0 : 100 * n / cases;
        var eliminated = await Count("""SELECT COUNT(*) FROM "MonitoringCases" WHERE "Stage" = 12""");
        var identifying = await Count("""SELECT COUNT(*) FROM "MonitoringCases" WHERE "Stage" <= 5""");
        var eliminating = await Count("""SELECT COUNT(*) FROM "MonitoringCases" WHERE "Stage" BETWEEN 8 AND 11""");
        var dismissed = await Count("""SELECT COUNT(*) FROM "MonitoringCases" WHERE "Stage" = 7""");
        Console.WriteLine($"  episodes: {cases:N0} in {province.MonitoredHouseholds:N0} households ({cases - province.MonitoredHouseholds:N0} with two), " +
            $"eliminated {eliminated:N0} ({Share(eliminated)} %), monitored {await Count("""SELECT COUNT(*) FROM "MonitoringCases" WHERE "Stage" = 6"""):N0}, " +
            $"in identification {identifying:N0}, in elimination {eliminating:N0}, dismissed {dismissed:N0}, " +
            $"migrated {await Count("""SELECT COUNT(*) FROM "MonitoringCases" WHERE "Origin" = 1"""):N0}");
        Console.WriteLine($"  leads {await ProvinceLoader.CountAsync(db, "Leads"):N0}, steps {await ProvinceLoader.CountAsync(db, "CaseSteps"):N0}, " +
            $"measures {await ProvinceLoader.CountAsync(db, "Measures"):N0} in {await Count("""SELECT COUNT(DISTINCT "CaseId") FROM "Measures" """):N0} episodes");
        Console.WriteLine($"  applications {province.ApplicationCount:N0} ({await Count("""SELECT COUNT(*) FROM "Applications" WHERE "Status" <= 3"""):N0} open), " +
            $"their steps {await ProvinceLoader.CountAsync(db, "ApplicationSteps"):N0}");
        return problems;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Format(double seconds) => seconds < 1
        ? $"{seconds * 1000:F0} ms"
        : $"{seconds.ToString("F2", CultureInfo.InvariantCulture)} s";
}
