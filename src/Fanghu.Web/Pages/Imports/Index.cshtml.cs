using Fanghu.Data;
using Fanghu.Imports;
using Fanghu.Web;
using Fanghu.Web.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Imports;

/// <summary>
/// Upload a template file (DESIGN §9) and see what the import did. Only county, prefecture and admin
/// accounts reach this page (folder policy in Program). The import writes through the request's context,
/// so it sees only the user's own scope.
/// </summary>
[RequestSizeLimit(ImportLimits.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxBytes)]
public sealed class IndexModel(FanghuDbContext db, ImportFiles files, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ImportKind Kind { get; set; } = ImportKind.Persons;
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool SkipInvalid { get; set; }

    public ImportReport? Report { get; private set; }
    public string? FileName { get; private set; }
    public string? RejectedFile { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(string.Empty, l["Import.NoFile"]);
            return Page();
        }
        if (!ImportFiles.IsAllowed(Upload.FileName))
        {
            ModelState.AddModelError(string.Empty, l["Import.WrongType"]);
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        var path = files.NewUploadPath(Upload.FileName);
        var rejectedPath = files.RejectedPathFor(path);
        try
        {
            await using (var target = System.IO.File.Create(path))
                await Upload.CopyToAsync(target, ct);
            var runner = new ImportRunner(db);
            Report = await runner.RunAsync(Kind, path, new ImportOptions(SkipInvalid, rejectedPath, FileName), ct);
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        RejectedFile = Report.RejectedRowsFile is null ? null : Path.GetFileName(rejectedPath);
        // The result is shown on this response rather than after a redirect: the report is too large for
        // TempData, and posting the same file again changes nothing (imports are idempotent, DESIGN §9).
        return Page();
    }

    public IActionResult OnGetRejected(string? name)
    {
        var path = files.FindRejected(name);
        if (path is null) return NotFound();
        return PhysicalFile(path, "text/csv; charset=utf-8", l["Import.RejectedFileName", ".csv"]);
    }
}
