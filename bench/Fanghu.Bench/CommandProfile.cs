using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fanghu.Bench;

/// <summary>
/// Counts and times the SQL commands EF sends, grouped by the start of their text, so that a slow write
/// phase can be read as "so many queries of this kind, so long in total". Opt-in (FANGHU_BENCH_SQL=1):
/// the interceptor itself costs a little per command.
/// </summary>
internal sealed class CommandProfile : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _byKind = new();
    private readonly ConcurrentDictionary<DbCommand, long> _started = new();

    public static bool Enabled => Environment.GetEnvironmentVariable("FANGHU_BENCH_SQL") == "1";

    private void Start(DbCommand command) => _started[command] = Stopwatch.GetTimestamp();

    private void Stop(DbCommand command)
    {
        if (!_started.TryRemove(command, out var start)) return;
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var text = command.CommandText.ReplaceLineEndings(" ");
        // Batched saves start with a PRAGMA or carry several statements: the first 70 characters name the kind.
        var kind = text.Length > 70 ? text[..70] : text;
        _byKind.AddOrUpdate(kind, (1, ms), (_, v) => (v.Count + 1, v.Milliseconds + ms));
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    // Readers are timed until they are closed, so the time includes reading the rows.
    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return base.DataReaderClosing(command, eventData, result);
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Stop(command);
        return base.DataReaderClosingAsync(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Stop(command);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Start(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Stop(command);
        return base.NonQueryExecuted(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Stop(command);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    /// <summary>Counts SaveChanges calls and the entities tracked at each (what DetectChanges walks).</summary>
    internal sealed class Saves : SaveChangesInterceptor
    {
        public int Calls;
        public long Tracked;
        public int MaxTracked;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var tracked = eventData.Context!.ChangeTracker.Entries().Count();
            Calls++;
            Tracked += tracked;
            MaxTracked = Math.Max(MaxTracked, tracked);
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    public Saves SaveCalls { get; } = new();

    public void Print(TextWriter to)
    {
        to.WriteLine($"SaveChanges: {SaveCalls.Calls:N0} calls, {SaveCalls.Tracked:N0} tracked entities walked in all, at most {SaveCalls.MaxTracked:N0} at once");
        var all = _byKind.OrderByDescending(k => k.Value.Milliseconds).ToList();
        to.WriteLine($"SQL: {all.Sum(k => k.Value.Count):N0} commands, {all.Sum(k => k.Value.Milliseconds) / 1000:F2} s in the database provider");
        foreach (var (kind, (count, ms)) in all.Take(15))
            to.WriteLine($"  {count,8:N0} × {ms / Math.Max(count, 1),7:F3} ms = {ms / 1000,6:F2} s  {kind}");
    }
}
