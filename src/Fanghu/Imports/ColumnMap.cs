using System.Text;

namespace Fanghu.Imports;

/// <summary>A column a template knows: its published name, whether it must be present, and other names people use for it.</summary>
public sealed record ColumnSpec(string Name, bool Required, params string[] Aliases);

/// <summary>
/// Where each template column sits in a file. The header row is found by its column names within the
/// first rows, so title rows above it (merged across columns, as the national templates have) are skipped;
/// columns may be in any order; unknown columns are listed, not fatal.
/// </summary>
public sealed class ColumnMap
{
    public const int HeaderSearchRows = 15;
    private const int MaxIgnoredListed = 30;

    private readonly Dictionary<string, int> _index;

    private ColumnMap(long headerRow, string[] header, Dictionary<string, int> index, List<string> ignored)
    {
        HeaderRow = headerRow;
        Header = header;
        _index = index;
        Ignored = ignored;
    }

    public long HeaderRow { get; }

    /// <summary>The header cells as written in the file (used to write the rejected-rows file).</summary>
    public string[] Header { get; }
    public IReadOnlyList<string> Ignored { get; }

    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>Where a column sits in the row, or -1 when the file does not have it (for readers that work on spans).</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>The trimmed cell of a column, or "" when the column is absent or the row is short.</summary>
    /// <remarks>A leading apostrophe, Excel's mark for "this is text", is not part of the value.</remarks>
    public string Get(SourceRow row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.Cells.Length ? StripTextMark(row.Cells[i].Trim()) : "";

    /// <summary>
    /// Whether the source says this cell is text: an XLSX text cell, or a value written with a leading apostrophe.
    /// </summary>
    public bool IsText(SourceRow row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.Cells.Length
        && ((row.StoredAsText is { } text && i < text.Length && text[i]) || row.Cells[i].TrimStart().StartsWith('\''));

    private static string StripTextMark(string cell) => cell.StartsWith('\'') ? cell[1..].TrimStart() : cell;

    /// <summary>
    /// Looks for the header among the first rows. Returns the map, or the errors that name every missing
    /// required column (before any data row is read).
    /// </summary>
    public static (ColumnMap? Map, List<ImportError> Errors) Find(IEnumerator<SourceRow> rows, IReadOnlyList<ColumnSpec> columns)
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            lookup[Normalize(c.Name)] = c.Name;
            foreach (var a in c.Aliases) lookup[Normalize(a)] = c.Name;
        }

        (SourceRow Row, int Matches)? best = null;
        var scanned = 0;
        while (scanned < HeaderSearchRows && rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank) continue;
            scanned++;
            var matches = row.Cells.Select(Normalize).Where(lookup.ContainsKey).Select(k => lookup[k]).Distinct().Count();
            if (best is null || matches > best.Value.Matches) best = (row, matches);
            if (columns.Where(c => c.Required).All(c => row.Cells.Any(cell => lookup.TryGetValue(Normalize(cell), out var n) && n == c.Name)))
                return Build(row, lookup, columns);
        }

        var required = columns.Where(c => c.Required).Select(c => c.Name).ToList();
        if (best is null || best.Value.Matches < 2)
            return (null, [new ImportError(0, null, $"没有找到表头：前 {HeaderSearchRows} 行中没有包含“{string.Join("、", required)}”的行。请使用发布的模板。")]);

        var (map, errors) = Build(best.Value.Row, lookup, columns);
        if (map is not null)
        {
            var missing = required.Where(r => !map.Has(r)).ToList();
            errors.Add(new ImportError(best.Value.Row.Number, null, $"表头缺少必填列：{string.Join("、", missing)}"));
        }
        return (null, errors);
    }

    private static (ColumnMap?, List<ImportError>) Build(SourceRow row, Dictionary<string, string> lookup, IReadOnlyList<ColumnSpec> columns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var errors = new List<ImportError>();
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var cell = row.Cells[i];
            if (string.IsNullOrWhiteSpace(cell)) continue;
            if (lookup.TryGetValue(Normalize(cell), out var name))
            {
                if (!index.TryAdd(name, i))
                    errors.Add(new ImportError(row.Number, name, $"列“{name}”出现了两次"));
            }
            else if (ignored.Count < MaxIgnoredListed)
            {
                ignored.Add(cell.Trim());
            }
            else if (ignored.Count == MaxIgnoredListed)
            {
                ignored.Add($"……等 {row.Cells.Skip(i).Count(c => !string.IsNullOrWhiteSpace(c))} 列");
            }
        }
        return errors.Count > 0 ? (null, errors) : (new ColumnMap(row.Number, row.Cells, index, ignored), errors);
    }

    /// <summary>证件号码*, “证件号码（必填）”, " 证件 号码 " all name the same column.</summary>
    internal static string Normalize(string cell)
    {
        var sb = new StringBuilder(cell.Length);
        var depth = 0;
        foreach (var ch in cell)
        {
            if (ch is '(' or '（') { depth++; continue; }
            if (ch is ')' or '）') { depth = Math.Max(0, depth - 1); continue; }
            if (depth > 0 || char.IsWhiteSpace(ch) || ch is '*' or '＊' or '\uFEFF' or ':' or '：') continue;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
