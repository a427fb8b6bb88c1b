using System.Linq.Expressions;
using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Assistance;
using Fanghu.Audit;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Policy;
using Fanghu.Registry;
using Fanghu.Reports;
using Fanghu.Screening;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.Data;

/// <summary>
/// The one EF Core model. Each provider has a subclass that owns its migration set
/// (<see cref="SqliteFanghuDbContext"/>, <see cref="PostgresFanghuDbContext"/>); code depends on this type.
/// </summary>
public abstract class FanghuDbContext : IdentityDbContext<FanghuUser>
{
    private readonly DataScope _scope;

    protected FanghuDbContext(DbContextOptions options, DataScope scope) : base(options)
    {
        _scope = scope;
    }

    public DataScope Scope => _scope;

    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<HouseholdIncome> Incomes => Set<HouseholdIncome>();
    public DbSet<GuaranteeCheck> GuaranteeChecks => Set<GuaranteeCheck>();
    public DbSet<NaturalChange> NaturalChanges => Set<NaturalChange>();
    public DbSet<PolicySet> PolicySets => Set<PolicySet>();
    public DbSet<MonitoringCase> MonitoringCases => Set<MonitoringCase>();
    public DbSet<CaseStep> CaseSteps => Set<CaseStep>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<IncomeAssessment> IncomeAssessments => Set<IncomeAssessment>();
    public DbSet<AssistanceMeasure> Measures => Set<AssistanceMeasure>();
    public DbSet<ScreeningRule> ScreeningRules => Set<ScreeningRule>();
    public DbSet<ScreeningRun> ScreeningRuns => Set<ScreeningRun>();
    public DbSet<ScreeningWarning> ScreeningWarnings => Set<ScreeningWarning>();
    public DbSet<AssistanceApplication> Applications => Set<AssistanceApplication>();
    public DbSet<ApplicationStep> ApplicationSteps => Set<ApplicationStep>();
    public DbSet<DivisionFigure> DivisionFigures => Set<DivisionFigure>();
    public DbSet<UnitFigure> UnitFigures => Set<UnitFigure>();
    public DbSet<FigureUnit> FigureUnits => Set<FigureUnit>();
    public DbSet<FigureChange> FigureChanges => Set<FigureChange>();
    public DbSet<RiskGap> RiskGaps => Set<RiskGap>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();

    // Read by the query filters at query time (EF parameterises members of the context).
    private bool ScopeUnrestricted => _scope.Unrestricted;
    private List<string> ScopeCodes => [.. _scope.Codes];

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// The scope filter of an entity reached through its household: the scope is unrestricted, or one of its
    /// codes is the household's village, township, county or prefecture. One rule for every household-owned table.
    /// </summary>
    private Expression<Func<T, bool>> ScopedBy<T>(Expression<Func<T, Household>> householdOf)
    {
        Expression<Func<Household, bool>> inScope = h => ScopeUnrestricted || ScopeCodes.Contains(h.VillageCode)
            || ScopeCodes.Contains(h.TownshipCode) || ScopeCodes.Contains(h.CountyCode) || ScopeCodes.Contains(h.PrefectureCode);
        var body = new Substitute(inScope.Parameters[0], householdOf.Body).Visit(inScope.Body);
        return Expression.Lambda<Func<T, bool>>(body, householdOf.Parameters);
    }

    /// <summary>An application belongs to the division it was filed in: the same rule, on its own codes.</summary>
    private Expression<Func<AssistanceApplication, bool>> ApplicationInScope() =>
        a => ScopeUnrestricted || (a.VillageCode != null && ScopeCodes.Contains(a.VillageCode))
            || (a.TownshipCode != null && ScopeCodes.Contains(a.TownshipCode)) || ScopeCodes.Contains(a.CountyCode)
            || ScopeCodes.Contains(a.PrefectureCode);

    /// <summary>
    /// A frozen report (报表冻结) is never changed or removed, whoever asks: a correction is a new version. Checked here
    /// so no code path — a page, the API, the command line, a future admin tool — can rewrite what was reported.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveAndAuditAsync(acceptAllChangesOnSuccess, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAndAuditAsync(acceptAllChangesOnSuccess, sync: false, cancellationToken);

