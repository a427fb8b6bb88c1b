using System.Globalization;
using Fanghu.Accounts;
using Fanghu.Audit;
using Fanghu.Data;
using Fanghu.Imports;
using Fanghu.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Screening;

/// <param name="Department">The department of the account (医保…): it may screen only its own department's datasets.</param>
/// <param name="AsOf">The run's date: the end of “the last 12 months”, the day ages are taken; today by default.</param>
/// <param name="SkipInvalid">Screen the good rows of a file with bad ones (which are reported) instead of rejecting it.</param>
/// <param name="Started">Told the run's id as soon as the run is recorded, so that a host running it in the background
/// can show the run's page while it reads the file.</param>
public sealed record ScreeningOptions(Actor Actor, string? Department = null, DateOnly? AsOf = null, bool SkipInvalid = false, string? FileName = null,
    Action<long>? Started = null);

public sealed record ScreeningProgress(long RowsRead, long RowsMatched, string Phase);

public enum ScreeningOutcome { Completed, Rejected, Cancelled }

/// <param name="Hits">Warnings found by the rules; <paramref name="NewWarnings"/> of them were new, <paramref name="AlreadyKnown"/> came from an earlier run.</param>
public sealed record ScreeningSummary(
    long? RunId,
    ScreeningOutcome Outcome,
    string Dataset,
    string File,
    long RowsRead,
    long RowsMatched,
    long RowsUnmatched,
    int Hits,
    int NewWarnings,
    int AlreadyKnown,
    int NewLeads,
    int OpenedCases,
    IReadOnlyList<string> RuleVersions,
    int ErrorCount,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<string> Notes);

/// <summary>
/// Screens one department file (§6): reads it once, matches its rows to the registry in the account's scope,
/// applies the dataset's rules in force, and turns every new warning into a lead of the monitoring workflow. The
/// warnings, the leads and the run's completion are written in one transaction, so a run that stops half-way
/// (cancelled, failed, the process killed) leaves nothing that looks like a result; re-running a file adds nothing.
/// </summary>
public sealed class ScreenFile(CaseWork work, RecordLead leads)
{
    private const int ProgressEvery = 100_000;
    private const int Chunk = 2000;

    public static IReadOnlyList<Role> Roles => RecordLead.RolesFor(LeadChannel.DepartmentWarning);

    /// <summary>For hosts without a container (the CLI, the benchmark): the use case over a context.</summary>
    public static Task<ScreeningSummary> RunAsync(FanghuDbContext db, string datasetType, string path, ScreeningOptions options,
        IProgress<ScreeningProgress>? progress, CancellationToken ct)
    {
        var dataset = DatasetTypes.Find(datasetType) ?? throw new WorkflowRuleException($"没有数据类型“{datasetType}”，可选：{DatasetTypes.Listing}");
        var caseWork = new CaseWork(db, TimeProvider.System);
        return new ScreenFile(caseWork, new RecordLead(caseWork)).HandleAsync(dataset, path, options, progress, ct);
    }

    /// <summary>Department, county and admin accounts screen; a department only its own department's datasets.</summary>
    internal static void CheckMay(ScreeningOptions o, DatasetType dataset)
    {
        if (!Roles.Contains(o.Actor.Role)) throw new WorkflowRuleException("本账号不能运行部门筛查");
        if (o.Actor.Role == Role.Department && o.Department != dataset.Department)
            throw new WorkflowRuleException($"“{dataset.Name}”由{dataset.Department}部门报送，本账号不能上传");
    }

