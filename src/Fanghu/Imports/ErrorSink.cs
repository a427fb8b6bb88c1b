namespace Fanghu.Imports;

/// <summary>
/// Collects every problem found while validating a file. Rows can be bad on their own or because their
/// group (the household) is bad; both are left out when bad rows are skipped.
/// </summary>
internal sealed class ErrorSink
{
    /// <summary>Errors beyond this are counted, not kept, so a hopeless file can't exhaust memory.</summary>
    public const int MaxKept = 10_000;

    private readonly List<ImportError> _kept = [];
    private readonly Dictionary<long, List<string>> _rowMessages = [];
    private readonly Dictionary<string, List<string>> _groupMessages = new(StringComparer.Ordinal);

    public int Total { get; private set; }
    public IReadOnlyList<ImportError> Kept => _kept;

    public void Row(long row, string? column, string message)
    {
        Add(new ImportError(row, column, message));
        if (!_rowMessages.TryGetValue(row, out var list)) _rowMessages[row] = list = [];
        if (list.Count < 20) list.Add(column is null ? message : $"【{column}】{message}");
    }

    /// <summary>An error that makes every row of a group (a household) unusable.</summary>
    public void Group(string key, long row, string? column, string message)
    {
        Add(new ImportError(row, column, message));
        if (!_groupMessages.TryGetValue(key, out var list)) _groupMessages[key] = list = [];
        if (list.Count < 20) list.Add(column is null ? message : $"【{column}】{message}");
    }

    /// <summary>Leaves a group out because of an error already reported on one of its rows.</summary>
    public void MarkGroup(string key, string message)
    {
        if (!_groupMessages.TryGetValue(key, out var list)) _groupMessages[key] = list = [];
        list.Add(message);
    }

    public void File(string message) => Add(new ImportError(0, null, message));

    public bool IsRejected(long row, string? group) =>
        _rowMessages.ContainsKey(row) || (group is not null && _groupMessages.ContainsKey(group));

    public string MessagesFor(long row, string? group)
    {
        var parts = new List<string>();
        if (_rowMessages.TryGetValue(row, out var own)) parts.AddRange(own);
        if (group is not null && _groupMessages.TryGetValue(group, out var shared)) parts.AddRange(shared);
        return string.Join("；", parts);
    }

    public IReadOnlyList<ImportError> Sorted() =>
        [.. _kept.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal)];

    private void Add(ImportError error)
    {
        Total++;
        if (_kept.Count < MaxKept) _kept.Add(error);
    }
}

/// <summary>Counts of what the write pass did, by row.</summary>
internal sealed class ImportCounts
{
    public int Added;
    public int Changed;
    public int Unchanged;
    public int Rejected;
}
