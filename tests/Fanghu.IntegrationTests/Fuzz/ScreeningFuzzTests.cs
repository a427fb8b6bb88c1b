using Fanghu.IntegrationTests.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Fanghu.Monitoring;
using Fanghu.Screening;

namespace Fanghu.IntegrationTests.Fuzz;

/// <summary>
/// The department-file reader of screening fed the same bad files as the importers, built from each subject kind's
/// sample (a person, a household head, a household or village): a completed run or a refusal with a Chinese error,
/// and a refusal writes nothing but the record of the refused run.
/// </summary>
public sealed class ScreeningFuzzTests : ImportTestBase
{
    [Theory]
    [InlineData("medical-settlements")]
    [InlineData("housing")]
    [InlineData("water")]
    public async Task Any_department_file_gives_a_run_or_a_clear_refusal_and_a_refused_one_writes_no_warning(string dataset)
    {
        var persons = Path.Combine(AppContext.BaseDirectory, "samples", "persons.csv");
        Assert.Equal(Fanghu.Imports.ImportOutcome.Imported, (await ImportAsync(Fanghu.Imports.ImportKind.Persons, persons)).Outcome);
        var seed = FuzzRandom.RunSeed;
        var random = new FuzzRandom(seed * 37 + (ulong)dataset.Length);
        var rows = FuzzFiles.Rows(Path.Combine(AppContext.BaseDirectory, "samples", "screening", dataset + ".csv"));

        var failures = new List<string>();
        var files = FuzzFiles.All(rows, random).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var path = FuzzCheck.PathFor(Folder, i, files[i]);
            await File.WriteAllBytesAsync(path, files[i].Bytes);
            var skipInvalid = i % 2 == 1;
            var failure = await FuzzCheck.RunAsync(Database, files[i], async ct =>
            {
                await using var db = Database.Context();
                var summary = await ScreenFile.RunAsync(db, dataset, path, new ScreeningOptions(Actor.System, SkipInvalid: skipInvalid), null, ct);
                return new FuzzCheck.Answer(summary.Outcome == ScreeningOutcome.Rejected, summary.Errors);
            }, "ScreeningRuns");
            if (failure is not null) failures.Add(skipInvalid ? failure + " [skip invalid]" : failure);
        }
        FuzzCheck.AssertNone(failures, files.Count, seed, dataset);
    }
}