    public async Task<ScreeningSummary> HandleAsync(DatasetType dataset, string path, ScreeningOptions o, IProgress<ScreeningProgress>? progress,
        CancellationToken ct)
    {
        CheckMay(o, dataset);
        var asOf = o.AsOf ?? work.Today;
        if (asOf > work.Today) throw new WorkflowRuleException("筛查日期不能晚于今天");
        var db = work.Db;
        var fileName = o.FileName ?? Path.GetFileName(path);

        await MarkInterruptedAsync(db, work.Now, ct);
        var run = new ScreeningRun(dataset.Kind, fileName, asOf, o.Actor.UserId, o.Actor.Name, o.Department, db.Scope, work.Now);
        db.ScreeningRuns.Add(run);
        await db.SaveChangesAsync(ct);
        o.Started?.Invoke(run.Id);

        var errors = new ErrorSink();
        ScreeningEngine? engine = null;
        // The registry is read while the file is: the two meet only when the file's keys are matched. Until then the
        // context is the loader's alone.
        using var loading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<RegistrySnapshot>? registryLoad = null;
        try
        {
            var rules = await db.ScreeningRules.Where(r => r.Dataset == dataset.Kind && r.Status == RuleStatus.Active)
                .OrderBy(r => r.Key).ThenBy(r => r.DivisionCode).ToListAsync(ct);
            run.UseRules(rules.Select(r => r.DivisionCode is null ? r.Label : $"{r.Label}@{r.DivisionCode}"));

            using var file = DatasetFile.Open(dataset, path);
            if (file.Map is not { } map)
                return await RejectAsync(run, dataset, fileName, file.HeaderErrors.Count, file.HeaderErrors, 0, 0, ct);

            registryLoad = Task.Run(() => RegistrySnapshot.LoadAsync(db, asOf, loading.Token), loading.Token);
            var compiled = rules.Select(r => new CompiledRule(r, r.Definition, dataset, map)).ToList();
            engine = new ScreeningEngine(dataset, compiled, asOf, map, errors);
            progress?.Report(new(0, 0, "读取文件"));
            var lastSaved = work.Now;
            void Tick()
            {
                if (engine.RowsRead % 4096 == 0) ct.ThrowIfCancellationRequested();
                if (engine.RowsRead % ProgressEvery != 0) return;
                progress?.Report(new(engine.RowsRead, 0, "读取文件"));
                // The run says it is alive now and then, so that only a run whose process is gone counts as interrupted.
                if (work.Now - lastSaved < TimeSpan.FromSeconds(30) || !registryLoad.IsCompleted) return;
                run.Report(engine.RowsRead, 0, lastSaved = work.Now);
                db.SaveChanges();
            }

            file.Feed([engine], Tick);

            if (errors.Total > 0 && !o.SkipInvalid)
            {
                await SettleAsync(registryLoad, loading);
                return await RejectAsync(run, dataset, fileName, errors.Total, errors.Kept, engine.RowsRead, 0, ct);
            }

            progress?.Report(new(engine.RowsRead, 0, "匹配登记人口"));
            var registry = await registryLoad;
            var hits = engine.Finish(registry);
            progress?.Report(new(engine.RowsRead, engine.RowsMatched, "写入预警"));
            var written = await WriteAsync(run, dataset, fileName, registry, hits, ct);
            run.Complete(engine.RowsRead, engine.RowsMatched, engine.RowsUnmatched, hits.Count, written.New, written.Known, written.Leads, written.Opened, work.Now);
            run.SkippedErrors(errors.Total, errors.Kept);
            // Its leads, cases and warnings went straight to their tables: the run is one entry of the audit trail.
            AuditTrail.Append(db, [AuditTrail.Summary(AuditTrail.Screened, nameof(ScreeningRun), run.Id.ToString(CultureInfo.InvariantCulture),
                new Dictionary<string, object?>
                {
                    ["数据集"] = dataset.Name,
                    ["文件"] = fileName,
                    ["读取行数"] = engine.RowsRead,
                    ["新预警"] = written.New,
                    ["新线索"] = written.Leads,
                    ["新立案"] = written.Opened,
                })]);
            await db.SaveChangesAsync(ct);
            await written.Transaction.CommitAsync(ct);
            await written.Transaction.DisposeAsync();
            progress?.Report(new(engine.RowsRead, engine.RowsMatched, "完成"));

            var notes = new List<string>();
            if (map.Ignored.Count > 0) notes.Add($"未使用的列：{string.Join("、", map.Ignored)}");
            if (errors.Total > 0) notes.Add($"跳过有错误的 {errors.Total} 处（见错误清单），其余行已筛查");
            return new ScreeningSummary(run.Id, ScreeningOutcome.Completed, dataset.Name, fileName, engine.RowsRead, engine.RowsMatched,
                engine.RowsUnmatched, hits.Count, written.New, written.Known, written.Leads, written.Opened, [.. rules.Select(r => r.Label)],
                errors.Total, errors.Kept, notes);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await SettleAsync(registryLoad, loading);
            await StopAsync(run, RunStatus.Cancelled, "已取消，未写入任何预警", engine, errors);
            return new ScreeningSummary(run.Id, ScreeningOutcome.Cancelled, dataset.Name, fileName, engine?.RowsRead ?? 0, engine?.RowsMatched ?? 0,
                engine?.RowsUnmatched ?? 0, 0, 0, 0, 0, 0, [], 0, [], ["已取消，未写入任何预警"]);
        }
        catch (Exception e) when (ImportRunner.IsUnreadable(e) && db.Database.CurrentTransaction is null)
        {
            // A damaged or mis-encoded file is refused with the importers' words, like a file with bad rows: it is the
            // sender's to fix, not a failure of the run.
            await SettleAsync(registryLoad, loading);
            var error = new ImportError(0, null, ImportRunner.Unreadable(path, FormatOf(path), e));
            return await RejectAsync(run, dataset, fileName, 1, [error], engine?.RowsRead ?? 0, 0, ct);
        }
        catch (Exception e)
        {
            await SettleAsync(registryLoad, loading);
            await StopAsync(run, RunStatus.Failed, e is WorkflowRuleException ? e.Message : $"运行失败：{e.GetType().Name}", engine, errors);
            throw;
        }
    }

