using Fanghu.Imports;
using Fanghu.Monitoring;
using Fanghu.Reports;
using Fanghu.Screening;
using Fanghu.Web.Accounts;
using Fanghu.Web.Imports;
using Fanghu.Web.Pages.Monitoring;
using Fanghu.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Screening;

public sealed class DraftInput
{
    public DatasetKind? Dataset { get; set; }
    public IFormFile? Upload { get; set; }
    public DateOnly? AsOf { get; set; }
}

public sealed class IncomeLineInput
{
    public int? Year { get; set; }
    public decimal? Line { get; set; }
}

/// <summary>
/// 模拟测算 (§6 what-if): screens a file with the draft rules next to the rules in force, or counts a year's incomes
/// against a different line, and shows per county and township how many households each would flag. Nothing is
/// written, so the answer is the POST's own page (no PRG: there is nothing to redirect to) and the uploaded file is
/// deleted before the page is sent.
/// </summary>
[RequestSizeLimit(ImportLimits.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxBytes)]
public sealed partial class WhatIfModel(WhatIf whatIf, IncomeLineWhatIf incomeLine, ImportFiles files, ReportPlaces places, TimeProvider clock,
    IStringLocalizer<SharedResource> l, ILogger<WhatIfModel> log) : PageModel
{
    [BindProperty] public DraftInput Draft { get; set; } = new();
    [BindProperty] public IncomeLineInput Income { get; set; } = new();

    /// <summary>The datasets whose draft rules the account may try: those it may upload (WhatIf's own rule).</summary>
    public IReadOnlyList<DatasetType> Datasets { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public WhatIfResult? DraftResult { get; private set; }
    public WhatIfResult? IncomeResult { get; private set; }

    /// <summary>WhatIf refused the file (above all: the dataset has no draft rule yet); the page points to the rules.</summary>
    public bool DraftRefused { get; private set; }

    public void OnGet()
    {
        Show();
        Draft.AsOf = Today;
        Income.Year = Today.Year - 1;
    }

    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        if (!Policies.MayUploadScreening(User)) return Forbid();
        Show();
        var dataset = Draft.Dataset is { } kind && Enum.IsDefined(kind) ? DatasetTypes.Of(kind) : null;
        if (dataset is null)
        {
            if (!Invalid("Draft.Dataset")) ModelState.AddModelError("Draft.Dataset", l["Validation.Required", l["Screening.Dataset"]]);
        }
        else if (!Datasets.Contains(dataset))
            ModelState.AddModelError("Draft.Dataset", l["Screening.NotYourDataset", dataset.Name, dataset.Department]);
        if (Draft.Upload is not { Length: > 0 })
            ModelState.AddModelError("Draft.Upload", l["Screening.NoFile"]);
        else if (!ImportFiles.IsAllowed(Draft.Upload.FileName))
            ModelState.AddModelError("Draft.Upload", l["Import.WrongType"]);
        if (Draft.AsOf is null)
        {
            if (!Invalid("Draft.AsOf")) ModelState.AddModelError("Draft.AsOf", l["Validation.Required", l["Screening.AsOf"]]);
        }
        else if (Draft.AsOf > Today)
            ModelState.AddModelError("Draft.AsOf", l["Screening.AsOfFuture"]);
        if (!ModelState.IsValid) return Page();

        var path = files.NewUploadPath(Draft.Upload!.FileName);
        try
        {
            await using (var target = System.IO.File.Create(path))
                await Draft.Upload.CopyToAsync(target, ct);
            var options = new ScreeningOptions(FanghuClaims.ActorOf(User), FanghuClaims.DepartmentOf(User), Draft.AsOf,
                FileName: Path.GetFileName(Draft.Upload.FileName));
            DraftResult = await whatIf.HandleAsync(dataset!, path, options, ct);
        }
        catch (WorkflowRuleException e)
        {
            ModelState.AddModelError(nameof(Draft), e.Message);
            DraftRefused = true;
        }
        finally
        {
            try { System.IO.File.Delete(path); }
            catch (IOException e) { LogUploadNotDeleted(log, e, path); }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostIncomeAsync(CancellationToken ct)
    {
        if (!Policies.MayTryIncomeLine(User)) return Forbid();
        Show();
        if (Income.Year is null && !Invalid("Income.Year"))
            ModelState.AddModelError("Income.Year", l["Validation.Required", l["Screening.WhatIf.Year"]]);
        if (Income.Line is null)
        {
            if (!Invalid("Income.Line")) ModelState.AddModelError("Income.Line", l["Validation.Required", l["Screening.WhatIf.Line"]]);
        }
        else if (Income.Line <= 0)
            ModelState.AddModelError("Income.Line", l["Screening.WhatIf.LinePositive"]);
        if (!ModelState.IsValid) return Page();

        await Refusals.TryAsync(ModelState, nameof(Income), async () =>
            IncomeResult = await incomeLine.HandleAsync(Income.Year!.Value, Income.Line!.Value, ct));
        return Page();
    }

    /// <summary>The draft what-if's answer as an XLSX download; with errors in the form, or a refusal, the page.</summary>
    public async Task<IActionResult> OnPostDraftXlsxAsync(CancellationToken ct)
    {
        var page = await OnPostDraftAsync(ct);
        if (DraftResult is not { } result) return page;
        return await XlsxAsync(result, SpreadsheetExport.AsOf(Draft.AsOf!.Value), ct);
    }

    /// <summary>The income line what-if's answer as an XLSX download; with errors in the form, or a refusal, the page.</summary>
    public async Task<IActionResult> OnPostIncomeXlsxAsync(CancellationToken ct)
    {
        var page = await OnPostIncomeAsync(ct);
        if (IncomeResult is not { } result) return page;
        return await XlsxAsync(result, SpreadsheetExport.AsOf(Today), ct);
    }

    private async Task<IActionResult> XlsxAsync(WhatIfResult result, string when, CancellationToken ct)
    {
        var title = await places.ExportTitleAsync(User, $"{result.Dataset}模拟测算", when, ct);
        using var buffer = new MemoryStream();
        ScreeningXlsx.WriteWhatIf(buffer, title, result);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"模拟测算-{result.Dataset}-{Today:yyyyMMdd}.xlsx");
    }

    private bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    private void Show()
    {
        Today = clock.Today();
        Datasets = IndexModel.DatasetsFor(User);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the what-if upload {Path}")]
    private static partial void LogUploadNotDeleted(ILogger logger, Exception exception, string path);
}
