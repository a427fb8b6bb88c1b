using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Fanghu.IntegrationTests.Infrastructure;
using static Fanghu.IntegrationTests.Web.ScopeMatrix;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// Issue 8 item 4: every page handler and API route of the routing table, as every role, against a record inside the
/// account's divisions and the nearest one outside them. Refusals must be refusals (401, 403, the sign-in or
/// access-denied page), allowed requests must work, records outside the divisions must be a 404 whose data never
/// shows, and nothing may be a 500. The forms and bodies sent are empty or stale, so nothing is written.
/// </summary>
public sealed partial class ScopeMatrixTests(ScopeMatrixWorld world) : IClassFixture<ScopeMatrixWorld>
{
    public const string Anonymous = "anonymous";

    public static TheoryData<string> Roles => new(["village", "township", "county", "prefecture", "department", "auditor", "admin", Anonymous]);

    /// <summary>Values for the route parameters that are not the record's id.</summary>
    private static readonly Dictionary<string, string> RouteValues = new()
    {
        ["objectionId"] = "999999",
        ["measureId"] = "999999",
        ["key"] = "medical-self-paid-poor",
        ["name"] = "zh-CN",
        ["documentName"] = "v1",
    };

    /// <summary>Tables a request may add rows to without changing any record: the audit trail (reads, sign-ins).</summary>
    private static readonly string[] Bookkeeping =
    [
        "AuditTrail",
        // The two-factor enrolment page keeps the authenticator key it shows until the account enrols.
        "AspNetUserTokens",
        // The dashboard's figures, counted on the first request that needs them (derived, not records).
        "DivisionFigures", "FigureChanges", "FigureUnits", "RiskGaps", "UnitFigures",
    ];

