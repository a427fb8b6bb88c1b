using System.Diagnostics;
using System.Text;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Imports;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;

// Import benchmark (run on purpose, never in CI):
//   dotnet run -c Release --project bench/Fanghu.Bench -- generate persons 1000000 /tmp/persons-1m.csv
//   dotnet run -c Release --project bench/Fanghu.Bench -- import persons /tmp/persons-1m.csv [--db CONNECTION|FILE]
// "import" creates a fresh database (a new SQLite file, or the PostgreSQL database named in --db, which it
// empties first), imports divisions for the generated villages, then times the persons import.
Console.OutputEncoding = Encoding.UTF8;
if (args.Length < 3) return Usage();

switch (args[0])
{
    case "generate" when args[1] == "persons" && args.Length >= 4:
        var rows = int.Parse(args[2]);
        var sw = Stopwatch.StartNew();
        PersonsGenerator.Write(args[3], rows);
        Console.WriteLine($"generated {rows:N0} persons in {sw.Elapsed.TotalSeconds:F1} s → {args[3]} ({new FileInfo(args[3]).Length / 1048576.0:F0} MB)");
        return 0;
    case "import" when args[1] == "persons":
        var db = args.Length >= 5 && args[3] == "--db" ? args[4] : Path.Combine(Path.GetTempPath(), $"fanghu-bench-{Guid.NewGuid():N}.db");
        return await ImportBench.RunAsync(args[2], DatabaseSettings.FromOption(db));
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: generate persons N FILE | import persons FILE [--db CONNECTION|FILE]");
    return 2;
}

/// <summary>Writes a persons template file of synthetic households of 1–7 members in 200 villages.</summary>
internal static class PersonsGenerator
{
    public const int Villages = 200;

    public static string VillageCode(int v) => $"533401{100 + v / 20:000}{200 + v % 20:000}";

    public static void Write(string path, int persons)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.WriteLine("行政区划代码,村民小组,户编号,姓名,证件号码,与户主关系,民族,健康状况,劳动技能,在校情况,务工情况,基本医疗保险,户类型,联系电话");
        var random = new Random(20211231);
        string[] relations = ["配偶", "之子", "之女", "之父母", "之孙子", "之孙女"];
        string[] health = ["健康", "健康", "健康", "长期慢性病", "患有大病", "残疾"];
        string[] labour = ["普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"];
        var n = 0;
        var household = 0;
        while (n < persons)
        {
            var village = VillageCode(household % Villages);
            var number = $"{village}{household:D6}";
            var size = Math.Min(1 + random.Next(7), persons - n);
            var type = random.Next(10) < 4 ? "脱贫户" : "一般农户";
            for (var m = 0; m < size; m++, n++)
            {
                // Birth date and sequence both follow n, so numbers stay unique up to 27,000,000 persons; the
                // sequence never ends in 0, so no number ends in 000 (which imports refuse as cut by Excel).
                var birth = new DateOnly(1940, 1, 1).AddDays(n / 900 % 30000);
                var first17 = $"533401{birth:yyyyMMdd}{n % 900 / 9 * 10 + n % 9 + 1:000}";
                var id = first17 + IdNumber.ComputeCheckCharacter(first17);
                w.Write(village); w.Write(",第"); w.Write(1 + household % 9); w.Write("村民小组,");
                w.Write(number); w.Write(",成员"); w.Write(n); w.Write(',');
                w.Write(id); w.Write(',');
                w.Write(m == 0 ? "户主" : relations[random.Next(relations.Length)]); w.Write(",藏族,");
                w.Write(health[random.Next(health.Length)]); w.Write(',');
                w.Write(labour[random.Next(labour.Length)]); w.Write(",非在校生,未务工,是,");
                w.Write(m == 0 ? type : ""); w.Write(',');
                w.WriteLine(m == 0 ? "139" + random.Next(10_000_000, 99_999_999) : "");
            }
            household++;
        }
    }
}

internal static class ImportBench
{
    public static async Task<int> RunAsync(string file, DatabaseSettings settings)
    {
        await using (var db = DataServices.CreateContext(settings, DataScope.All))
        {
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                // The benchmark starts from an empty database and drops the one it is given: only a bench database.
                if (db.Database.GetDbConnection().Database?.Contains("bench", StringComparison.OrdinalIgnoreCase) != true)
                    throw new InvalidOperationException("The PostgreSQL database for the benchmark must have 'bench' in its name; it is dropped.");
                await db.Database.EnsureDeletedAsync();
            }
            await DatabaseMigrator.MigrateAsync(db);
            var divisions = new StringBuilder("代码,名称,上级代码\n53,云南省,\n5334,迪庆州,53\n533401,香格里拉市,5334\n");
            for (var t = 0; t < PersonsGenerator.Villages / 20; t++) divisions.Append($"533401{100 + t:000},镇{t},533401\n");
            for (var v = 0; v < PersonsGenerator.Villages; v++) divisions.Append($"{PersonsGenerator.VillageCode(v)},村{v},{PersonsGenerator.VillageCode(v)[..9]}\n");
            var divisionsFile = Path.GetTempFileName();
            await File.WriteAllTextAsync(divisionsFile, divisions.ToString());
            var d = await new ImportRunner(db).RunAsync(ImportKind.Divisions, divisionsFile, new ImportOptions());
            if (d.Outcome != ImportOutcome.Imported) throw new InvalidOperationException(string.Join("\n", d.Errors));
        }

        GC.Collect();
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var sw = Stopwatch.StartNew();
        ImportReport report;
        await using (var db = DataServices.CreateContext(settings, DataScope.All))
            report = await new ImportRunner(db).RunAsync(ImportKind.Persons, file, new ImportOptions());
        var elapsed = sw.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        if (report.Outcome != ImportOutcome.Imported)
        {
            Console.Error.WriteLine(string.Join("\n", report.Errors.Take(20)));
            return 1;
        }
        var rows = report.Added + report.Changed + report.Unchanged;
        Console.WriteLine($"{settings.Provider}: {rows:N0} persons (added {report.Added:N0}) in {elapsed.TotalSeconds:F1} s = {rows / elapsed.TotalSeconds:N0} rows/s; " +
                          $"peak working set {peak / 1048576.0:F0} MB (before import {before / 1048576.0:F0} MB); file {new FileInfo(file).Length / 1048576.0:F0} MB");
        Console.WriteLine(string.Join("; ", report.Notes));
        return 0;
    }
}
