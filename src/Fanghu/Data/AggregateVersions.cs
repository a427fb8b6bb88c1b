using Fanghu.Applications;
using Fanghu.Assistance;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Fanghu.Data;

/// <summary>
/// The optimistic concurrency tokens of the aggregates officers edit (ADR 0018): a household, a monitoring case, a
/// measure of its plan, a resident application. Each has an integer <c>Version</c> marked as a concurrency token, so
/// EF writes <c>UPDATE … SET Version = @new WHERE Id = @id AND Version = @seen</c> and a second writer of the same
/// version changes no row (<see cref="DbUpdateConcurrencyException"/>) — on SQLite and PostgreSQL alike.
/// <para>
/// Before every save the context raises the version of each aggregate that is written, and of the aggregate a written
/// row belongs to (a step added to a case, an objection answered, a member of a household…): two officers acting on
/// the same case conflict even when each only adds a row of its own. A version the domain has raised already is left
/// as it is, so a save raises it once whatever the number of steps taken.
/// </para>
/// </summary>
internal static class AggregateVersions
{
    private const string Version = nameof(MonitoringCase.Version);

    public static void Raise(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        foreach (var entry in tracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State == EntityState.Modified && IsAggregate(entry.Entity)) Raise(entry);
            if (AggregateOf(entry.Entity) is { } root && tracker.Context.Entry(root) is { State: EntityState.Unchanged or EntityState.Modified } rootEntry)
                Raise(rootEntry);
        }
    }

    private static bool IsAggregate(object entity) => entity is Household or MonitoringCase or AssistanceMeasure or AssistanceApplication;

    /// <summary>The aggregate a written row is part of, when writing it changes that aggregate.</summary>
    private static object? AggregateOf(object entity) => entity switch
    {
        // A lead joining an open case adds to its timeline but decides nothing: a screening batch attaching warnings must
        // not turn an officer's approval of the same case into a conflict (nor the other way round).
        CaseStep s => s.Kind == StepKind.LeadAttached ? null : s.Case,
        Objection o => o.Case,
        AssistanceMeasure m => m.Case,
        ApplicationStep s => s.Application,
        Person p => p.Household,
        HouseholdIncome i => i.Household,
        GuaranteeCheck g => g.Household,
        NaturalChange c => c.Household,
        // Opening a case is not a change of the household's version: two visits opening the same next episode at once
        // already clash on the unique (household, episode) index (CaseWork answers that as a conflict), and a batch
        // opening cases (the income scan, screening) must not fail because an officer recorded a check meanwhile.
        _ => null,
    };

    private static void Raise(EntityEntry entry)
    {
        var version = entry.Property(Version);
        var seen = (int)version.OriginalValue!;
        if ((int)version.CurrentValue! != seen) return;
        version.CurrentValue = seen + 1;
    }
}