    /// <summary>
    /// Saves the changes and appends their audit entries (<see cref="Audit.AuditTrail"/>) in one transaction: the changes first,
    /// so the entries carry the keys the database gave; then the entries (sealed into the chain later by AuditSealer).
    /// </summary>
    private async Task<int> SaveAndAuditAsync(bool acceptAllChangesOnSuccess, bool sync, CancellationToken ct)
    {
        AggregateVersions.Raise(ChangeTracker);
        RefuseSnapshotChanges();
        RefuseAuditChanges();
        var pending = Audit.AuditTrail.Collect(ChangeTracker);
        if (pending.Count == 0)
            return sync ? base.SaveChanges(acceptAllChangesOnSuccess) : await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            var saved = sync ? base.SaveChanges(false) : await base.SaveChangesAsync(false, ct);
            var entries = Audit.AuditTrail.Entries(pending, AuditActor.Current, DateTimeOffset.UtcNow);
            ChangeTracker.AcceptAllChanges();
            Audit.AuditTrail.Append(this, entries);
            if (sync) base.SaveChanges(true);
            else await base.SaveChangesAsync(true, ct);
            if (own is not null) await own.CommitAsync(ct);
            return saved;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("审计日志只能追加，不能修改或删除");
    }

    private void RefuseSnapshotChanges()
    {
        if (ChangeTracker.Entries<ReportSnapshot>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("冻结的报表不能修改或删除；如需更正，请另存更正版本");
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<FanghuUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.Property(u => u.Department).HasMaxLength(50);
        });

        b.Entity<Division>(e =>
        {
            e.HasKey(d => d.Code);
            e.Property(d => d.Code).HasMaxLength(12);
            e.Property(d => d.Name).HasMaxLength(100);
            e.Property(d => d.ParentCode).HasMaxLength(12);
            e.HasIndex(d => d.ParentCode);
            e.HasOne<Division>().WithMany().HasForeignKey(d => d.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Household>(e =>
        {
            e.Property(h => h.Number).HasMaxLength(40);
            e.HasIndex(h => h.Number).IsUnique();
            e.Property(h => h.VillageCode).HasMaxLength(12);
            e.Property(h => h.TownshipCode).HasMaxLength(9);
            e.Property(h => h.CountyCode).HasMaxLength(6);
            e.Property(h => h.PrefectureCode).HasMaxLength(4);
            e.HasIndex(h => h.VillageCode);
            e.HasIndex(h => h.TownshipCode);
            e.HasIndex(h => h.CountyCode);
            e.Property(h => h.Group).HasMaxLength(50);
            e.Property(h => h.Address).HasMaxLength(200);
            e.Property(h => h.Phone).HasMaxLength(30);
            e.Property(h => h.Version).IsConcurrencyToken();
            e.HasMany(h => h.Members).WithOne(p => p.Household).HasForeignKey(p => p.HouseholdId);
            e.HasMany(h => h.Incomes).WithOne(i => i.Household).HasForeignKey(i => i.HouseholdId);
            e.HasMany(h => h.Guarantees).WithOne(g => g.Household).HasForeignKey(g => g.HouseholdId);
            e.HasMany(h => h.Changes).WithOne(c => c.Household).HasForeignKey(c => c.HouseholdId);
            e.HasOne<Division>().WithMany().HasForeignKey(h => h.VillageCode).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopedBy<Household>(h => h));
        });

        b.Entity<Person>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(50);
            // varchar, not char(18): PostgreSQL compares a char column with a text[] parameter (= ANY) only
            // after a cast that bypasses the index.
            e.Property(p => p.IdNumber).HasMaxLength(18);
            e.HasIndex(p => p.IdNumber).IsUnique();
            e.HasIndex(p => p.Name);
            e.Property(p => p.Ethnicity).HasMaxLength(20);
            e.Property(p => p.Phone).HasMaxLength(30);
            e.HasQueryFilter(ScopedBy<Person>(p => p.Household));
        });

        b.Entity<HouseholdIncome>(e =>
        {
            e.HasIndex(i => new { i.HouseholdId, i.Year }).IsUnique();
            e.Ignore(i => i.Amounts);
            e.Ignore(i => i.NetIncome);
            e.HasQueryFilter(ScopedBy<HouseholdIncome>(i => i.Household));
        });

        b.Entity<GuaranteeCheck>(e =>
        {
            e.Property(g => g.Evidence).HasMaxLength(500);
            e.HasIndex(g => new { g.HouseholdId, g.Aspect, g.CheckedOn });
            e.HasQueryFilter(ScopedBy<GuaranteeCheck>(g => g.Household));
        });

        b.Entity<NaturalChange>(e =>
        {
            e.Property(c => c.Note).HasMaxLength(500);
            e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(ScopedBy<NaturalChange>(c => c.Household));
        });

