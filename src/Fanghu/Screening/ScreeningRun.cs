using System.Text.Json;
using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.Registry;

namespace Fanghu.Screening;

public enum RunStatus
{
    /// <summary>Reading the file; nothing of it is written yet.</summary>
    Running = 1,
    /// <summary>Warnings and leads written, in one transaction with this status.</summary>
    Completed = 2,
    /// <summary>The file had bad rows: nothing written; the errors are reported.</summary>
    Rejected = 3,
    /// <summary>Stopped by the user: nothing written.</summary>
    Cancelled = 4,
    /// <summary>Failed with an error: nothing written.</summary>
    Failed = 5,
    /// <summary>Found running after the process that ran it stopped (a crash, a restart): nothing was written.</summary>
    Interrupted = 6,
}

/// <summary>
/// One screening of one department file: who ran it, on what, with which rule versions, how far it has got and
/// what it found. Warnings and leads are written in the same transaction that marks it completed, so a run that
/// stops half-way leaves nothing that looks like a result.
/// </summary>
public sealed class ScreeningRun
{
    /// <summary>A run that has not reported progress for this long is no longer running.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private ScreeningRun() { FileName = StartedById = StartedByName = RuleVersions = ""; }

    public ScreeningRun(DatasetKind dataset, string fileName, DateOnly asOf, string startedById, string startedByName,
        string? department, DataScope scope, DateTimeOffset startedAt)
    {
        ScopeCode = scope.Unrestricted ? null : CommonPrefix(scope.Codes);
        Dataset = dataset;
        FileName = Household.Clean(fileName) is { } name ? name[..Math.Min(name.Length, 260)] : "-";
        AsOf = asOf;
        StartedById = startedById;
        StartedByName = startedByName;
        Department = department;
        StartedAt = LastProgressAt = startedAt;
        Status = RunStatus.Running;
        RuleVersions = "";
    }

    public long Id { get; private set; }
    public DatasetKind Dataset { get; private set; }
    public string FileName { get; private set; }
    public DateOnly AsOf { get; private set; }
    public string StartedById { get; private set; }
    public string StartedByName { get; private set; }

    /// <summary>The department of the account that ran it (医保…), for the department's own view.</summary>
    public string? Department { get; private set; }

    /// <summary>
    /// The area the run screened: the division of the account that ran it (the code its divisions share), or null for an
    /// account without limits. Its counts are that area's, so only accounts whose divisions overlap it see the run.
    /// </summary>
    public string? ScopeCode { get; private set; }

    /// <summary>The first errors of the file, by row and column (JSON), so that a rejected run still says why after a restart.</summary>
    public string? ErrorsJson { get; private set; }

    public const int ErrorsKept = 100;

    public IReadOnlyList<ImportError> Errors =>
        ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<ImportError>>(ErrorsJson) ?? [];
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset LastProgressAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public RunStatus Status { get; private set; }
    public long RowsRead { get; private set; }
    public long RowsMatched { get; private set; }
    public long RowsUnmatched { get; private set; }
    public int ErrorCount { get; private set; }
    public int Hits { get; private set; }
    public int NewWarnings { get; private set; }
    public int AlreadyKnown { get; private set; }
    public int NewLeads { get; private set; }
    public int OpenedCases { get; private set; }

    /// <summary>The rule versions used, “medical-self-paid-poor v1;medical-self-paid-others v2”.</summary>
    public string RuleVersions { get; private set; }

    /// <summary>Why it stopped, for a run that did not complete.</summary>
    public string? Message { get; private set; }

    /// <summary>Running, and heard from recently; an old “running” run belonged to a process that is gone.</summary>
    public bool IsLive(DateTimeOffset now) => Status == RunStatus.Running && now - LastProgressAt < StaleAfter;

    internal void Report(long rowsRead, long rowsMatched, DateTimeOffset at)
    {
        RowsRead = rowsRead;
        RowsMatched = rowsMatched;
        LastProgressAt = at;
    }

