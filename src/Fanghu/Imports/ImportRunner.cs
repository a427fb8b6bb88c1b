using System.Text;
using System.Xml;
using Fanghu.Data;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Imports;

/// <summary>
/// Runs one import of a template file (CSV UTF-8/GBK or XLSX). The whole file is validated before anything
/// is written; by default one bad row rejects the file and the database is left as it was. With
/// <see cref="ImportOptions.SkipInvalid"/> the good rows are written and the bad ones go to a CSV file with an
/// error column that can be fixed and imported again. The file is read twice, never held in memory.
/// </summary>
public sealed class ImportRunner(FanghuDbContext db)
{
    public async Task<ImportReport> RunAsync(ImportKind kind, string path, ImportOptions options, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var template = Create(kind);
        var errors = new ErrorSink();
        TabularFile file;
        try
        {
            file = TabularFile.Open(path);
        }
        catch (IOException e)
        {
            errors.File($"无法读取文件：{e.Message}");
            return Rejected(kind, errors, [], template.Notes, 0);
        }

        ColumnMap? map;
        var dataRows = 0;
        try
        {
            await template.PrepareAsync(ct);
            using var rows = file.ReadRows().GetEnumerator();
            (map, var headerErrors) = ColumnMap.Find(rows, template.Columns);
            if (map is null && new FileInfo(path).Length <= 3)
            {
                errors.File("文件是空的");
                return Rejected(kind, errors, [], template.Notes, 0);
            }
            if (map is null)
            {
                foreach (var e in headerErrors) errors.File(e.ToString());
                return Rejected(kind, errors, [], template.Notes, 0);
            }
            while (rows.MoveNext())
            {
                var row = rows.Current;
                if (row.IsBlank) continue;
                dataRows++;
                if (ColumnWithNul(row, map, template.Columns) is { } column)
                    errors.Row(row.Number, column, $"{column}含有空字符（NUL），文件可能已损坏，请检查后重新保存");
                await template.ValidateAsync(row, map, errors, ct);
            }
            await template.EndValidationAsync(errors, ct);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            errors.File(Unreadable(file, e));
            return Rejected(kind, errors, [], template.Notes, 0);
        }

        if (dataRows == 0 && errors.Total == 0)
            errors.File("文件中只有表头，没有数据行");
        var validated = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var notes = new List<string>(template.Notes)
        {
            $"文件格式：{file.Describe()}，表头在第 {map.HeaderRow} 行，数据 {dataRows} 行",
            $"校验用时 {validated.TotalSeconds:F1} 秒",
        };
        if (errors.Total > 0 && (!options.SkipInvalid || dataRows == 0))
            return Rejected(kind, errors, map.Ignored, notes, CountRejected(file, map, template, errors));

        var counts = new ImportCounts();
        string? rejectedFile = null;
        try
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                RejectedRowsWriter? rejected = null;
                try
                {
                    foreach (var row in DataRows(file, map))
                    {
                        var group = template.GroupKey(row, map);
                        if (errors.IsRejected(row.Number, group))
                        {
                            counts.Rejected++;
                            rejected ??= RejectedRowsWriter.Create(options.RejectedRowsPath ?? DefaultRejectedPath(path), map.Header);
                            rejected.Write(row, errors.MessagesFor(row.Number, group));
                            continue;
                        }
                        await template.WriteAsync(row, map, counts, ct);
                    }
                    await template.FlushAsync(counts, ct);
                }
                finally
                {
                    template.EndWrite();
                    rejectedFile = rejected?.Path;
                    rejected?.Dispose();
                }
                // The rows went straight to their tables: the import is one entry of the audit trail, committed with them
                // (none when every row was refused: nothing was imported).
                if (counts.Added + counts.Changed + counts.Unchanged > 0)
                    Audit.AuditTrail.Append(db, [Audit.AuditTrail.Summary(Audit.AuditTrail.Imported, "Import", kind.ToString(), new Dictionary<string, object?>
                    {
                        ["文件"] = options.FileName ?? Path.GetFileName(path),
                        ["SHA256"] = await FileHashAsync(path, ct),
                        ["新增"] = counts.Added,
                        ["更新"] = counts.Changed,
                        ["未变"] = counts.Unchanged,
                        ["拒绝"] = counts.Rejected,
                    })]);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // An officer changed a household of the file while it was being written: the transaction rolled back whole.
            errors.File("导入期间有户的信息被他人修改，本次导入未写入任何内容，请重新导入");
            return Rejected(kind, errors, map.Ignored, notes, 0);
        }

