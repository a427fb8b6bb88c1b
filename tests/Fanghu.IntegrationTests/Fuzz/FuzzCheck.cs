using System.Text.RegularExpressions;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;

namespace Fanghu.IntegrationTests.Fuzz;

/// <summary>
/// Runs one reader on one fuzz file and says what went wrong, if anything: an exception that escaped, a run longer than
/// <see cref="Timeout"/>, a refusal without a Chinese message, or a refused file that changed a table.
/// </summary>
public static partial class FuzzCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>What a reader answered: refused or not, and its errors.</summary>
    public sealed record Answer(bool Refused, IReadOnlyList<ImportError> Errors);

    /// <param name="run">Reads the file; runs on the thread pool so that a reader stuck in synchronous code is still timed out.</param>
    /// <param name="mayGrowWhenRefused">Tables a refusal may add to (the record of a refused screening run).</param>
    public static async Task<string?> RunAsync(TestDatabase database, FuzzFile file, Func<CancellationToken, Task<Answer>> run,
        params string[] mayGrowWhenRefused)
    {
        SortedDictionary<string, long> before;
        await using (var db = database.Context()) before = await TableCounts.ReadAsync(db);

        Answer answer;
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            answer = await Task.Run(() => run(cancel.Token)).WaitAsync(Timeout + TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && cancel.IsCancellationRequested))
        {
            return $"{file}: no answer within {Timeout.TotalSeconds} s (hang)";
        }
        catch (Exception e)
        {
            return $"{file}: {e.GetType().Name} escaped: {e.Message}\n    {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }

        await using var after = database.Context();
        if (answer.Refused)
        {
            if (answer.Errors.Count == 0) return $"{file}: refused without an error";
            if (answer.Errors.FirstOrDefault(e => !Chinese().IsMatch(e.Message)) is { } bare) return $"{file}: error not in Chinese: {bare}";
            var now = await TableCounts.ReadAsync(after);
            var changed = now.Where(t => before.GetValueOrDefault(t.Key) != t.Value && !mayGrowWhenRefused.Contains(t.Key))
                .Select(t => $"{t.Key} {before.GetValueOrDefault(t.Key)}→{t.Value}").ToList();
            if (changed.Count > 0) return $"{file}: refused but wrote (partial write): {string.Join(", ", changed)}";
        }
        else if (!TestDatabase.OnPostgres && await TableCounts.UnstorableAsync(after) is { Count: > 0 } unstorable)
        {
            return $"{file}: imported text too long for its column or holding a NUL (PostgreSQL would fail the write): {string.Join(", ", unstorable)}";
        }
        return null;
    }

    /// <summary>Fails with every problem found and the seed that replays them.</summary>
    public static void AssertNone(List<string> failures, int files, ulong seed, string what)
    {
        Assert.True(failures.Count == 0,
            $"{what}: {failures.Count} of {files} fuzz files went wrong (replay with {FuzzRandom.SeedVariable}={seed}):\n" + string.Join("\n", failures));
    }

    public static string PathFor(string folder, int index, FuzzFile file) =>
        Path.Combine(folder, $"{index:D3}-{SafeName().Replace(file.Name, "_")[..Math.Min(40, file.Name.Length)]}{file.Extension}");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"[^A-Za-z0-9\-]")]
    private static partial Regex SafeName();
}
