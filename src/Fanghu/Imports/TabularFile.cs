using System.Text;
using nietras.SeparatedValues;

namespace Fanghu.Imports;

/// <summary>
/// One row of a source file: its number in the file (1-based) and its cells as text. For XLSX,
/// <paramref name="StoredAsText"/> says which cells the workbook holds as text rather than as numbers.
/// </summary>
public readonly record struct SourceRow(long Number, string[] Cells, bool[]? StoredAsText = null)
{
    public bool IsBlank => Array.TrueForAll(Cells, string.IsNullOrWhiteSpace);
}

/// <summary>
/// Reads a CSV (UTF-8 with or without BOM, or GBK) or XLSX file row by row without holding it in
/// memory. The format is recognised from the content, not the file name.
/// </summary>
public sealed class TabularFile
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private TabularFile(string path, TabularFormat format, Encoding? encoding)
    {
        Path = path;
        Format = format;
        Encoding = encoding;
    }

    public string Path { get; }
    public TabularFormat Format { get; }

    /// <summary>The detected text encoding of a CSV file.</summary>
    public Encoding? Encoding { get; }

    public string Describe() => Format == TabularFormat.Xlsx ? "XLSX" : $"CSV（{(Encoding!.CodePage == 936 ? "GBK" : "UTF-8")}）";

    public static Encoding Gbk => Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    public static TabularFile Open(string path)
    {
        var head = new byte[64 * 1024];
        int read;
        using (var fs = File.OpenRead(path))
            read = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var span = head.AsSpan(0, read);
        if (span.StartsWith(ZipSignature))
            return new TabularFile(path, TabularFormat.Xlsx, null);
        return new TabularFile(path, TabularFormat.Csv, DetectEncoding(span, read < head.Length));
    }

    /// <summary>
    /// A BOM means UTF-8; otherwise the first 64 KB are tried as strict UTF-8 and, failing that, the file is
    /// read as GBK. (GBK text is almost never valid UTF-8; plain ASCII is both.) Later bytes are decoded
    /// strictly too, so a file that changes encoding half-way fails loudly instead of importing mojibake.
    /// </summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return strictUtf8;
        try
        {
            // Without flushing, a multi-byte character cut by the end of the sample is not an error.
            strictUtf8.GetDecoder().GetCharCount(head, flush: isWholeFile);
            return strictUtf8;
        }
        catch (DecoderFallbackException)
        {
            return Gbk;
        }
    }

    /// <summary>Rows in file order; blank rows are yielded too (as blank) so numbering stays the file's.</summary>
    public IEnumerable<SourceRow> ReadRows() => Format == TabularFormat.Xlsx ? XlsxReader.ReadRows(Path) : ReadCsv();

    private IEnumerable<SourceRow> ReadCsv()
    {
        using var text = new StreamReader(Path, Encoding!, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (text.Peek() == '\uFEFF') text.Read();
        using var reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
        }).From(text);
        // Sep 0.17 reports LineNumberFrom = 2 for the first row; LineNumberToExcl is right, so count from it.
        long line = 1;
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = row[i].ToString();
            var number = line;
            line = row.LineNumberToExcl;
            yield return new SourceRow(number, cells);
        }
    }
}

public enum TabularFormat { Csv, Xlsx }