        if (counts.Added + counts.Changed + counts.Unchanged == 0)
        {
            // Every row was bad: nothing was imported, whatever the flag said.
            return new ImportReport(kind, ImportOutcome.Rejected, 0, 0, 0, counts.Rejected, errors.Sorted(), errors.Total,
                map.Ignored, [.. notes.Union(template.Notes)], rejectedFile);
        }
        notes.Add($"写入用时 {(System.Diagnostics.Stopwatch.GetElapsedTime(started) - validated).TotalSeconds:F1} 秒");
        return new ImportReport(kind, ImportOutcome.Imported, counts.Added, counts.Changed, counts.Unchanged, counts.Rejected,
            errors.Sorted(), errors.Total, map.Ignored, [.. notes.Union(template.Notes)], rejectedFile);
    }

    private static async Task<string> FileHashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, ct));
    }

    private ImportTemplate Create(ImportKind kind) => kind switch
    {
        ImportKind.Divisions => new DivisionsImport(db),
        ImportKind.Persons => new PersonsImport(db),
        ImportKind.Income => new IncomeImport(db),
        ImportKind.Monitoring => new MonitoringImport(db),
        ImportKind.Applications => new ApplicationsImport(db),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// A NUL is valid UTF-8 and SQLite stores it, but PostgreSQL refuses text holding one: the whole write would fail
    /// after the file was accepted. Only in a damaged file does one appear in a cell the template reads.
    /// </summary>
    private static string? ColumnWithNul(SourceRow row, ColumnMap map, IReadOnlyList<ColumnSpec> columns)
    {
        foreach (var c in columns)
            if (map.IndexOf(c.Name) is var i and >= 0 && i < row.Cells.Length && row.Cells[i].Contains('\0')) return c.Name;
        return null;
    }

    private static IEnumerable<SourceRow> DataRows(TabularFile file, ColumnMap map)
    {
        foreach (var row in file.ReadRows())
        {
            if (row.Number <= map.HeaderRow || row.IsBlank) continue;
            yield return row;
        }
    }

    private static int CountRejected(TabularFile file, ColumnMap map, ImportTemplate template, ErrorSink errors)
    {
        var count = 0;
        foreach (var row in DataRows(file, map))
            if (errors.IsRejected(row.Number, template.GroupKey(row, map))) count++;
        return count;
    }

    private static ImportReport Rejected(ImportKind kind, ErrorSink errors, IReadOnlyList<string> ignored, List<string> notes, int rejectedRows) =>
        new(kind, ImportOutcome.Rejected, 0, 0, 0, rejectedRows, errors.Sorted(), errors.Total, ignored, notes, null);

    /// <summary>What reading a damaged or mis-encoded file throws (rather than a fault of the program).</summary>
    internal static bool IsUnreadable(Exception e) =>
        e is DecoderFallbackException or InvalidDataException or XmlException or IOException;

    private static string Unreadable(TabularFile file, Exception e) => Unreadable(file.Path, file.Format, e);

    /// <summary>Why a file could not be read, in words for the person who sent it (shared with the screening of department files).</summary>
    internal static string Unreadable(string path, TabularFormat format, Exception e) => e switch
    {
        DecoderFallbackException when path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            => "文件不是有效的 XLSX 工作簿（旧的 .xls 格式请在 Excel 中另存为 .xlsx）。",
        DecoderFallbackException => "文件编码无法识别：既不是 UTF-8 也不是 GBK（或中途改变了编码）。请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX。",
        InvalidDataException or XmlException when format == TabularFormat.Xlsx => "XLSX 文件已损坏或不是 Excel 工作簿，请重新保存后上传。",
        _ => $"无法读取文件：{e.Message}",
    };

    public static string DefaultRejectedPath(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        return System.IO.Path.Combine(dir, System.IO.Path.GetFileNameWithoutExtension(path) + ".错误行.csv");
    }
}

/// <summary>Writes the rows left out, with their header and an error column, as UTF-8 CSV with BOM (Excel opens it).</summary>
internal sealed class RejectedRowsWriter : IDisposable
{
    public const string ErrorColumn = "错误说明";
    private readonly StreamWriter _writer;
    private readonly int _oldErrorColumn;

    private RejectedRowsWriter(string path, StreamWriter writer, int oldErrorColumn)
    {
        Path = path;
        _writer = writer;
        _oldErrorColumn = oldErrorColumn;
    }

    public string Path { get; }

    public static RejectedRowsWriter Create(string path, string[] header)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var w = new RejectedRowsWriter(path, writer, Array.FindIndex(header, h => h.Trim() == ErrorColumn));
        w.WriteLine(header.Where((_, i) => i != w._oldErrorColumn).Append(ErrorColumn));
        return w;
    }

    public void Write(SourceRow row, string message)
    {
        // The previous error column (a fixed file imported again) is replaced by the new one.
        WriteLine(row.Cells.Where((_, i) => i != _oldErrorColumn).Append(message));
    }

    private void WriteLine(IEnumerable<string> cells)
    {
        _writer.Write(string.Join(',', cells.Select(Quote)));
        _writer.Write("\r\n");
    }

    private static string Quote(string cell)
    {
        // Excel evaluates a CSV cell starting with = + - @ (and their full-width forms) as a formula when the user
        // opens this file to fix it; the shared rule keeps it text. Every importer reads cells through
        // ColumnMap.Get, which drops the apostrophe, so the fixed file imports the value as it was (ADR 0009).
        if (SpreadsheetExport.NeedsProtection(cell))
            cell = SpreadsheetExport.ProtectText(cell);
        // Excel would turn a long code (ID number, village code, household number) into 5.33401E+17 when the
        // user opens this file to fix it; the apostrophe keeps it text, and the importers drop it. A number
        // ending in 000 is left bare: it may be the very Excel damage this row was rejected for.
        else if (cell.Length >= 12 && cell.All(c => char.IsAsciiDigit(c) || c is 'X' or 'x') && !cell.EndsWith("000", StringComparison.Ordinal))
            cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }

    public void Dispose() => _writer.Dispose();
}
