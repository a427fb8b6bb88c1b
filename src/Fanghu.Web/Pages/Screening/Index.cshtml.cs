using Fanghu.Imports;
using Fanghu.Monitoring;
using Fanghu.Registry;
using Fanghu.Screening;
using Fanghu.Web.Accounts;
using Fanghu.Web.Imports;
using Fanghu.Web.Screening;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Screening;

public sealed class UploadInput
{
    public DatasetKind? Dataset { get; set; }
    public IFormFile? Upload { get; set; }
    public DateOnly? AsOf { get; set; }
    public bool SkipInvalid { get; set; }
}

/// <summary>
/// 部门筛查: upload a department file (a department account only its own department's datasets) and follow the runs.
/// The file is screened in the background; the upload returns as soon as the run is recorded and goes to its page.
/// </summary>
[RequestSizeLimit(ImportLimits.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxBytes)]
public sealed class IndexModel(ListRuns list, ScreeningJobs jobs, ImportFiles files, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    /// <summary>How long the upload waits for its run to be recorded before saying it is queued behind others.</summary>
    private static readonly TimeSpan WaitForStart = TimeSpan.FromSeconds(20);

    [BindProperty] public UploadInput Screen { get; set; } = new();

    /// <summary>From the query only: Razor Pages' own route value is also called “page”, and a posted form must not bind it.</summary>
    public int? PageNumber => int.TryParse(Request.Query["page"], out var n) ? n : null;

    public IReadOnlyList<DatasetType> Datasets { get; private set; } = [];
    public Paged<ListRuns.Row> Runs { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public DateTimeOffset Now { get; private set; }

    /// <summary>Today in China, the latest screening date (the server's own zone is a day behind from 16:00 UTC).</summary>
    public DateOnly Today => clock.Today();

    [TempData] public string? Notice { get; set; }

    public Func<int, string> PageLink => p => $"/Screening?page={p}";

    /// <summary>The datasets the account may upload: a department's own, every one for county and admin, none for the prefecture.</summary>
    public static IReadOnlyList<DatasetType> DatasetsFor(System.Security.Claims.ClaimsPrincipal user)
    {
        if (!Policies.MayUploadScreening(user)) return [];
        if (FanghuClaims.RoleOf(user) != Fanghu.Accounts.Role.Department) return DatasetTypes.All;
        var department = FanghuClaims.DepartmentOf(user);
        return [.. DatasetTypes.All.Where(d => d.Department == department)];
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Screen.AsOf = clock.Today();
        await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Policies.MayUploadScreening(User)) return Forbid();
        Datasets = DatasetsFor(User);
        var dataset = Screen.Dataset is { } kind && Enum.IsDefined(kind) ? DatasetTypes.Of(kind) : null;
        if (dataset is null)
        {
            if (!Invalid("Screen.Dataset")) ModelState.AddModelError("Screen.Dataset", l["Validation.Required", l["Screening.Dataset"]]);
        }
        else if (!Datasets.Contains(dataset))
            ModelState.AddModelError("Screen.Dataset", l["Screening.NotYourDataset", dataset.Name, dataset.Department]);
        if (Screen.Upload is not { Length: > 0 })
            ModelState.AddModelError("Screen.Upload", l["Screening.NoFile"]);
        else if (!ImportFiles.IsAllowed(Screen.Upload.FileName))
            ModelState.AddModelError("Screen.Upload", l["Import.WrongType"]);
        if (Screen.AsOf is null)
        {
            if (!Invalid("Screen.AsOf")) ModelState.AddModelError("Screen.AsOf", l["Validation.Required", l["Screening.AsOf"]]);
        }
        else if (Screen.AsOf > clock.Today())
            ModelState.AddModelError("Screen.AsOf", l["Screening.AsOfFuture"]);
        if (!ModelState.IsValid)
        {
            await ShowAsync(ct);
            return Page();
        }

        var path = files.NewUploadPath(Screen.Upload!.FileName);
        await using (var target = System.IO.File.Create(path))
            await Screen.Upload.CopyToAsync(target, ct);
        var job = jobs.Enqueue(new ScreeningUpload(dataset!, path, Path.GetFileName(Screen.Upload.FileName), Screen.AsOf!.Value, Screen.SkipInvalid,
            FanghuClaims.ActorOf(User), FanghuClaims.DepartmentOf(User), UserScope.From(User)));
        try
        {
            var runId = await job.Started.WaitAsync(WaitForStart, ct);
            return Redirect($"/Screening/Run/{runId}");
        }
        catch (TimeoutException)
        {
            Notice = l["Screening.Queued"];
            return RedirectToPage();
        }
        catch (WorkflowRuleException e)
        {
            // ScreenFile's own refusal (the checks above make it rare): the file was never screened.
            ModelState.AddModelError("Screen", e.Message);
            await ShowAsync(ct);
            return Page();
        }
    }

    private bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    private async Task ShowAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Datasets = DatasetsFor(User);
        Runs = await list.HandleAsync(Policies.RunViewerOf(User), PageNumber, ct);
    }
}
