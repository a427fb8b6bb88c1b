using Fanghu.Accounts;
using Fanghu.Applications;
using Fanghu.Divisions;
using Fanghu.Monitoring;
using Fanghu.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Fanghu.Web.Pages.Monitoring;

/// <summary>
/// 督办: what is overdue in a division, by the divisions under it, with this level's own late items and those
/// escalated from below, and the residents' applications left unresolved past their days in the divisions below. A
/// division outside the user's scope is refused (403) rather than shown empty.
/// </summary>
public sealed class BoardModel(SupervisionBoard board, EscalatedApplications applications, ListDivisions divisions, DataScope scope,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }

    public SupervisionBoard.Result? Board { get; private set; }

    /// <summary>救助申请 escalated to this level; none for a village, which has no level below it.</summary>
    public EscalatedApplications.Result? Applications { get; private set; }

    public string? Refusal { get; private set; }

    /// <summary>The user's own divisions (an account may cover several villages), offered as tabs when there are more than one.</summary>
    public IReadOnlyList<ListDivisions.DivisionRow> Mine { get; private set; } = [];

    /// <summary>The parent division, when the user may look there too.</summary>
    public string? Up { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var mine = FanghuClaims.DivisionsOf(User);
        if (mine.Count > 1) Mine = await divisions.NamesAsync(mine, ct);
        var requested = Division?.Trim();
        if (string.IsNullOrEmpty(requested))
            requested = mine.FirstOrDefault()
                ?? (await divisions.HandleAsync(null, ct)).Select(d => d.Code).FirstOrDefault();
        if (requested is null) return Refuse(StatusCodes.Status404NotFound, l["Board.NoDivision"]);
        if (!DivisionCode.TryParse(requested, out var code, out var error)) return Refuse(StatusCodes.Status400BadRequest, error);
        if (!scope.Covers(code.Value)) return Refuse(StatusCodes.Status403Forbidden, l["Board.OutOfScope", code.Value]);

        Board = await board.HandleAsync(code, ct);
        if (Board is null) return Refuse(StatusCodes.Status404NotFound, l["Board.NotFound", code.Value]);
        if (code.Level < DivisionLevel.Village) Applications = await applications.HandleAsync(code, ct);
        Division = code.Value;
        Up = code.ParentPrefix is { } parent && scope.Covers(parent) ? parent : null;
        return Page();
    }

    /// <summary>The board's tables as an XLSX download (DESIGN §8: every table exports to XLSX); a refusal shows the page.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        var page = await OnGetAsync(ct);
        if (Board is not { } board || Refusal is not null) return page;
        using var buffer = new MemoryStream();
        SupervisionBoardXlsx.Write(buffer, board);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"{SupervisionBoardXlsx.What}-{board.DivisionName ?? board.DivisionCode}-{board.Today:yyyyMMdd}.xlsx");
    }

    public string XlsxLink => $"/Monitoring/Board?handler=Xlsx&division={Uri.EscapeDataString(Division ?? "")}";

    private PageResult Refuse(int status, string message)
    {
        Refusal = message;
        Response.StatusCode = status;
        return Page();
    }
}
