using static Fanghu.IntegrationTests.Web.ScopeMatrix.Who;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// Who may use each page handler and API route, and which record an address names, as DESIGN §1 puts it. The scope
/// matrix test walks every endpoint of the routing table as every role against this table: an endpoint without a row
/// fails it, so a new page or route must be added here (one line) before the suite passes.
/// <para>
/// "Allowed" is what the request may get past: the sign-in, the folder's policy and a handler's own role check. For
/// the steps of a case or an application, which of the allowed roles may take which step is the workflow's own rule
/// (MonitoringCase, ActOnApplication refuse the others with a message; WorkflowScenarioTests, ApplicationPagesTests):
/// the walk sends empty forms, so it checks that nobody else gets that far and that no record outside the divisions is
/// reached, not each step's rule.
/// </para>
/// </summary>
public static class ScopeMatrix
{
    [Flags]
    public enum Who
    {
        Nobody = 0,
        Anonymous = 1,
        Village = 2,
        Township = 4,
        County = 8,
        Prefecture = 16,
        Department = 32,
        Auditor = 64,
        Admin = 128,

        /// <summary>Any signed-in account.</summary>
        Staff = Village | Township | County | Prefecture | Department | Auditor | Admin,

        /// <summary>Residents have no account (§7): the public pages.</summary>
        Everyone = Anonymous | Staff,

        /// <summary>Individual households, persons and cases: everyone but department data officers, who see outcomes in aggregate (§1).</summary>
        HouseholdReaders = Staff & ~Department,

        /// <summary>§6: department data officers for their datasets, the county runs screening, the prefecture reads (and versions rules), the auditor reads everything in scope.</summary>
        ScreeningReaders = Department | County | Prefecture | Auditor | Admin,

        /// <summary>Uploading a department file, cancelling a run: departments, county bureaus, administrators (ScreenFile.Roles).</summary>
        ScreeningRunners = Department | County | Admin,
    }

    /// <summary>The kind of record the address's {id} names; Division: the {division} of the query (a report's, a board's).</summary>
    public enum Names { None, Household, Person, Case, Application, Run, Snapshot, Division }

    /// <param name="Key">As the routing table names it: "GET /api/v1/cases/{id}", "POST /Monitoring/Case?handler=Approve".</param>
    /// <param name="Query">Added to the address so that the request is a complete one; {division} is the division asked for, {id} the record.</param>
    /// <param name="AlsoFine">
    /// Statuses an allowed request may also get, for a record inside or outside (302: a redirect anywhere; 404: the walk
    /// names no such file; 200 outside: a list that leaves out what is outside). No record outside may show in any case.
    /// </param>
    /// <param name="NotAForm">A POST handler no form posts to, exempt from antiforgery (the error page re-executes a failed POST).</param>
    public sealed record Row(string Key, Who Allowed, Names Record = Names.None, string? Query = null, int[]? AlsoFine = null,
        bool NotAForm = false);

    private const string ForDivision = "division={division}";

