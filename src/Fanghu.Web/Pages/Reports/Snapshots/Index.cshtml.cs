using System.Globalization;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Reports;
using Fanghu.Web.Accounts;
using Fanghu.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fanghu.Web.Pages.Reports.Snapshots;

/// <summary>The freeze form's fields; the period is put together from its kind, year and month.</summary>
public sealed class FreezeInput
{
    public ReportKind Kind { get; set; } = ReportKind.Monitoring;
    public string? Division { get; set; }
    public PeriodKind PeriodKind { get; set; } = PeriodKind.Month;
    public int? Year { get; set; }
    public int? Month { get; set; }
    public string? HouseholdType { get; set; }
    public string? Note { get; set; }
    public string? Correction { get; set; }

    /// <summary>2025-12 or 2025, as FreezeReport reads it; blank when the year is missing (FreezeReport then asks for it).</summary>
    public string Period => Year is not { } y ? ""
        : PeriodKind == PeriodKind.Year ? y.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{y}-{Month ?? 0:00}");
}

/// <summary>
/// 报表冻结: the frozen reports of the user's divisions, newest first, and — for county, prefecture and administrator
/// accounts — the form that freezes a report for an ended month or year (FreezeReport decides; the page only binds,
/// calls it and redirects to the new snapshot).
/// </summary>
public sealed class IndexModel(ListSnapshots list, FreezeReport freeze, ReportPlaces places, TimeProvider clock) : PageModel
{
    /// <summary>Shows only the snapshots of this division and those under it; also the form's first division.</summary>
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }

    /// <summary>Which report the form starts on (the report pages link here with theirs).</summary>
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    [BindProperty] public FreezeInput Freeze { get; set; } = new();

    public IReadOnlyList<ListSnapshots.Row> Rows { get; private set; } = [];
    public IReadOnlyList<ListDivisions.DivisionRow> Choices { get; private set; } = [];
    public string? ListError { get; private set; }
    public bool MayFreeze { get; private set; }
    public int ThisYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        // The last ended month is what is usually frozen: last month, in the year it belongs to.
        // The income report is frozen by year only: it starts on last year.
        var lastMonth = today.AddDays(-today.Day);
        var kind = ReportSnapshot.TryKind(Kind, out var k) ? k : ReportKind.Monitoring;
        Freeze = new FreezeInput
        {
            Kind = kind,
            Division = Division,
            PeriodKind = kind == ReportKind.Income ? PeriodKind.Year : PeriodKind.Month,
            Year = kind == ReportKind.Income ? today.Year - 1 : lastMonth.Year,
            Month = lastMonth.Month,
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // FreezeReport refuses a role that may not freeze, with its reason; the page shows it like any refusal.
        var result = await freeze.HandleAsync(FanghuClaims.ActorOf(User), new FreezeReport.Request(ReportSnapshot.WordOf(Freeze.Kind),
            Freeze.Division, Freeze.Period, Freeze.Kind == ReportKind.Income ? Freeze.HouseholdType : null, Freeze.Note, Freeze.Correction), ct);
        if (result.Ok) return Redirect($"/Reports/Snapshots/{result.Snapshot.Id}");

        ModelState.AddModelError(nameof(Freeze), result.Message);
        Response.StatusCode = SnapshotsApi.StatusOf(result.Refused);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ThisYear = clock.Today().Year;
        MayFreeze = Policies.MayFreezeReports(User);
        Choices = await places.OwnAsync(User, ct);
        if (string.IsNullOrWhiteSpace(Freeze.Division)) Freeze.Division = Choices.FirstOrDefault()?.Code;
        var listed = await list.HandleAsync(Division, ct);
        Rows = listed.Rows;
        ListError = listed.Error;
    }
}
