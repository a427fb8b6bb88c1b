using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fanghu.Bench;
using Fanghu.Data;

// Benchmarks (run on purpose, never in CI); see README "Benchmarks".
//   generate persons N FILE
//   import persons FILE [--db CONNECTION|FILE]
//     creates a fresh database (a new SQLite file, or the PostgreSQL database named in --db, which it empties
//     first), imports divisions for the generated villages, then times the persons import.
//   generate applications N FILE
//     a history of resident applications over samples/divisions.csv, for `fanghu import applications` (README).
//   generate screening --persons N --settlements M --out DIR
//     a registry and department files with their true hits in DIR/expected.json.
//   screening DIR [--db CONNECTION|FILE] [--sizes 1000000,3000000,10000000] [--repeat N]
//     imports DIR/persons.csv into a fresh database (not timed), then times Fanghu's screening of the medical
//     file, the same rule in DuckDB and a parse-only pass, each in a child process, best of N.
//   dashboard DIR [--persons N] [--households N] [--cases N] [--postgres CONNECTION] [--reuse] [--repeat N] [--generate-only]
//     generates a province (default 10,000,000 persons, 3,000,000 households, 500,000 episodes), loads it into
//     DIR/fanghu-dashboard.db or a fresh PostgreSQL database, then times the full scan of persons and the
//     dashboard's queries, median of N (3). --generate-only times the generator's passes and writes nothing.
//   load --url http://127.0.0.1:5080 [--users 200] [--seconds 120] [--think 1000]
//     simulated people against a running app with the demo prefecture (bench/load-app.sh starts one); see LoadTest.
Console.OutputEncoding = Encoding.UTF8;
if (args.Length < 2) return Usage();

switch (args[0])
{
    case "generate" when args[1] == "persons" && args.Length >= 4:
        var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        PersonsGenerator.Write(args[3], rows);
        Console.WriteLine($"generated {rows:N0} persons in {sw.Elapsed.TotalSeconds:F1} s → {args[3]} ({new FileInfo(args[3]).Length / 1048576.0:F0} MB)");
        return 0;
    case "generate" when args[1] == "applications" && args.Length >= 4:
        rows = int.Parse(args[2], CultureInfo.InvariantCulture);
        sw = Stopwatch.StartNew();
        ApplicationsGenerator.Write(args[3], rows);
        Console.WriteLine($"generated {rows:N0} applications in {sw.Elapsed.TotalSeconds:F1} s → {args[3]} ({new FileInfo(args[3]).Length / 1048576.0:F0} MB)");
        return 0;
    case "generate" when args[1] == "screening":
        if (Option("--persons") is not { } persons || Option("--settlements") is not { } settlements || Option("--out") is not { } folder)
            return Usage();
        sw = Stopwatch.StartNew();
        ScreeningGenerator.Write(folder, Count(persons), Count(settlements));
        Console.WriteLine($"generated in {sw.Elapsed.TotalSeconds:F1} s → {folder}");
        return 0;
    case "import" when args[1] == "persons" && args.Length >= 3:
        return await ImportBench.RunAsync(args[2], DatabaseSettings.FromOption(Option("--db") ?? BenchDatabase.NewSqliteFile()));
    case "screening":
        var sizes = Option("--sizes")?.Split(',').Select(Count).ToArray();
        return await ScreeningBench.RunAsync(args[1], Option("--db"), sizes, Option("--repeat") is { } repeat ? Count(repeat) : 1);
    case "dashboard":
        return await DashboardBench.RunAsync(new DashboardBench.Options(args[1],
            Count(Option("--persons") ?? "10000000"), Count(Option("--households") ?? "3000000"), Count(Option("--cases") ?? "500000"),
            Option("--postgres"), args.Contains("--reuse"), Count(Option("--repeat") ?? "3"), args.Contains("--generate-only")));
    case "load":
        if (Option("--url") is not { } url) return Usage();
        return await LoadTest.RunAsync(new LoadTest.Options(new Uri(url), Count(Option("--users") ?? "200"), Count(Option("--seconds") ?? "120"),
            Count(Option("--think") ?? "1000")));
    case "screening-step" when args.Length >= 3:
        return await ScreeningBench.StepAsync(args[1], args[2], args.Length >= 5 ? args[4] : null);
    default:
        return Usage();
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// 1000000, 1_000_000 and 1e6 all mean a million.
static int Count(string text) =>
    (int)double.Parse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("""
        usage: generate persons N FILE
               generate applications N FILE
               import persons FILE [--db CONNECTION|FILE]
               generate screening --persons N --settlements M --out DIR
               screening DIR [--db CONNECTION|FILE] [--sizes 1000000,3000000,10000000] [--repeat N]
               load --url http://127.0.0.1:5080 [--users 200] [--seconds 120] [--think 1000]
               dashboard DIR [--persons 10000000] [--households 3000000] [--cases 500000] [--postgres CONNECTION] [--reuse] [--repeat 3] [--generate-only]
        """);
    return 2;
}
