namespace Fanghu.Web.Imports;

public static class ImportLimits
{
    /// <summary>A prefecture's persons file as XLSX stays well below this.</summary>
    public const long MaxBytes = 200L * 1024 * 1024;
}

/// <summary>
/// Where uploads and rejected-row files live between the request that made them and the download: a
/// folder under the system temp directory, with random names that the download checks strictly.
/// </summary>
public sealed class ImportFiles
{
    private static readonly string[] Extensions = [".csv", ".xlsx"];

    public ImportFiles(IConfiguration config)
    {
        Folder = config["Imports:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "fanghu-imports");
        Directory.CreateDirectory(Folder);
        // Rejected-row files hold full ID numbers: they live a day, long enough to download and fix.
        foreach (var old in new DirectoryInfo(Folder).EnumerateFiles().Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
            old.Delete();
    }

    public string Folder { get; }

    public static bool IsAllowed(string fileName) =>
        Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);

    public string NewUploadPath(string originalName) =>
        Path.Combine(Folder, $"{Guid.NewGuid():N}{Path.GetExtension(originalName).ToLowerInvariant()}");

    /// <summary>Rejected rows are always written as CSV (UTF-8 with BOM), whatever the upload was.</summary>
    public string RejectedPathFor(string uploadPath) =>
        Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(uploadPath)}-rejected.csv");

    /// <summary>The rejected-rows file by its name, or null when the name is not one we could have made.</summary>
    public string? FindRejected(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 60) return null;
        var stem = Path.GetFileNameWithoutExtension(name);
        if (!stem.EndsWith("-rejected", StringComparison.Ordinal) || !Guid.TryParseExact(stem[..^"-rejected".Length], "N", out _)) return null;
        if (!name.EndsWith(".csv", StringComparison.Ordinal)) return null;
        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : null;
    }
}
