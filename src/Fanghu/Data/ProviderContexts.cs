using Fanghu.Accounts;
using Fanghu.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fanghu.Data;

/// <summary>The model on SQLite, with its own migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteFanghuDbContext(DbContextOptions<SqliteFanghuDbContext> options, DataScope scope)
    : FanghuDbContext(options, scope)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // The figures' AFTER triggers (FigureTriggers): SQLite's RETURNING cannot be used on their tables.
        foreach (var entity in b.Model.GetEntityTypes().ToList())
            if (entity.GetTableName() is { } table && FigureTriggers.Tables.Contains(table))
                b.Entity(entity.ClrType).ToTable(t => t.UseSqlReturningClause(false));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // SQLite has no decimal type; as REAL it can still be summed and ordered in SQL.
        c.Properties<decimal>().HaveConversion<double>();
        c.Properties<decimal?>().HaveConversion<double?>();
    }
}

/// <summary>The model on PostgreSQL, with its own migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresFanghuDbContext(DbContextOptions<PostgresFanghuDbContext> options, DataScope scope)
    : FanghuDbContext(options, scope)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<decimal>().HavePrecision(14, 2);
        c.Properties<decimal?>().HavePrecision(14, 2);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFanghuDbContext>
{
    public SqliteFanghuDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFanghuDbContext>().UseSqlite("Data Source=design.db").Options, DataScope.All);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFanghuDbContext>
{
    public PostgresFanghuDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFanghuDbContext>().UseNpgsql("Host=localhost;Database=fanghu_design").Options, DataScope.All);
}
