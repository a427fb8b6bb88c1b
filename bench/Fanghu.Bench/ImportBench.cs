using System.Diagnostics;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Imports;

namespace Fanghu.Bench;

/// <summary>Times the persons import into a fresh database.</summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(string file, DatabaseSettings settings)
    {
        await BenchDatabase.CreateAsync(settings);

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
