namespace Fanghu.Screening;

/// <summary>
/// The keys a file's rows name (ID numbers as 64-bit keys, 户编号 and 村代码 as negative numbers), each with its row count
/// and its first aggregate inline, so that the usual row — a person seen before, one rule shape, one year — updates
/// everything it needs in one place in memory. Further aggregates of a key (another rule shape, another year) are chained.
/// </summary>
internal sealed class KeyTable
{
    /// <summary>The sum or count of one rule shape's rows of a key in one period, and the newest link of their row chain.</summary>
    internal struct Bucket
    {
        /// <summary>In cents (fen): amounts have at most two decimals.</summary>
        public long Value;
        public int Count;
        public int LastLink;
        public DateOnly Latest;
        /// <summary>The rule shape, or -1 for an unused inline bucket.</summary>
        public short Shape;
        public short Period;
        /// <summary>The next aggregate of the same key in <see cref="Overflow"/>, or -1.</summary>
        public int Next;
    }

    internal struct Entry
    {
        /// <summary>An ID number's key, or a 户编号's or 村代码's negative number.</summary>
        public long Id;
        public int Rows;
        public Bucket First;
    }

    // An open-addressing index (entry number + 1, 0 for a free slot) over entries kept in fixed-size chunks: growing moves
    // four bytes per key and never copies an entry, and memory is touched once (on this machine a first touch of a page
    // costs more than the work done on it).
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private int[] _index = new int[1 << 12];
    private int _mask = (1 << 12) - 1;
    private int _shift = 64 - 12;
    private readonly List<Entry[]> _chunks = [];
    private readonly List<Bucket[]> _overflow = [];
    private int _overflowCount;

    public int Count { get; private set; }
    public ref Entry this[int entry] => ref _chunks[entry >> ChunkBits][entry & (ChunkSize - 1)];
    private ref Bucket Overflow(int index) => ref _overflow[index >> ChunkBits][index & (ChunkSize - 1)];

    /// <summary>Room for <paramref name="more"/> new keys without growing the index.</summary>
    public void Reserve(int more)
    {
        while ((long)(Count + more) * 10 > (long)_index.Length * 7) Grow();
    }

    /// <summary>The entry of the key, or the complement (~) of the index slot where it goes.</summary>
    public int Probe(long id)
    {
        // Fibonacci hashing: ID numbers share long prefixes (region, birth year), the multiplication spreads them.
        var i = (int)((ulong)id * 0x9E3779B97F4A7C15UL >> _shift);
        while (true)
        {
            var entry = _index[i] - 1;
            if (entry < 0) return ~i;
            if (this[entry].Id == id) return entry;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>A new entry for the key in the free slot <see cref="Probe"/> gave (the caller has reserved room).</summary>
    public int Add(int freeSlot, long id)
    {
        var entry = Count++;
        if (entry >> ChunkBits == _chunks.Count) _chunks.Add(new Entry[ChunkSize]);
        ref var e = ref this[entry];
        e.Id = id;
        e.First.Shape = -1;
        e.First.Next = -1;
        _index[freeSlot] = entry + 1;
        return entry;
    }

    /// <summary>The key's aggregate of a rule shape and period, made when new (<paramref name="made"/>).</summary>
    public ref Bucket BucketOf(int entry, int shape, int period, out bool made)
    {
        ref var e = ref this[entry];
        made = false;
        if (e.First.Shape == shape && e.First.Period == period) return ref e.First;
        if (e.First.Shape < 0)
        {
            made = true;
            e.First = New(shape, period, -1);
            return ref e.First;
        }
        for (var b = e.First.Next; b >= 0; b = Overflow(b).Next)
            if (Overflow(b).Shape == shape && Overflow(b).Period == period) return ref Overflow(b);
        var added = _overflowCount++;
        if (added >> ChunkBits == _overflow.Count) _overflow.Add(new Bucket[ChunkSize]);
        Overflow(added) = New(shape, period, e.First.Next);
        e.First.Next = added;
        made = true;
        return ref Overflow(added);
    }

    /// <summary>The aggregates of the key in the slot (none while its inline bucket is unused).</summary>
    public void BucketsOf(int entry, List<Bucket> into)
    {
        into.Clear();
        ref var e = ref this[entry];
        if (e.First.Shape < 0) return;
        into.Add(e.First);
        for (var b = e.First.Next; b >= 0; b = Overflow(b).Next) into.Add(Overflow(b));
    }

    private static Bucket New(int shape, int period, int next) =>
        new() { Shape = (short)shape, Period = (short)period, LastLink = -1, Next = next };

    private void Grow()
    {
        _index = new int[_index.Length * 2];
        _mask = _index.Length - 1;
        _shift--;
        for (var entry = 0; entry < Count; entry++) _index[~Probe(this[entry].Id)] = entry + 1;
    }
}
