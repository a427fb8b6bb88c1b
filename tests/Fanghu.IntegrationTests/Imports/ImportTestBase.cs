using Fanghu.Accounts;
using Fanghu.Imports;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Imports;

/// <summary>A fresh database with the test divisions, and a folder for the test's files.</summary>
public abstract class ImportTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;
    protected string Folder { get; } = Directory.CreateTempSubdirectory("fanghu-import-").FullName;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(ImportKind.Divisions, Write("divisions.csv", Synthetic.DivisionsCsv));
        Assert.Equal(ImportOutcome.Imported, report.Outcome);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    protected string Write(string name, string content, System.Text.Encoding? encoding = null) =>
        Synthetic.WriteFile(Folder, name, content, encoding);

    protected async Task<ImportReport> ImportAsync(ImportKind kind, string path, bool skipInvalid = false, DataScope? scope = null)
    {
        await using var db = Database.Context(scope);
        return await new ImportRunner(db).RunAsync(kind, path, new ImportOptions(skipInvalid));
    }

    /// <summary>Every person as one comparable line, to prove two states of the database are the same.</summary>
    protected async Task<List<string>> PersonsSnapshotAsync()
    {
        await using var db = Database.Context();
        var people = await db.Persons.AsNoTracking().OrderBy(p => p.IdNumber)
            .Select(p => new
            {
                p.IdNumber,
                p.Name,
                p.Household.Number,
                p.Household.VillageCode,
                p.Household.Group,
                p.Household.Type,
                HouseholdPhone = p.Household.Phone,
                p.Relation,
                p.Health,
                p.DisabilityGrade,
                p.Labour,
                p.Schooling,
                p.Employment,
                p.MonthsWorked,
                p.MedicalInsurance,
                p.SeriousIllnessInsurance,
                p.Ethnicity,
                p.Phone,
                p.Gender,
                p.BirthDate,
                p.Status,
            })
            .ToListAsync();
        return people.Select(p => p.ToString() ?? "").ToList();
    }
}
