using Fanghu.Imports;
using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;

namespace Fanghu.IntegrationTests.Fuzz;

/// <summary>
/// Every import template fed broken, mis-encoded, oversized and hostile files (<see cref="FuzzFiles"/>), each built from
/// its valid sample: each must end in a clean import or a clear Chinese error, within the timeout, and a refused file
/// must leave every table as it was.
/// </summary>
public sealed class ImporterFuzzTests : ImportTestBase
{
    [Theory]
    [InlineData(ImportKind.Divisions)]
    [InlineData(ImportKind.Persons)]
    [InlineData(ImportKind.Income)]
    [InlineData(ImportKind.Monitoring)]
    [InlineData(ImportKind.Applications)]
    public async Task Any_file_gives_a_clean_import_or_a_clear_error_and_a_refused_one_writes_nothing(ImportKind kind)
    {
        if (kind != ImportKind.Divisions)
            Assert.Equal(ImportOutcome.Imported, (await ImportAsync(ImportKind.Persons, Sample("persons"))).Outcome);
        var seed = FuzzRandom.RunSeed;
        var random = new FuzzRandom(seed * 31 + (ulong)kind);
        var rows = FuzzFiles.Rows(Sample(kind.ToString().ToLowerInvariant()));

        var failures = new List<string>();
        var files = FuzzFiles.All(rows, random).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var path = FuzzCheck.PathFor(Folder, i, files[i]);
            await File.WriteAllBytesAsync(path, files[i].Bytes);
            // Half the files with bad rows skipped: the good rows of a file are written then, and only they.
            var skipInvalid = i % 2 == 1;
            var failure = await FuzzCheck.RunAsync(Database, files[i], async ct =>
            {
                await using var db = Database.Context();
                var report = await new ImportRunner(db).RunAsync(kind, path, new ImportOptions(skipInvalid), ct);
                return new FuzzCheck.Answer(report.Outcome == ImportOutcome.Rejected, report.Errors);
            });
            if (failure is not null) failures.Add(skipInvalid ? failure + " [skip invalid]" : failure);
        }
        FuzzCheck.AssertNone(failures, files.Count, seed, kind.ToString());
    }

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name + ".csv");
}
