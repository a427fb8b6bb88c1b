using System.Collections.Concurrent;
using System.Threading.Channels;
using Fanghu.Accounts;
using Fanghu.Data;
using Fanghu.Monitoring;
using Fanghu.Screening;

namespace Fanghu.Web.Screening;

/// <summary>
/// An uploaded department file waiting to be screened, with everything of the uploader the run needs once the
/// request is gone: who (for the run's record and ScreenFile's refusals), which department, and the divisions the
/// run may see (the scope its database context gets).
/// </summary>
public sealed record ScreeningUpload(DatasetType Dataset, string Path, string FileName, DateOnly AsOf, bool SkipInvalid, Actor Actor,
    string? Department, DataScope Scope);

/// <summary>
/// One upload on its way through the queue: told its run's id when the run is recorded, reports its progress, and can
/// be cancelled. It is also the run's <see cref="IProgress{T}"/>, so the page reads what ScreenFile last reported.
/// </summary>
public sealed class ScreeningJob(ScreeningUpload upload) : IProgress<ScreeningProgress>
{
    private readonly TaskCompletionSource<long> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScreeningProgress? _progress;

    public ScreeningUpload Upload { get; } = upload;

    /// <summary>The run's id once ScreenFile has recorded it; fails with ScreenFile's refusal if it never does.</summary>
    public Task<long> Started => _started.Task;

    public ScreeningProgress? Progress => Volatile.Read(ref _progress);

    internal CancellationTokenSource Cancellation { get; } = new();

    void IProgress<ScreeningProgress>.Report(ScreeningProgress value) => Volatile.Write(ref _progress, value);

    internal void RunRecorded(long id) => _started.TrySetResult(id);

    internal void NeverStarted(Exception e) => _started.TrySetException(e);
}

/// <summary>
/// The screening queue (a singleton): uploads wait in a channel for <see cref="ScreeningWorker"/>; runs in progress are
/// found here by id for their progress and for cancelling; the outcome of a finished run (its error list, which the
/// database does not keep) stays for the last <see cref="KeptSummaries"/> runs of this process.
/// </summary>
public sealed class ScreeningJobs
{
    private const int KeptSummaries = 200;

    private readonly Channel<ScreeningJob> _queue = Channel.CreateUnbounded<ScreeningJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, ScreeningJob> _running = new();
    private readonly ConcurrentDictionary<long, ScreeningSummary> _finished = new();
    private readonly ConcurrentQueue<long> _finishedOrder = new();

    internal ChannelReader<ScreeningJob> Reader => _queue.Reader;

    public ScreeningJob Enqueue(ScreeningUpload upload)
    {
        var job = new ScreeningJob(upload);
        if (!_queue.Writer.TryWrite(job)) throw new InvalidOperationException("the screening queue is closed");
        return job;
    }

    /// <summary>The run is being screened by this process.</summary>
    public bool IsRunning(long runId) => _running.ContainsKey(runId);

    public ScreeningProgress? ProgressOf(long runId) => _running.TryGetValue(runId, out var job) ? job.Progress : null;

    /// <summary>Asks a run of this process to stop; false when it is not running here (finished, or another process's).</summary>
    public bool Cancel(long runId)
    {
        if (!_running.TryGetValue(runId, out var job)) return false;
        job.Cancellation.Cancel();
        return true;
    }

    /// <summary>What ScreenFile answered for a run finished by this process (errors by row and column, notes).</summary>
    public ScreeningSummary? SummaryOf(long runId) => _finished.GetValueOrDefault(runId);

    internal void Started(long runId, ScreeningJob job) => _running[runId] = job;

    internal void Finished(long runId, ScreeningSummary? summary)
    {
        if (summary is not null)
        {
            _finished[runId] = summary;
            _finishedOrder.Enqueue(runId);
            while (_finishedOrder.Count > KeptSummaries && _finishedOrder.TryDequeue(out var old)) _finished.TryRemove(old, out _);
        }
        _running.TryRemove(runId, out _);
    }

    internal void Close() => _queue.Writer.TryComplete();
}

/// <summary>
/// Runs queued screenings in the background, at most <c>Screening:ParallelRuns</c> (default 2) at a time, each with a
/// database context of its own scoped to the uploader's divisions. The uploaded file is deleted when its run ends.
/// On shutdown running screenings are cancelled (ScreenFile records them as cancelled, having written nothing).
/// </summary>
public sealed partial class ScreeningWorker(ScreeningJobs jobs, DatabaseSettings settings, TimeProvider clock, IConfiguration config,
    ILogger<ScreeningWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parallel = Math.Max(1, config.GetValue("Screening:ParallelRuns", 2));
        using var gate = new SemaphoreSlim(parallel);
        var inFlight = new ConcurrentDictionary<ScreeningJob, Task>();
        try
        {
            await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
            {
                await gate.WaitAsync(stoppingToken);
                inFlight[job] = Task.Run(async () =>
                {
                    try { await RunAsync(job, stoppingToken); }
                    finally
                    {
                        gate.Release();
                        inFlight.TryRemove(job, out _);
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            jobs.Close();
            while (jobs.Reader.TryRead(out var waiting))
            {
                waiting.NeverStarted(new OperationCanceledException("服务正在停止"));
                DeleteUpload(waiting.Upload.Path);
            }
            await Task.WhenAll(inFlight.Values);
        }
    }

    private async Task RunAsync(ScreeningJob job, CancellationToken stopping)
    {
        var u = job.Upload;
        long? runId = null;
        ScreeningSummary? summary = null;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(job.Cancellation.Token, stopping);
        try
        {
            await using var db = DataServices.CreateContext(settings, u.Scope);
            var work = new CaseWork(db, clock);
            var options = new ScreeningOptions(u.Actor, u.Department, u.AsOf, u.SkipInvalid, u.FileName, Started: id =>
            {
                runId = id;
                jobs.Started(id, job);
                job.RunRecorded(id);
            });
            summary = await new ScreenFile(work, new RecordLead(work)).HandleAsync(u.Dataset, u.Path, options, job, cancel.Token);
        }
        catch (Exception e) when (runId is null)
        {
            // Refused before a run was recorded (role, department, date): the page that queued it shows why.
            job.NeverStarted(e);
        }
        catch (Exception e)
        {
            // ScreenFile has recorded the run as failed, with nothing written; the page shows its message.
            LogRunFailed(log, e, runId.GetValueOrDefault(), u.Dataset.Key);
        }
        finally
        {
            if (runId is { } id) jobs.Finished(id, summary);
            DeleteUpload(u.Path);
        }
    }

    private void DeleteUpload(string path)
    {
        try { File.Delete(path); }
        catch (IOException e) { LogUploadNotDeleted(log, e, path); }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Screening run {RunId} of {Dataset} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, long runId, string dataset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the uploaded screening file {Path}")]
    private static partial void LogUploadNotDeleted(ILogger logger, Exception exception, string path);
}
