namespace Fanghu.IntegrationTests.Infrastructure;

/// <summary>
/// Real time moved forward by whatever a test adds, so that a public notice can run its days within a test.
/// It starts at the real time, so tests that never advance it see the ordinary clock (sign-in cookies included).
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
