using System.Diagnostics;
using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.IntegrationTests.Web;
using Fanghu.Monitoring;
using Fanghu.Screening;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fanghu.IntegrationTests.Faults;

/// <summary>
/// The real <c>fanghu screen</c> process killed (SIGKILL) while it writes the warnings, leads and cases of a run that
/// warns every household of a registry, at two depths of its one transaction. Opened again, the database holds none
/// of the run's results — only the run's own record, which is not “completed” and is reported interrupted once it is
/// stale — and the same screening then runs to the end and writes every warning once.
/// </summary>
public sealed class KilledScreeningTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Households = 2000;
    private const string AsOf = "2026-06-30";
    // Once rows are on their way to the file — surely in the middle of the write —, then as the transaction begins: on a
    // busy machine the whole write can be over before a kill "at the start" lands, and the run is rightly there whole.
    // Not later: on SQLite the last megabytes go to the -wal file at the commit itself.
    private static readonly long[] KillAfterBytes = [128 << 10, 0];
    private static readonly string[] WrittenTables = ["ScreeningWarnings", "Leads", "MonitoringCases"];

    private readonly string _folder = Directory.CreateTempSubdirectory("fanghu-faults-").FullName;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.Context();
        var divisions = Synthetic.WriteFile(_folder, "divisions.csv", Synthetic.DivisionsCsv);
        var persons = Synthetic.WriteFile(_folder, "persons.csv",
            Synthetic.Csv(Synthetic.PersonsHeader, Synthetic.PersonRows(Households, 0, Synthetic.VillageA, Synthetic.VillageB)));
        foreach (var (kind, path) in new[] { (ImportKind.Divisions, divisions), (ImportKind.Persons, persons) })
            Assert.Equal(ImportOutcome.Imported, (await new ImportRunner(db).RunAsync(kind, path, new ImportOptions(false))).Outcome);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_screening_killed_while_writing_its_warnings_leaves_none_of_them_and_the_same_screening_then_writes_them_all_once()
    {
        // Every head paid 25,000 元 himself in 2025: over the 20,000 of ordinary households and the 5,000 of poor ones.
        var file = Synthetic.WriteFile(_folder, "医保结算.csv", "证件号码,结算日期,总费用,报销,个人自付\n"
            + string.Concat(Enumerable.Range(0, Households).Select(h => $"{Synthetic.Id(h * 4)},2025-03-01,30000,5000,25000\n")));
        var before = await UncommittedWrite.ReopenAsync(_database);
        var watch = new UncommittedWrite(_database, WrittenTables);
        var killedBeforeCommit = new List<bool>();

        foreach (var threshold in KillAfterBytes)
        {
            await watch.ResetAsync();
            using var process = CliProcess.Start(_database, "screen", "medical-settlements", file, "--as-of", AsOf);
            // The command says on stderr when it starts writing; the watch then sees the transaction's uncommitted rows.
            var writing = new TaskCompletionSource();
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), ReadErrorsAsync(process, writing));
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var written = await KilledImportTests.KillWhenWrittenAsync(process, watch, threshold);
            await drain;
            output.WriteLine($"killed with {written:N0} bytes of warnings, leads and cases written and not committed (threshold {threshold:N0})");

            var after = await UncommittedWrite.ReopenAsync(_database);
            // The run's own record was committed when it started; nothing else of it is there — or all of it (its
            // warnings, leads, cases, steps and its audit entry), had the kill come just after the commit.
            Assert.Equal(before["ScreeningRuns"] + 1, after["ScreeningRuns"]);
            after["ScreeningRuns"] = before["ScreeningRuns"];
            var none = KilledImportTests.Same(after, before);
            var all = WrittenTables.All(t => after[t] == before[t] + Households) && after["AuditTrail"] == before["AuditTrail"] + 1;
            Assert.True(none || all, $"half a screening: {KilledImportTests.Describe(after, before)}");
            killedBeforeCommit.Add(none);
            before["ScreeningRuns"]++;
            // Once the run is there whole, a further run has nothing left to write, nor to be killed in the middle of.
            if (all) break;
        }
        Assert.True(killedBeforeCommit[0], "the kill once 128 KB were written landed before the commit");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(_database, "screen", "medical-settlements", file, "--as-of", AsOf);
        Assert.True(exit == 0, stdout + stderr);
        // A killed run left nothing and stays "running"; one killed just after its commit is complete.
        var killed = killedBeforeCommit.Select(none => none ? RunStatus.Running : RunStatus.Completed).ToList();
        await using (var db = _database.Context())
        {
            Assert.Equal(Households, await db.ScreeningWarnings.CountAsync());
            Assert.Equal(Households, await db.ScreeningWarnings.Select(w => w.SourceKey).Distinct().CountAsync());
            Assert.Equal(Households, await db.Leads.CountAsync(l => l.Channel == LeadChannel.DepartmentWarning));
            var runs = await db.ScreeningRuns.OrderBy(r => r.Id).ToListAsync();
            Assert.Equal([.. killed, RunStatus.Completed], runs.Select(r => r.Status));
            Assert.All(runs.Take(killed.Count).Where(r => r.Status == RunStatus.Running), r => Assert.Equal(0, r.NewWarnings));
        }

        // The killed runs said they were alive just now: for the next ten minutes they may be a process still at work.
        // After that, the next run records them as interrupted, in words, and adds nothing: every warning is known.
        var clock = new TestClock();
        clock.Pass(ScreeningRun.StaleAfter + TimeSpan.FromMinutes(1));
        await using (var db = _database.Context())
        {
            var work = new CaseWork(db, clock);
            var again = await new ScreenFile(work, new RecordLead(work)).HandleAsync(DatasetTypes.Find("medical-settlements")!, file,
                new ScreeningOptions(Actor.System, AsOf: DateOnly.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture)), null, default);
            Assert.Equal((ScreeningOutcome.Completed, 0, Households), (again.Outcome, again.NewWarnings, again.AlreadyKnown));
        }
        await using (var db = _database.Context())
        {
            var runs = await db.ScreeningRuns.OrderBy(r => r.Id).Select(r => new { r.Status, r.Message }).ToListAsync();
            var interrupted = killed.Select(k => k == RunStatus.Running ? RunStatus.Interrupted : k);
            Assert.Equal([.. interrupted, RunStatus.Completed, RunStatus.Completed], runs.Select(r => r.Status));
            Assert.Equal("运行中断（进程已停止），未写入任何预警", runs[0].Message);
        }
    }

    private static async Task ReadErrorsAsync(Process process, TaskCompletionSource writing)
    {
        while (await process.StandardError.ReadLineAsync() is { } line)
            if (line.StartsWith("写入预警", StringComparison.Ordinal)) writing.TrySetResult();
        writing.TrySetException(new InvalidOperationException("the screening ended without writing"));
    }
}