        b.Entity<PolicySet>(e =>
        {
            e.Property(p => p.RegionCode).HasMaxLength(6);
            e.HasIndex(p => new { p.RegionCode, p.ValidFrom }).IsUnique();
            e.Ignore(p => p.Parameters);
        });

        b.Entity<MonitoringCase>(e =>
        {
            e.HasOne(c => c.Household).WithMany().HasForeignKey(c => c.HouseholdId);
            e.HasIndex(c => new { c.HouseholdId, c.Episode }).IsUnique();
            e.HasIndex(c => new { c.Stage, c.StageDueOn });
            e.Property(c => c.RiskTypeCodes).HasMaxLength(40);
            e.Property(c => c.ClosingReason).HasMaxLength(500);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Ignore(c => c.RiskTypes);
            e.HasMany(c => c.Steps).WithOne(s => s.Case).HasForeignKey(s => s.CaseId);
            e.HasMany(c => c.Objections).WithOne(o => o.Case).HasForeignKey(o => o.CaseId);
            e.HasQueryFilter(ScopedBy<MonitoringCase>(c => c.Household));
        });

        b.Entity<CaseStep>(e =>
        {
            e.HasIndex(s => new { s.CaseId, s.RecordedAt });
            e.Property(s => s.ActorId).HasMaxLength(450);
            e.Property(s => s.ActorName).HasMaxLength(100);
            e.Property(s => s.Note).HasMaxLength(4000);
            e.HasQueryFilter(ScopedBy<CaseStep>(s => s.Case.Household));
        });

        b.Entity<Objection>(e =>
        {
            e.Property(o => o.RaisedBy).HasMaxLength(100);
            e.Property(o => o.Content).HasMaxLength(2000);
            e.Property(o => o.Response).HasMaxLength(2000);
            e.HasQueryFilter(ScopedBy<Objection>(o => o.Case.Household));
        });

        b.Entity<Lead>(e =>
        {
            e.HasOne(l => l.Household).WithMany().HasForeignKey(l => l.HouseholdId);
            e.HasOne(l => l.Case).WithMany().HasForeignKey(l => l.CaseId);
            e.HasIndex(l => new { l.HouseholdId, l.SourceKey });
            e.HasIndex(l => l.CaseId);
            e.Property(l => l.RecordedById).HasMaxLength(450);
            e.Property(l => l.RecordedByName).HasMaxLength(100);
            e.Property(l => l.Summary).HasMaxLength(2000);
            e.Property(l => l.RiskTypeCodes).HasMaxLength(40);
            e.Property(l => l.Reporter).HasMaxLength(100);
            e.Property(l => l.SourceKey).HasMaxLength(200);
            e.Ignore(l => l.RiskTypes);
            e.HasQueryFilter(ScopedBy<Lead>(l => l.Household));
        });

        b.Entity<IncomeAssessment>(e =>
        {
            e.HasOne(a => a.Household).WithMany().HasForeignKey(a => a.HouseholdId);
            e.HasIndex(a => new { a.HouseholdId, a.AssessedOn });
            e.Property(a => a.RecordedBy).HasMaxLength(100);
            e.Property(a => a.Note).HasMaxLength(1000);
            e.Ignore(a => a.AnnualPerCapita);
            e.HasQueryFilter(ScopedBy<IncomeAssessment>(a => a.Household));
        });

        b.Entity<AssistanceMeasure>(e =>
        {
            e.HasOne(m => m.Household).WithMany().HasForeignKey(m => m.HouseholdId);
            e.HasOne(m => m.Case).WithMany().HasForeignKey(m => m.CaseId);
            e.HasIndex(m => m.HouseholdId);
            e.HasIndex(m => m.CaseId);
            e.Property(m => m.Content).HasMaxLength(1000);
            e.Property(m => m.ResponsibleUnit).HasMaxLength(100);
            e.Property(m => m.ResponsiblePerson).HasMaxLength(50);
            e.Property(m => m.Effect).HasMaxLength(1000);
            e.Property(m => m.CreatedBy).HasMaxLength(100);
            e.Property(m => m.Version).IsConcurrencyToken();
            e.Ignore(m => m.IsImplemented);
            e.Ignore(m => m.Details);
            e.HasQueryFilter(ScopedBy<AssistanceMeasure>(m => m.Household));
        });

