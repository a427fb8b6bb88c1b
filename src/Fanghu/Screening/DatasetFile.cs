using Fanghu.Imports;
using nietras.SeparatedValues;

namespace Fanghu.Screening;

/// <summary>
/// A department file opened for screening: its header found as the registry imports find it (title rows above it,
/// columns in any order), then its rows fed to one or more engines — a CSV straight from the parser's spans, a
/// spreadsheet row by row — numbered as the file numbers them.
/// </summary>
internal sealed class DatasetFile : IDisposable
{
    private readonly TabularFile _file;
    private readonly IEnumerator<SourceRow> _rows;

    private DatasetFile(TabularFile file, IEnumerator<SourceRow> rows, ColumnMap? map, List<ImportError> headerErrors)
    {
        _file = file;
        _rows = rows;
        Map = map;
        HeaderErrors = headerErrors;
    }

    /// <summary>The columns, or null when the header is not usable (<see cref="HeaderErrors"/> says why).</summary>
    public ColumnMap? Map { get; }
    public List<ImportError> HeaderErrors { get; }

    public static DatasetFile Open(DatasetType dataset, string path)
    {
        var file = TabularFile.Open(path);
        var rows = file.ReadRows().GetEnumerator();
        var (map, errors) = ColumnMap.Find(rows, dataset.Columns);
        if (map is not null && dataset.Subject == SubjectKind.HouseholdOrVillage && !map.Has(DatasetType.VillageCode) && !map.Has(DatasetType.HouseholdNumber))
            errors.Add(new ImportError(map.HeaderRow, null, "表头缺少“村代码”或“户编号”列（至少一列）"));
        return new DatasetFile(file, rows, errors.Count == 0 ? map : null, errors);
    }

    /// <summary>Every data row to every engine; <paramref name="tick"/> after each row (progress, cancellation).</summary>
    public void Feed(ScreeningEngine[] engines, Action tick)
    {
        var map = Map ?? throw new InvalidOperationException("the header was not found");
        if (_file.Format == TabularFormat.Csv)
        {
            _rows.Dispose();
            FeedCsv(map.HeaderRow, engines, tick);
        }
        else FeedSheet(engines, tick);
        foreach (var engine in engines) engine.Flush();
    }

    private void FeedSheet(ScreeningEngine[] engines, Action tick)
    {
        while (_rows.MoveNext())
        {
            var row = _rows.Current;
            if (row.IsBlank) continue;
            var cells = new ArrayCells(row.Cells);
            for (var e = 0; e < engines.Length; e++) engines[e].Accept((int)row.Number, cells);
            tick();
        }
    }

    private void FeedCsv(long headerRow, ScreeningEngine[] engines, Action tick)
    {
        using var text = new StreamReader(_file.Path, _file.Encoding!, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (text.Peek() == '\uFEFF') text.Read();
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);
        // Numbered like TabularFile: a quoted cell with line breaks makes a row span several lines of the file.
        long line = 1;
        foreach (var row in reader)
        {
            var number = line;
            line = row.LineNumberToExcl;
            if (number <= headerRow) continue;
            var cells = new SepCells(row);
            if (cells.IsBlank) continue;
            // A for loop over an array: a foreach over an interface would allocate an enumerator per row.
            for (var e = 0; e < engines.Length; e++) engines[e].Accept((int)number, cells);
            tick();
        }
    }

    private readonly ref struct SepCells(SepReader.Row row) : ICells
    {
        private readonly SepReader.Row _row = row;

        public ReadOnlySpan<char> this[int column] => (uint)column < (uint)_row.ColCount ? _row[column].Span : default;

        public bool IsBlank
        {
            get
            {
                for (var i = 0; i < _row.ColCount; i++)
                    if (!_row[i].Span.IsWhiteSpace()) return false;
                return true;
            }
        }
    }

    public void Dispose() => _rows.Dispose();
}
