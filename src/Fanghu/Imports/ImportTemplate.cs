using Fanghu.Data;
using Fanghu.Registry;

namespace Fanghu.Imports;

/// <summary>
/// One published template (§9). The runner calls <see cref="ValidateAsync"/> on every row of the file,
/// then <see cref="EndValidationAsync"/>; only if the file is acceptable does it read the file again and
/// call <see cref="WriteAsync"/> on the good rows, inside one transaction.
/// </summary>
internal abstract class ImportTemplate(FanghuDbContext db)
{
    protected const int BatchSize = 2000;

    protected FanghuDbContext Db { get; } = db;

    public abstract ImportKind Kind { get; }
    public abstract IReadOnlyList<ColumnSpec> Columns { get; }
    public List<string> Notes { get; } = [];

    public virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The group a row belongs to (its household), when a group can be rejected as a whole.</summary>
    public virtual string? GroupKey(SourceRow row, ColumnMap map) => null;

    public abstract Task ValidateAsync(SourceRow row, ColumnMap map, ErrorSink errors, CancellationToken ct);

    public virtual Task EndValidationAsync(ErrorSink errors, CancellationToken ct) => Task.CompletedTask;

    public abstract Task WriteAsync(SourceRow row, ColumnMap map, ImportCounts counts, CancellationToken ct);

    public abstract Task FlushAsync(ImportCounts counts, CancellationToken ct);

    /// <summary>Saves the batch and forgets it, so memory stays flat however long the file is.</summary>
    protected async Task SaveBatchAsync(CancellationToken ct)
    {
        Db.ChangeTracker.DetectChanges();
        await Db.SaveChangesAsync(ct);
        Db.ChangeTracker.Clear();
    }

    /// <summary>Change detection is switched off for the write pass (it is run once per batch) and back on after.</summary>
    public virtual void EndWrite() => Db.ChangeTracker.AutoDetectChangesEnabled = true;

    protected static bool Word<T>(Vocabulary<T> vocabulary, string text, Action<string, string> error, out T value) where T : struct, Enum
    {
        if (vocabulary.TryParse(text, out value)) return true;
        error(vocabulary.Field, text.Length == 0
            ? $"{vocabulary.Field}未填写，可选：{vocabulary.Allowed}"
            : vocabulary.UnknownMessage(text));
        return false;
    }

    /// <summary>
    /// 户编号: digits, letters and '-' or '_', at most 40 characters; a number Excel stored in scientific notation
    /// (5.3340110020299E+15) is refused — rounded, it could merge two households.
    /// </summary>
    protected static string ParseHouseholdNumber(string text, string column, Action<string, string> error)
    {
        var number = CellParsers.ToHalfWidth(text).Trim();
        if (number.Length == 0) error(column, $"{column}未填写");
        else if (number.Contains("E+", StringComparison.OrdinalIgnoreCase) || (number.Contains('.') && number.All(c => char.IsAsciiDigit(c) || c == '.')))
            error(column, $"{column}“{text}”被 Excel 存成了数字，请把该列设为“文本”格式后重新填写");
        else if (number.Length > 40) error(column, $"{column}超过 40 个字符");
        else if (!number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            error(column, $"{column}“{text}”只能由数字、字母和“-”“_”组成");
        return number;
    }

    protected static string Required(string text, string column, int maxLength, Action<string, string> error)
    {
        if (text.Length == 0) error(column, $"{column}未填写");
        else if (text.Length > maxLength) error(column, $"{column}超过 {maxLength} 个字");
        return text;
    }
}