    private static TabularFormat FormatOf(string path)
    {
        try { return TabularFile.Open(path).Format; }
        catch (IOException) { return TabularFormat.Csv; }
    }

    /// <summary>
    /// Stops the registry's loading, if still on, and waits for it: the context is free again afterwards. How the loading
    /// ended does not matter any more (a failure of its own was the caller's to report, when it awaited it).
    /// </summary>
    private static async Task SettleAsync(Task<RegistrySnapshot>? load, CancellationTokenSource loading)
    {
        if (load is null) return;
        await loading.CancelAsync();
        await load.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed record Prepared(Hit Hit, long HouseholdId, long? PersonId, string Key);

    private sealed record Written(int New, int Known, int Leads, int Opened, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction Transaction);

    /// <summary>
    /// New warnings and their leads, in a transaction the caller commits with the run's completion. A warning whose
    /// source key is known (an earlier run, or a lead from the same source) is counted, not written again. The new
    /// cases, leads, steps and warnings are built by the domain and written straight to their tables
    /// (<see cref="NewEntities"/>); only a lead that joins a stored open case goes through the unit of work, since it
    /// changes that case.
    /// </summary>
    private async Task<Written> WriteAsync(ScreeningRun run, DatasetType dataset, string fileName, RegistrySnapshot registry, List<Hit> hits,
        CancellationToken ct)
    {
        var db = work.Db;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        int added = 0, known = 0, newLeads = 0, opened = 0;
        var actor = Actor.System;
        // By household, so that the warnings of one household meet in one chunk and share its case.
        var prepared = hits.Select(h =>
        {
            var household = h.SubjectIsPerson ? registry.Persons[h.Subject].Household : h.Subject;
            long? person = h.SubjectIsPerson ? registry.Persons[h.Subject].Id : null;
            var key = $"screen:{h.Rule.Rule.Key}:{(person is { } p ? "p" + p : "h" + registry.Households[household].Id)}:{h.Period}";
            return new Prepared(h, registry.Households[household].Id, person, key);
        }).OrderBy(p => p.HouseholdId).ToList();

        foreach (var chunk in prepared.Chunk(Chunk))
        {
            ct.ThrowIfCancellationRequested();
            var ids = chunk.Select(c => c.HouseholdId).Distinct().ToList();
            var keys = chunk.Select(c => c.Key).ToList();
            var seen = (await db.Leads.Where(l => ids.Contains(l.HouseholdId) && l.SourceKey != null && keys.Contains(l.SourceKey))
                    .Select(l => l.SourceKey!).ToListAsync(ct))
                .Concat(await db.ScreeningWarnings.Where(w => ids.Contains(w.HouseholdId) && keys.Contains(w.SourceKey)).Select(w => w.SourceKey).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var fresh = chunk.Where(c => seen.Add(c.Key)).ToList();
            known += chunk.Length - fresh.Count;
            if (fresh.Count == 0) continue;

            // The households and the latest case of each, in one query apiece rather than one per warning. The cases are
            // tracked: the few that are open take their new lead through the unit of work.
            var freshIds = fresh.Select(f => f.HouseholdId).Distinct().ToList();
            var households = await db.Households.AsNoTracking().Where(h => freshIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            var latest = await db.MonitoringCases
                .Where(c => freshIds.Contains(c.HouseholdId)
                    && c.Episode == db.MonitoringCases.Where(o => o.HouseholdId == c.HouseholdId).Max(o => o.Episode))
                .ToDictionaryAsync(c => c.HouseholdId, ct);
            var pending = new List<(Prepared Warning, string Explanation, Lead Lead)>(fresh.Count);
            var newCases = new List<MonitoringCase>();
            var composed = new List<Lead>();
            foreach (var f in fresh)
            {
                var household = households[f.HouseholdId];
                var d = f.Hit.Rule.Definition;
                var explanation = Explain(dataset, fileName, f.Hit, d);
                var request = new RecordLead.Request(f.HouseholdId, LeadChannel.DepartmentWarning, work.Today, explanation,
                    d.RiskType is { } risk ? [risk] : [], $"部门筛查·{dataset.Department}", SourceKey: f.Key);
                var before = latest.GetValueOrDefault(f.HouseholdId);
                RecordLead.Added lead;
                if (before is { Id: > 0 } && !before.Stage.IsClosed())
                {
                    if (db.Entry(household).State == EntityState.Detached) db.Households.Attach(household);
                    lead = await leads.AddWithLatestAsync(actor, household, request, before, ct);
                }
                else
                {
                    lead = await leads.ComposeAsync(actor, household, request, before, ct);
                    composed.Add(lead.Lead!);
                    if (lead.Opened) newCases.Add(lead.Case!);
                }
                // A second warning for the same household joins the case the first one opened (or found).
                latest[f.HouseholdId] = lead.Case!;
                pending.Add((f, explanation, lead.Lead!));
                added++;
                newLeads++;
                if (lead.Opened) opened++;
            }
            await db.SaveChangesAsync(ct);
            await NewEntities.InsertAsync(db, newCases, ct);
            await NewEntities.InsertAsync(db, composed, ct);
            await NewEntities.InsertAsync(db, [.. newCases.SelectMany(c => c.Steps)], ct);
            var warnings = new List<ScreeningWarning>(pending.Count);
            foreach (var ((hit, householdId, personId, key), explanation, lead) in pending)
            {
                var d = hit.Rule.Definition;
                var warning = new ScreeningWarning(run, hit.Rule.Rule, households[householdId], personId, hit.Period, hit.Value,
                    d.Kind == RuleKind.Threshold ? d.Threshold : d.Kind == RuleKind.Change ? 1m : 0m, hit.RowCount, hit.Rows, fileName, explanation, key);
                warning.BecameLead(lead.Id);
                warnings.Add(warning);
            }
            await NewEntities.InsertAsync(db, warnings, ct);
            db.ChangeTracker.Clear();
            db.Attach(run);
        }
        return new Written(added, known, newLeads, opened, transaction);
    }

    /// <summary>The warning in words: what, whose period, the value against the threshold, the rule version and the source rows.</summary>
    private static string Explain(DatasetType dataset, string fileName, Hit hit, RuleDefinition d)
    {
        var rows = hit.RowCount == 0 ? "" : $"；来源：{fileName} 第 {string.Join("、", hit.Rows)} 行{(hit.RowCount > hit.Rows.Count ? $"等 {hit.RowCount} 行" : "")}";
        var what = d.Kind switch
        {
            RuleKind.Threshold when d.Measure is { } m => $"{hit.Period} 年{m}合计 {hit.Value:#,0.00} 元，达到阈值 {d.Threshold:#,0.00} 元",
            RuleKind.Threshold => $"{hit.Period} 年共 {hit.Value:#,0} 条记录，达到阈值 {d.Threshold:#,0} 条",
            RuleKind.Coverage => $"{hit.Period} 年{dataset.Name}数据中没有此人",
            _ => $"{hit.Period} 年{dataset.Name}数据记录 {hit.RowCount} 条",
        };
        return $"{d.Signal}：{what}（规则 {hit.Rule.Rule.Label}「{hit.Rule.Rule.Name}」{rows}）";
    }

    private async Task<ScreeningSummary> RejectAsync(ScreeningRun run, DatasetType dataset, string fileName, int errorCount,
        IReadOnlyList<ImportError> errors, long read, long matched, CancellationToken ct)
    {
        run.Stop(RunStatus.Rejected, $"文件有 {errorCount} 处错误，未筛查", read, matched, errorCount, work.Now);
        run.KeepErrors(errors);
        await work.Db.SaveChangesAsync(ct);
        return new ScreeningSummary(run.Id, ScreeningOutcome.Rejected, dataset.Name, fileName, read, matched, 0, 0, 0, 0, 0, 0, [],
            errorCount, errors, ["文件有错误，未写入任何预警；改正后重新上传，或选择跳过错误行"]);
    }

    private async Task StopAsync(ScreeningRun run, RunStatus status, string message, ScreeningEngine? engine, ErrorSink errors)
    {
        var db = work.Db;
        // Stopped while writing: what was written goes with the transaction, and the status is saved outside it.
        if (db.Database.CurrentTransaction is { } open)
        {
            await open.RollbackAsync(CancellationToken.None);
            await open.DisposeAsync();
        }
        db.ChangeTracker.Clear();
        if (await db.ScreeningRuns.FirstOrDefaultAsync(r => r.Id == run.Id, CancellationToken.None) is { } stored)
        {
            stored.Stop(status, message, engine?.RowsRead ?? 0, engine?.RowsMatched ?? 0, errors.Total, work.Now);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs left “running” by a process that is gone (crash, restart) are marked interrupted: they wrote nothing.</summary>
    private static async Task MarkInterruptedAsync(FanghuDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - ScreeningRun.StaleAfter;
        var stale = await db.ScreeningRuns.Where(r => r.Status == RunStatus.Running).ToListAsync(ct);
        foreach (var r in stale.Where(r => r.LastProgressAt < cutoff))
            r.Stop(RunStatus.Interrupted, "运行中断（进程已停止），未写入任何预警", r.RowsRead, r.RowsMatched, r.ErrorCount, now);
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }
}