        b.Entity<ScreeningRule>(e =>
        {
            e.HasIndex(r => new { r.Key, r.Version }).IsUnique();
            e.HasIndex(r => new { r.Dataset, r.Status });
            e.Property(r => r.Key).HasMaxLength(60);
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.DefinitionJson).HasMaxLength(4000);
            e.Property(r => r.DivisionCode).HasMaxLength(12);
            e.Property(r => r.CreatedBy).HasMaxLength(100);
            e.Property(r => r.Note).HasMaxLength(500);
            e.Ignore(r => r.Definition);
            e.Ignore(r => r.Label);
        });

        // Runs are not household data: an account sees the runs it may (its department's, its divisions'), decided
        // by the use cases; their warnings are scoped like every household table.
        b.Entity<ScreeningRun>(e =>
        {
            e.HasIndex(r => new { r.Dataset, r.StartedAt });
            e.Property(r => r.FileName).HasMaxLength(260);
            e.Property(r => r.StartedById).HasMaxLength(450);
            e.Property(r => r.StartedByName).HasMaxLength(100);
            e.Property(r => r.Department).HasMaxLength(50);
            e.Property(r => r.RuleVersions).HasMaxLength(2000);
            e.Property(r => r.Message).HasMaxLength(1000);
            e.Property(r => r.ScopeCode).HasMaxLength(12);
            e.Property(r => r.ErrorsJson).HasMaxLength(60_000);
            e.Ignore(r => r.Errors);
        });

        b.Entity<AssistanceApplication>(e =>
        {
            e.ToTable("Applications");
            e.HasIndex(a => a.TrackingCode).IsUnique();
            e.HasIndex(a => a.ExternalNumber).IsUnique();
            e.HasIndex(a => new { a.CountyCode, a.FiledOn });
            e.HasIndex(a => a.TownshipCode);
            e.HasIndex(a => a.VillageCode);
            e.HasIndex(a => new { a.Phone, a.FiledAt });
            e.HasIndex(a => a.IdNumber);
            e.Property(a => a.TrackingCode).HasMaxLength(20);
            e.Property(a => a.ExternalNumber).HasMaxLength(60);
            e.Property(a => a.Content).HasMaxLength(AssistanceApplication.ContentMax);
            e.Property(a => a.ApplicantName).HasMaxLength(50);
            e.Property(a => a.IdNumber).HasMaxLength(18);
            e.Property(a => a.Phone).HasMaxLength(20);
            e.Property(a => a.RequesterName).HasMaxLength(50);
            e.Property(a => a.VillageCode).HasMaxLength(12);
            e.Property(a => a.TownshipCode).HasMaxLength(9);
            e.Property(a => a.CountyCode).HasMaxLength(6);
            e.Property(a => a.PrefectureCode).HasMaxLength(4);
            e.Property(a => a.LeadDepartment).HasMaxLength(50);
            e.Property(a => a.CoDepartments).HasMaxLength(600);
            e.Property(a => a.HandlingDivisionCode).HasMaxLength(12);
            e.Property(a => a.Reply).HasMaxLength(AssistanceApplication.ReplyMax);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.Ignore(a => a.CoDepartmentList);
            e.Ignore(a => a.IsOpen);
            e.HasMany(a => a.Steps).WithOne(s => s.Application).HasForeignKey(s => s.ApplicationId);
            e.HasQueryFilter(ApplicationInScope());
        });

        b.Entity<ApplicationStep>(e =>
        {
            e.HasIndex(s => new { s.ApplicationId, s.At });
            e.Property(s => s.ActorName).HasMaxLength(100);
            e.Property(s => s.Note).HasMaxLength(AssistanceApplication.ReplyMax);
            e.HasQueryFilter(s => ScopeUnrestricted || (s.Application.VillageCode != null && ScopeCodes.Contains(s.Application.VillageCode))
                || (s.Application.TownshipCode != null && ScopeCodes.Contains(s.Application.TownshipCode))
                || ScopeCodes.Contains(s.Application.CountyCode) || ScopeCodes.Contains(s.Application.PrefectureCode));
        });

        // The dashboard's figures (ADR 0012): unscoped tables, read only for a division the user's scope covers.
        b.Entity<DivisionFigure>(e =>
        {
            e.HasKey(f => new { f.DivisionCode, f.Key });
            e.Property(f => f.DivisionCode).HasMaxLength(12);
            e.Property(f => f.Key).HasMaxLength(40);
        });
        b.Entity<UnitFigure>(e =>
        {
            e.HasKey(f => new { f.UnitCode, f.Key });
            e.Property(f => f.UnitCode).HasMaxLength(12);
            e.Property(f => f.Key).HasMaxLength(40);
        });
        b.Entity<FigureUnit>(e =>
        {
            e.HasKey(u => u.UnitCode);
            e.Property(u => u.UnitCode).HasMaxLength(12);
        });
        b.Entity<FigureChange>(e =>
        {
            e.HasIndex(c => c.UnitCode);
            e.Property(c => c.UnitCode).HasMaxLength(12);
        });
        b.Entity<RiskGap>(e =>
        {
            // By unit and case: a household moved away is still under its old village until that one is counted again.
            e.HasKey(g => new { g.UnitCode, g.CaseId });
            e.HasIndex(g => new { g.UnitCode, g.IdentifiedOn });
            // A province's list: the earliest identified first, read in order instead of sorting all of its gaps.
            e.HasIndex(g => new { g.IdentifiedOn, g.CaseId });
            e.Property(g => g.UnitCode).HasMaxLength(12);
            e.Property(g => g.HouseholdNumber).HasMaxLength(40);
            e.Property(g => g.MissingRiskCodes).HasMaxLength(60);
        });

        // The audit trail: ids given by the database as entries are written, places in the chain (Seq) by the sealer;
        // searched by household, user and time. The sealer finds the entries still to seal through a small filtered index.
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditTrail");
            e.HasIndex(a => a.Seq).IsUnique();
            e.HasIndex(a => a.Id).HasFilter("\"Hash\" = ''").HasDatabaseName("IX_AuditTrail_Unsealed");
            e.HasIndex(a => a.HouseholdId);
            e.HasIndex(a => new { a.UserName, a.At });
            e.HasIndex(a => a.At);
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Role).HasMaxLength(20);
            e.Property(a => a.Address).HasMaxLength(64);
            e.Property(a => a.Action).HasMaxLength(10);
            e.Property(a => a.Entity).HasMaxLength(60);
            e.Property(a => a.EntityKey).HasMaxLength(200);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
        });

        // A snapshot belongs to the division it was frozen for, seen by the accounts whose scope covers that division
        // (DataScope.Covers as equality tests on the codes above it). No foreign key to Divisions: what was reported
        // stays on record even if the division table is later reorganised.
        b.Entity<ReportSnapshot>(e =>
        {
            e.HasIndex(s => new { s.Kind, s.DivisionCode, s.PeriodKind, s.PeriodEnd, s.Variant, s.Version }).IsUnique();
            e.HasIndex(s => s.CountyCode);
            e.HasIndex(s => s.TownshipCode);
            e.Property(s => s.DivisionCode).HasMaxLength(12);
            e.Property(s => s.ProvinceCode).HasMaxLength(2);
            e.Property(s => s.PrefectureCode).HasMaxLength(4);
            e.Property(s => s.CountyCode).HasMaxLength(6);
            e.Property(s => s.TownshipCode).HasMaxLength(9);
            e.Property(s => s.Variant).HasMaxLength(20);
            e.Property(s => s.Reason).HasMaxLength(FreezeReport.ReasonMax);
            e.Property(s => s.FrozenById).HasMaxLength(450);
            e.Property(s => s.FrozenByName).HasMaxLength(100);
            e.Property(s => s.Note).HasMaxLength(ReportSnapshot.NoteMax);
            e.Ignore(s => s.Period);
            e.HasQueryFilter(s => ScopeUnrestricted || ScopeCodes.Contains(s.DivisionCode) || ScopeCodes.Contains(s.ProvinceCode)
                || (s.PrefectureCode != null && ScopeCodes.Contains(s.PrefectureCode))
                || (s.CountyCode != null && ScopeCodes.Contains(s.CountyCode))
                || (s.TownshipCode != null && ScopeCodes.Contains(s.TownshipCode)));
        });

        b.Entity<ScreeningWarning>(e =>
        {
            e.HasOne(w => w.Run).WithMany().HasForeignKey(w => w.RunId);
            e.HasOne<ScreeningRule>().WithMany().HasForeignKey(w => w.RuleId);
            e.HasOne(w => w.Household).WithMany().HasForeignKey(w => w.HouseholdId);
            e.HasIndex(w => w.RunId);
            e.HasIndex(w => new { w.HouseholdId, w.SourceKey });
            e.HasIndex(w => w.LeadId);
            e.Property(w => w.RuleKey).HasMaxLength(60);
            e.Property(w => w.SourceRows).HasMaxLength(400);
            e.Property(w => w.SourceFile).HasMaxLength(260);
            e.Property(w => w.Explanation).HasMaxLength(1000);
            e.Property(w => w.SourceKey).HasMaxLength(200);
            e.HasQueryFilter(ScopedBy<ScreeningWarning>(w => w.Household));
        });
    }
}

public enum DatabaseProvider { Sqlite, Postgres }
