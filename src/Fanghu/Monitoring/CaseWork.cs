using Fanghu.Data;
using Fanghu.Policy;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Monitoring;

/// <summary>
/// What every workflow use case needs: the case (inside the user's scope), the policy in force for its
/// household, today's date, and a save that turns a concurrent change into a clear conflict.
/// </summary>
public sealed class CaseWork(FanghuDbContext db, TimeProvider clock)
{
    public FanghuDbContext Db => db;
    public DateOnly Today => clock.Today();
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The case with its household and objections; not found when it is outside the scope. With the version the
    /// user's form was built from, a case changed since is a conflict rather than a decision on stale facts.
    /// </summary>
    public async Task<MonitoringCase> LoadAsync(long caseId, int? expectedVersion, CancellationToken ct)
    {
        var c = await db.MonitoringCases.Include(c => c.Household).ThenInclude(h => h.Members).Include(c => c.Objections)
                    .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == caseId, ct)
                ?? throw new NotFoundException("没有找到该监测案件，或不在您的管辖范围内");
        // The version the user saw becomes the one the UPDATE expects (… WHERE Version = @seen): a form built from an older
        // version is refused here, and two requests that read the same version at the same moment cannot both be saved.
        if (expectedVersion is { } v && v != c.Version) throw await Conflicts.OfCaseAsync(db, caseId, ct);
        return c;
    }

    /// <summary>Loads the case, applies one workflow step with the policy in force today, and saves.</summary>
    public async Task<MonitoringCase> ActAsync(long caseId, int? expectedVersion, Action<MonitoringCase, Policy.PolicyParameters> step,
        CancellationToken ct)
    {
        var c = await LoadAsync(caseId, expectedVersion, ct);
        step(c, await PolicyAsync(c.Household.VillageCode, Today, ct));
        await SaveAsync(ct);
        return c;
    }

    /// <summary>
    /// The policy in force for a division on a date. Policy sets are few; they are read once per request.
    /// </summary>
    public async Task<PolicyParameters> PolicyAsync(string divisionCode, DateOnly date, CancellationToken ct)
    {
        _policies ??= await db.PolicySets.AsNoTracking().ToListAsync(ct);
        return (PolicyLookup.InForce(_policies, divisionCode, date)
            ?? throw new WorkflowRuleException($"{date:yyyy年M月d日} 没有适用于 {divisionCode} 的政策参数，请管理员先设置")).Parameters;
    }

    private List<PolicySet>? _policies;

    /// <summary>Saves; when someone else changed the same case or measure first, nothing is written and the user is told.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            var changed = e.Entries.Select(x => x.Entity).FirstOrDefault();
            db.ChangeTracker.Clear();
            throw await Conflicts.OfAsync(db, changed, ct);
        }
        catch (DbUpdateException e) when (Conflicts.IsUniqueViolation(e))
        {
            // Two requests adding the same row at once (two visits opening the same household's next case): the second
            // insert meets the first's unique key. The same conflict, not a failure.
            var added = e.Entries.Select(x => x.Entity).FirstOrDefault();
            db.ChangeTracker.Clear();
            throw await Conflicts.OfAsync(db, added, ct);
        }
    }
}

/// <summary>A record that does not exist or lies outside the user's divisions (the two look the same on purpose).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Someone else changed the record first (optimistic concurrency).</summary>
public sealed class ConflictException(string message) : Exception(message);