    internal void UseRules(IEnumerable<string> labels) => RuleVersions = string.Join(';', labels);

    /// <summary>A run that screened the good rows of a file with bad ones keeps the count and the first of the errors.</summary>
    internal void SkippedErrors(int count, IReadOnlyList<ImportError> errors)
    {
        ErrorCount = count;
        KeepErrors(errors);
    }

    internal void KeepErrors(IReadOnlyList<ImportError> errors) =>
        ErrorsJson = errors.Count == 0 ? null : JsonSerializer.Serialize(errors.Take(ErrorsKept).Select(e => e with { Message = Cut(e.Message, 300) }));

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>The code all of the codes begin with (division codes nest: 5334 ⊃ 533401 ⊃ 533401100).</summary>
    private static string? CommonPrefix(IReadOnlyList<string> codes)
    {
        if (codes.Count == 0) return null;
        var prefix = codes[0];
        foreach (var code in codes.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < code.Length && prefix[n] == code[n]) n++;
            prefix = prefix[..n];
        }
        return prefix;
    }

    internal void Complete(long read, long matched, long unmatched, int hits, int newWarnings, int known, int newLeads, int opened, DateTimeOffset at)
    {
        (RowsRead, RowsMatched, RowsUnmatched, Hits, NewWarnings, AlreadyKnown, NewLeads, OpenedCases) =
            (read, matched, unmatched, hits, newWarnings, known, newLeads, opened);
        Status = RunStatus.Completed;
        FinishedAt = LastProgressAt = at;
    }

    internal void Stop(RunStatus status, string message, long read, long matched, int errors, DateTimeOffset at)
    {
        Status = status;
        Message = message.Length > 1000 ? message[..1000] : message;
        RowsRead = read;
        RowsMatched = matched;
        ErrorCount = errors;
        FinishedAt = LastProgressAt = at;
    }
}

/// <summary>
/// A warning that explains itself (§6): which rule and version, whose, for which period, the computed value against
/// the threshold, and the source rows (file and row numbers). It became the lead it names.
/// </summary>
public sealed class ScreeningWarning
{
    private ScreeningWarning() { Household = null!; RuleKey = Explanation = SourceKey = SourceRows = SourceFile = ""; }

    internal ScreeningWarning(ScreeningRun run, ScreeningRule rule, Household household, long? personId, int period, decimal value,
        decimal threshold, int rowCount, IReadOnlyList<int> rows, string sourceFile, string explanation, string sourceKey)
    {
        Run = run;
        RuleId = rule.Id;
        RuleKey = rule.Key;
        RuleVersion = rule.Version;
        Household = household;
        PersonId = personId;
        Period = period;
        Value = value;
        Threshold = threshold;
        RowCount = rowCount;
        SourceRows = string.Join(';', rows);
        SourceFile = sourceFile;
        Explanation = explanation.Length > 1000 ? explanation[..1000] : explanation;
        SourceKey = sourceKey;
    }

    public long Id { get; private set; }
    public long RunId { get; private set; }
    public ScreeningRun? Run { get; private set; }
    public long RuleId { get; private set; }
    public string RuleKey { get; private set; }
    public int RuleVersion { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; }
    public long? PersonId { get; private set; }

    /// <summary>The year the warning is about.</summary>
    public int Period { get; private set; }
    public decimal Value { get; private set; }
    public decimal Threshold { get; private set; }

    /// <summary>How many rows of the file made the value; <see cref="SourceRows"/> lists up to 20 of them.</summary>
    public int RowCount { get; private set; }
    public string SourceRows { get; private set; }
    public string SourceFile { get; private set; }
    public string Explanation { get; private set; }
    public string SourceKey { get; private set; }
    public long? LeadId { get; private set; }

    internal void BecameLead(long leadId) => LeadId = leadId;
}