    public static readonly Row[] Rows =
    [
        // ── Public: the resident has no account (§1 resident, §7), signing in, errors, health, API description ──
        new("GET /Apply/Index", Everyone),
        new("POST /Apply/Index", Everyone),
        new("GET /Apply/Filed", Everyone),
        new("GET /Apply/Track", Everyone),
        new("POST /Apply/Track", Everyone),
        new("POST /Apply/Track?handler=Confirm", Everyone),
        new("POST /Apply/Track?handler=Reopen", Everyone),
        new("POST /Apply/Track?handler=Forget", Everyone),
        new("GET /Account/Login", Everyone),
        new("POST /Account/Login", Everyone),
        new("GET /Account/TwoFactor", Everyone, AlsoFine: [302]), // without a password just checked: back to the sign-in page
        new("POST /Account/TwoFactor", Everyone, AlsoFine: [302]),
        new("GET /Error", Everyone),
        new("POST /Error", Everyone, NotAForm: true),
        new("* /healthz", Everyone),
        new("GET /openapi/{documentName}.json", Everyone),
        new("GET /culture/{name}", Everyone),

        // ── Any signed-in account: the start page, its own two-factor enrolment, signing out, reporting a lead ──
        new("GET /Index", Staff),
        new("GET /Account/TwoFactorSetup", Staff),
        new("POST /Account/TwoFactorSetup", Staff),
        new("GET /Account/Logout", Staff),
        new("POST /Account/Logout", Staff, AlsoFine: [302]), // signed out: to the sign-in page
        // Any role may report a lead; the channel decides which (RecordLead.RolesFor): a department only its warnings.
        new("POST /api/v1/leads", Staff),

        // ── Registry §3: individual households and persons — every role but department (§1) ──
        new("GET /Registry/Households", HouseholdReaders),
        new("GET /Registry/Household", HouseholdReaders, Names.Household),
        new("GET /api/v1/divisions", HouseholdReaders),
        new("GET /api/v1/households", HouseholdReaders),
        new("GET /api/v1/households/{id}", HouseholdReaders, Names.Household),
        new("GET /api/v1/households/{id}/timeline", HouseholdReaders, Names.Household),
        new("GET /api/v1/persons", HouseholdReaders),

        // ── Personal data (issue 8, ADR 0017): a full ID number or phone shown with a stated reason, logged — the roles that
        //    work households and the auditor; a department only for the applicant of an application it handles ──
        new("GET /Reveal/Index", Village | Township | County | Auditor | Admin, Names.Household, "Record=Household&id={id}&Field=Phone"),
        new("POST /Reveal/Index", Village | Township | County | Auditor | Admin, Names.Household, "Record=Household&id={id}&Field=Phone"),
        new("POST /api/v1/persons/{id}/reveal", Village | Township | County | Auditor | Admin, Names.Person),
        new("POST /api/v1/households/{id}/reveal", Village | Township | County | Auditor | Admin, Names.Household),
        new("POST /api/v1/applications/{id}/reveal", Staff & ~Prefecture, Names.Application),

        // ── Audit log §1: the auditor reads the trail of its divisions, the administrator all of it ──
        new("GET /Audit/Index", Auditor | Admin),
        new("GET /api/v1/audit", Auditor | Admin),

        // ── Imports §9: the county imports data (§1), the administrator too ──
        new("GET /Imports/Index", County | Admin),
        new("POST /Imports/Index", County | Admin),
        new("GET /Imports/Index?handler=Rejected", County | Admin, AlsoFine: [404]), // the file of rejected rows of an import (none here)

        // ── Monitoring workflow §5: cases are individual households — every role but department. Which step a role
        //    takes is the workflow's rule: village verifies, reviews, proposes elimination; township reviews
        //    (审核); county approves (审定); prefecture supervises, no case edits; auditor reads ──
        new("GET /Monitoring/Index", HouseholdReaders),
        new("GET /Monitoring/Board", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Monitoring/Board?handler=Xlsx", HouseholdReaders, Names.Division, ForDivision),
        // 走访登记: the roles that record a cadre visit or a self-declaration (RecordLead.RolesFor) — village, and the township
        // and county officers who visit too; not the supervising, reading or administering roles.
        new("GET /Monitoring/Visit", Village | Township | County),
        new("POST /Monitoring/Visit", Village | Township | County),
        new("GET /Monitoring/Case", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Verify", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Suggest", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Review", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Objection", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Answer", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=CloseNotice", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Approve", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Return", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=Measure", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Case?handler=MeasureUpdate", HouseholdReaders, Names.Case, AlsoFine: [404]), // no such measure
        new("GET /Monitoring/Elimination", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Elimination?handler=Assess", HouseholdReaders, Names.Case),
        new("POST /Monitoring/Elimination?handler=Propose", HouseholdReaders, Names.Case),
        new("GET /api/v1/cases", HouseholdReaders),
        new("GET /api/v1/cases/{id}", HouseholdReaders, Names.Case),
        new("GET /api/v1/cases/{id}/elimination-check", HouseholdReaders, Names.Case, "method=Natural"),
        new("POST /api/v1/cases/{id}/verification", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/village-review", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/objections", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/objections/{objectionId}/answer", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/notice/close", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/decision", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/income-assessments", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/elimination", HouseholdReaders, Names.Case),
        new("POST /api/v1/cases/{id}/measures", HouseholdReaders, Names.Case),
        new("PUT /api/v1/cases/{id}/measures/{measureId}", HouseholdReaders, Names.Case),
        new("GET /api/v1/supervision", HouseholdReaders, Names.Division, ForDivision),
        // 收入监测 §5.1: reads a whole county's incomes — the county (and administrator) runs it.
        new("POST /api/v1/income-scan", County | Admin),

        // ── Department screening §6 ──
        new("GET /Screening/Index", ScreeningReaders),
        new("POST /Screening/Index", ScreeningRunners),
        new("GET /Screening/Run", ScreeningReaders, Names.Run),
        new("GET /Screening/Run?handler=Xlsx", ScreeningReaders, Names.Run),
        new("POST /Screening/Run?handler=Cancel", ScreeningRunners, Names.Run),
        new("GET /Screening/Outcomes", ScreeningReaders),
        new("GET /Screening/Rules", ScreeningReaders),
        // Rules are versioned data (§6): county for its county, prefecture for every division, administrator.
        new("GET /Screening/RuleVersion", County | Prefecture | Admin),
        new("POST /Screening/RuleVersion", County | Prefecture | Admin),
        // What-if writes nothing (§6); trying an income line: county, prefecture (sets the line), administrator.
        new("GET /Screening/WhatIf", ScreeningReaders),
        new("POST /Screening/WhatIf?handler=Draft", ScreeningRunners), // a draft rule set tried on an uploaded file
        new("POST /Screening/WhatIf?handler=DraftXlsx", ScreeningRunners),
        new("POST /Screening/WhatIf?handler=Income", County | Prefecture | Admin),
        new("POST /Screening/WhatIf?handler=IncomeXlsx", County | Prefecture | Admin),
        new("GET /api/v1/screening/runs/{id}", ScreeningReaders, Names.Run),

        // ── Resident applications §7: staff triage, assign, handle — every staff role (a department its own);
        //    assigning: township, county; handling: the holder; the prefecture and auditors read ──
        new("GET /Applications/Index", Staff),
        new("GET /Applications/Detail", Staff, Names.Application),
        new("POST /Applications/Detail?handler=Assign", Staff, Names.Application),
        new("POST /Applications/Detail?handler=Start", Staff, Names.Application),
        new("POST /Applications/Detail?handler=Reply", Staff, Names.Application),
        new("POST /Applications/Detail?handler=Close", Staff, Names.Application),
        new("POST /Applications/Detail?handler=Lead", Staff, Names.Application),
        new("GET /api/v1/applications/{id}", Staff, Names.Application),

        // ── Reports §8: by division, every role that reads households (a department sees only its warnings' outcomes);
        //    freezing a period: county, prefecture, administrator ──
        new("GET /Reports/Dashboard", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Dashboard?handler=Xlsx", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Monitoring", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Monitoring?handler=Xlsx", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Applications", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Applications?handler=Xlsx", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Income", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Income?handler=Xlsx", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Annual", HouseholdReaders, Names.Division, ForDivision),
        new("GET /Reports/Annual?handler=Docx", HouseholdReaders, Names.Division, ForDivision),
        // The frozen reports of a division: outside the account's divisions, an empty list.
        new("GET /Reports/Snapshots/Index", HouseholdReaders, Names.Division, ForDivision, AlsoFine: [200]),
        new("POST /Reports/Snapshots/Index", County | Prefecture | Admin),
        new("GET /Reports/Snapshots/Snapshot", HouseholdReaders, Names.Snapshot),
        new("GET /Reports/Snapshots/Snapshot?handler=Xlsx", HouseholdReaders, Names.Snapshot),
        new("GET /Reports/Snapshots/Snapshot?handler=Json", HouseholdReaders, Names.Snapshot),
        new("GET /api/v1/reports/dashboard", HouseholdReaders, Names.Division, ForDivision),
        new("GET /api/v1/reports/monitoring", HouseholdReaders, Names.Division, ForDivision),
        new("GET /api/v1/reports/applications", HouseholdReaders, Names.Division, ForDivision + "&from=2025-01-01&to=2025-12-31"),
        new("GET /api/v1/reports/income", HouseholdReaders, Names.Division, ForDivision + "&year=2024"),
        new("GET /api/v1/reports/snapshots", HouseholdReaders, Names.Division, ForDivision, AlsoFine: [200]),
        new("GET /api/v1/reports/snapshots/{id}", HouseholdReaders, Names.Snapshot),
    ];
}
