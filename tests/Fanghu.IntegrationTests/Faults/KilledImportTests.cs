using System.Diagnostics;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Fanghu.IntegrationTests.Faults;

/// <summary>
/// The real <c>fanghu import</c> process killed (SIGKILL) while it writes a persons file, at two depths of its one
/// transaction: after 256 KB and after 2 MB of rows are written but not committed. Opened again as the app opens it,
/// the database holds none of the file; the same import then runs to the end and everything is there exactly once.
/// </summary>
public sealed class KilledImportTests(ITestOutputHelper output) : IAsyncLifetime
{
    // 7,000 households of four: large enough that writing them takes a while, small enough for a test.
    private const int Households = 7000, Persons = Households * 4;
    private static readonly long[] KillAfterBytes = [256 << 10, 2 << 20];

    private readonly string _folder = Directory.CreateTempSubdirectory("fanghu-faults-").FullName;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.Context();
        var divisions = Synthetic.WriteFile(_folder, "divisions.csv", Synthetic.DivisionsCsv);
        Assert.Equal(ImportOutcome.Imported, (await new ImportRunner(db).RunAsync(ImportKind.Divisions, divisions, new ImportOptions(false))).Outcome);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_import_killed_while_writing_leaves_none_of_its_file_and_the_same_import_then_writes_it_all_once()
    {
        var file = Synthetic.WriteFile(_folder, "persons.csv",
            Synthetic.Csv(Synthetic.PersonsHeader, Synthetic.PersonRows(Households, 0, Synthetic.VillageA, Synthetic.VillageB)));
        var before = await UncommittedWrite.ReopenAsync(_database);
        var watch = new UncommittedWrite(_database, "Persons");

        var afterKills = new List<SortedDictionary<string, long>>();
        foreach (var threshold in KillAfterBytes)
        {
            await watch.ResetAsync();
            using var process = CliProcess.Start(_database, "import", "persons", file);
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            var written = await KillWhenWrittenAsync(process, watch, threshold);
            await drain;
            output.WriteLine($"killed with {written:N0} bytes written and not committed (threshold {threshold:N0})");
            var after = await UncommittedWrite.ReopenAsync(_database);
            // None of the file; or all of it, had the kill come just after the commit (but then the next attempt would
            // have had nothing to write, and failed above).
            Assert.True(Same(after, before) || (after["Persons"] == before["Persons"] + Persons && after["Households"] == before["Households"] + Households),
                $"half an import: {Describe(after, before)}");
            afterKills.Add(after);
        }

        var (exit, stdout, stderr) = await CliProcess.RunAsync(_database, "import", "persons", file);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains($"新增 {Persons}，", stdout);
        var complete = await UncommittedWrite.ReopenAsync(_database);
        Assert.Equal(before["Persons"] + Persons, complete["Persons"]);
        Assert.Equal(before["Households"] + Households, complete["Households"]);
        Assert.All(afterKills, counts => Assert.True(Same(counts, before) || Same(counts, complete)));
    }

    /// <summary>
    /// Waits until the process has an uncommitted write of at least <paramref name="threshold"/> bytes open, kills it
    /// and returns how much it had written. Fails if the process ends first: then the file is too small to kill it in time.
    /// </summary>
    internal static async Task<long> KillWhenWrittenAsync(Process process, UncommittedWrite watch, long threshold)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await watch.BytesAsync() is { } bytes && bytes >= threshold)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return bytes;
            }
            Assert.False(process.HasExited, $"the process ended (exit {(process.HasExited ? process.ExitCode : 0)}) before {threshold:N0} bytes were written");
            await Task.Delay(10);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("no write was seen within a minute");
    }

    internal static bool Same(SortedDictionary<string, long> a, SortedDictionary<string, long> b) => a.SequenceEqual(b);

    internal static string Describe(SortedDictionary<string, long> counts, SortedDictionary<string, long> before) =>
        string.Join("，", counts.Where(c => before.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key} {before.GetValueOrDefault(c.Key)} → {c.Value}"));
}
