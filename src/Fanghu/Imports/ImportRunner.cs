using Fanghu.Data;

namespace Fanghu.Imports;

/// <summary>Runs one import of a template file (CSV UTF-8/GBK or XLSX) against the database.</summary>
public sealed class ImportRunner(FanghuDbContext db)
{
    public Task<ImportReport> RunAsync(ImportKind kind, string path, ImportOptions options, CancellationToken ct = default)
    {
        _ = db;
        throw new NotImplementedException("being written");
    }
}
