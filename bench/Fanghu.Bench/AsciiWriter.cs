using System.Globalization;
using System.Text;

namespace Fanghu.Bench;

/// <summary>
/// Writes generated CSV files as bytes through one 1 MB buffer: every generated field is ASCII except the
/// headers and a few words, so numbers are formatted straight into the buffer without allocating.
/// </summary>
internal sealed class AsciiWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _used;

    public AsciiWriter(string path) =>
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Free(bytes.Length));
        _used += bytes.Length;
    }

    public void Write(byte b)
    {
        Free(1)[0] = b;
        _used++;
    }

    /// <summary>For headers and words: UTF-8, allocates.</summary>
    public void WriteText(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void Write(long value)
    {
        value.TryFormat(Free(20), out var n, default, CultureInfo.InvariantCulture);
        _used += n;
    }

    /// <summary>An amount in yuan with two decimals: 1234.50, or "1,234.50" as spreadsheets export it.</summary>
    public void WriteAmount(long cents, bool thousandsSeparators = false)
    {
        var span = Free(40);
        var n = 0;
        if (thousandsSeparators) span[n++] = (byte)'"';
        (cents / 100).TryFormat(span[n..], out var written, thousandsSeparators ? "N0" : default, CultureInfo.InvariantCulture);
        n += written;
        span[n++] = (byte)'.';
        span[n++] = (byte)('0' + cents % 100 / 10);
        span[n++] = (byte)('0' + cents % 10);
        if (thousandsSeparators) span[n++] = (byte)'"';
        _used += n;
    }

    private Span<byte> Free(int atLeast)
    {
        if (_buffer.Length - _used < atLeast) Flush();
        return _buffer.AsSpan(_used);
    }

    private void Flush()
    {
        _file.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }
}

/// <summary>SplitMix64: a small, fast generator whose sequence no .NET version changes.</summary>
internal sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ result &lt; n.</summary>
    public int Below(int n) => (int)((Next() >> 32) * (ulong)n >> 32);

    /// <summary>from ≤ result &lt; to.</summary>
    public long Between(long from, long to) => from + (long)(Next() % (ulong)(to - from));
}
