namespace Fanghu.Imports;

/// <summary>The templates of DESIGN §9, and the history of resident applications (§7) migrated from the provincial platform.</summary>
public enum ImportKind { Divisions, Persons, Income, Monitoring, Applications }

/// <param name="FileName">The file's name as the user knows it (an upload is saved under a name of its own), for the audit trail.</param>
public sealed record ImportOptions(bool SkipInvalid = false, string? RejectedRowsPath = null, string? FileName = null);

/// <summary>
/// What an import did. When <see cref="Outcome"/> is <see cref="ImportOutcome.Rejected"/> nothing was
/// written. Row numbers are the file's own (1 = first line or spreadsheet row).
/// </summary>
public sealed record ImportReport(
    ImportKind Kind,
    ImportOutcome Outcome,
    int Added,
    int Changed,
    int Unchanged,
    int Rejected,
    IReadOnlyList<ImportError> Errors,
    int TotalErrors,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> Notes,
    string? RejectedRowsFile);

public enum ImportOutcome
{
    /// <summary>Good rows written (all of them, or with --skip-invalid the good ones).</summary>
    Imported,
    /// <summary>The file was refused; the database is exactly as it was.</summary>
    Rejected,
}

/// <summary>One problem with a file: its row (0 when it concerns the whole file), column and a Chinese message.</summary>
public sealed record ImportError(long Row, string? Column, string Message)
{
    public override string ToString() => Row == 0
        ? Message
        : Column is null ? $"第 {Row} 行：{Message}" : $"第 {Row} 行【{Column}】：{Message}";
}
