namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>
/// A small seeded generator (SplitMix64) for the fuzz tests: the same seed gives the same files on every machine and
/// .NET version, so a failure is replayed by running the test again with the seed its message prints
/// (FANGHU_FUZZ_SEED). Written here rather than taken from a property-testing package: the tests need only bytes and picks.
/// </summary>
public sealed class FuzzRandom(ulong seed)
{
    public const string SeedVariable = "FANGHU_FUZZ_SEED";
    private const ulong DefaultSeed = 20261129;

    private ulong _state = seed;

    /// <summary>The seed of this run: FANGHU_FUZZ_SEED when set (to replay a failure), a fixed one otherwise.</summary>
    public static ulong RunSeed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed) ? seed : DefaultSeed;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, max).</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(NextULong() % (ulong)max);

    /// <summary>A number in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++) bytes[i] = (byte)NextULong();
        return bytes;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