    [Fact]
    public async Task Every_endpoint_of_the_routing_table_has_a_row_in_the_matrix_and_every_row_an_endpoint()
    {
        var endpoints = (await RoutingTable.ReadAsync(world.App.Services)).Select(e => e.Key).ToHashSet();
        var rows = Rows.Select(r => r.Key).ToList();

        var missing = endpoints.Except(rows).Order().ToList();
        var gone = rows.Except(endpoints).Order().ToList();
        var twice = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        var problems = new List<string>();
        if (missing.Count > 0)
            problems.Add("These endpoints have no row in ScopeMatrix.Rows: add one line for each, saying who may use it (DESIGN §1) " +
                "and which record its {id} names:\n  " + string.Join("\n  ", missing));
        if (gone.Count > 0) problems.Add("These rows of ScopeMatrix.Rows name no endpoint of the app any more: remove them.\n  " + string.Join("\n  ", gone));
        if (twice.Count > 0) problems.Add("These rows of ScopeMatrix.Rows appear twice:\n  " + string.Join("\n  ", twice));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_reaches_only_what_the_matrix_allows_and_only_inside_its_divisions(string role)
    {
        var account = role == Anonymous ? ((string User, string Division, string? Outside)?)null
            : ScopeMatrixWorld.Accounts[Enum.Parse<Role>(role, ignoreCase: true)];
        var who = role == Anonymous ? Who.Anonymous : Enum.Parse<Who>(role, ignoreCase: true);
        // The places whose records the role must never see: all of them for a resident.
        var hidden = ScopeMatrixWorld.Places
            .Where(p => account is not { } a || (a.Division.Length > 0 && !p.Village.StartsWith(a.Division, StringComparison.Ordinal)))
            .ToList();
        var client = account is { } signedIn ? await world.App.SignedInAsync(signedIn.User) : world.App.Client();
        var token = AntiforgeryToken().Match(await client.GetStringAsync(account is null ? "/Apply" : "/"));
        Assert.True(token.Success, "a page to read the antiforgery token from");

        var rows = Rows.DistinctBy(r => r.Key).ToDictionary(r => r.Key);
        var before = await CountsAsync();
        var violations = new List<string>();
        var requests = 0;
        // Signing out ends the walk's session: last.
        foreach (var endpoint in (await RoutingTable.ReadAsync(world.App.Services)).OrderBy(e => e.Key == "POST /Account/Logout"))
        {
            if (!rows.TryGetValue(endpoint.Key, out var row)) continue; // the other test names it
            var allowed = row.Allowed.HasFlag(who);
            foreach (var (scope, place) in Targets(row, account?.Outside))
            {
                var url = Address(endpoint, row, world.Of[place], ScopeMatrixWorld.Places.Single(p => p.Name == place).Village, violations);
                if (url is null) continue;
                requests++;
                using var response = await SendAsync(client, endpoint, url, WebUtility.HtmlDecode(token.Groups[1].Value));
                var body = await TextAsync(response);
                var got = Describe(response);
                var expected = !allowed ? "refused (401, 403, sign-in or access-denied page)"
                    : scope == "outside" ? "404 (or 403)" : "success";
                var fine = (int)response.StatusCode < 500 && (!allowed ? Refused(response)
                    : row.AlsoFine?.Contains((int)response.StatusCode) == true
                    || (scope == "outside" ? NotFoundOrRefused(response, endpoint.Method) : Succeeded(response, endpoint.Method)));
                if (!fine) violations.Add($"{endpoint.Key} as {role}, record {scope} ({url}): expected {expected}, got {got}");
                if (endpoint.IsPage && endpoint.Method != "GET" && !row.NotAForm)
                {
                    // Antiforgery on every form (issue 8 item 3): without the token, a form is turned away before anything runs.
                    requests++;
                    using var forged = await SendAsync(client, endpoint, url, token: null);
                    if (forged.StatusCode != HttpStatusCode.BadRequest && !Refused(forged))
                        violations.Add($"{endpoint.Key} as {role}, record {scope} ({url}): a form without the antiforgery token got {Describe(forged)}, expected 400 or a refusal");
                }
                foreach (var shown in hidden.Where(p => world.Of[p.Name].Markers.Any(m => body.Contains(m, StringComparison.Ordinal))))
                    violations.Add($"{endpoint.Key} as {role} ({url}): the body shows a record of {shown.Name} ({shown.Village}), outside the account's divisions");
            }
        }
        var after = await CountsAsync();
        var changed = after.Where(t => !Bookkeeping.Contains(t.Key) && before.GetValueOrDefault(t.Key) != t.Value)
            .Select(t => $"{t.Key}: {before.GetValueOrDefault(t.Key)} → {t.Value}").ToList();
        if (changed.Count > 0) violations.Add($"the walk as {role} wrote rows: {string.Join(", ", changed)}");

        Assert.True(requests > 100, $"only {requests} requests were sent");
        Assert.True(violations.Count == 0, $"{violations.Count} violation(s) of the scope matrix as {role}:\n" + string.Join("\n", violations));
    }

    /// <summary>The records to ask for: none, or the one inside (village 1) and, when the role has one, the nearest outside.</summary>
    private static IEnumerable<(string Scope, string Place)> Targets(Row row, string? outside)
    {
        yield return ("inside", "V1");
        if (row.Record != Names.None && outside is not null) yield return ("outside", outside);
    }

    private static string? Address(RoutingTable.Entry endpoint, Row row, ScopeMatrixWorld.Records records, string village, List<string> violations)
    {
        string? unknown = null;
        var id = (row.Record switch
        {
            Names.Household => records.Household,
            Names.Person => records.Person,
            Names.Case => records.Case,
            Names.Application => records.Application,
            Names.Run => records.Run,
            Names.Snapshot => records.Snapshot,
            _ => (long?)null,
        })?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = ParameterPattern().Replace(endpoint.Route, m =>
        {
            var name = m.Groups[1].Value;
            if (name == "id" && id is not null) return id;
            if (RouteValues.TryGetValue(name, out var value)) return value;
            unknown = name;
            return "";
        });
        if (unknown is not null)
        {
            violations.Add($"{endpoint.Key}: no value for the route parameter {{{unknown}}} — give its row a Record or add it to ScopeMatrixTests.RouteValues");
            return null;
        }
        var query = new[] { endpoint.Handler is { } h ? "handler=" + h : null, row.Query?.Replace("{division}", village, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal) }
            .OfType<string>().ToList();
        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    /// <summary>GET as GET; a page's POST as an empty form with the antiforgery token and a stale version; an API write with an empty JSON body.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, RoutingTable.Entry endpoint, string url, string? token)
    {
        var method = endpoint.Method == "*" ? "GET" : endpoint.Method;
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is not ("GET" or "HEAD"))
        {
            request.Content = endpoint.IsPage
                ? new FormUrlEncodedContent(token is null ? [new("Version", "-1")] : [new("__RequestVerificationToken", token), new("Version", "-1")])
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || RedirectsTo(response, "/Account/Login", "/Account/AccessDenied");

    /// <summary>A write's empty or stale body may be turned away (400, 409) before its record is looked up.</summary>
    private static bool NotFoundOrRefused(HttpResponseMessage response, string method) =>
        response.StatusCode == HttpStatusCode.NotFound || Refused(response)
        || (method != "GET" && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict);

    private static bool Succeeded(HttpResponseMessage response, string method) =>
        (int)response.StatusCode is >= 200 and < 300
        || ((int)response.StatusCode is >= 300 and < 400 && !RedirectsTo(response, "/Account/Login", "/Account/AccessDenied"))
        || (method != "GET" && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict);

    private static bool RedirectsTo(HttpResponseMessage response, params string[] paths) =>
        (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location
        && paths.Any(p => (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString).StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static string Describe(HttpResponseMessage response) =>
        (int)response.StatusCode + (response.Headers.Location is { } location ? " → " + location.OriginalString : "");

    /// <summary>The body as text; a spreadsheet's or document's text is inside its zip.</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes is not [(byte)'P', (byte)'K', ..]) return Encoding.UTF8.GetString(bytes);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }

    private async Task<SortedDictionary<string, long>> CountsAsync()
    {
        await using var db = world.App.Database.Context();
        return await TableCounts.ReadAsync(db);
    }

    [GeneratedRegex(@"\{([^}:=?]+)[^}]*\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
