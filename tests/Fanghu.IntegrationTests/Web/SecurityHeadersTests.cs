using System.Net;
using System.Text.RegularExpressions;
using Fanghu.Web.Security;

namespace Fanghu.IntegrationTests.Web;

/// <summary>The headers of docs/adr/0013 on every kind of response, over plain HTTP as the tests run.</summary>
public sealed partial class SecurityHeadersTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/Apply", HttpStatusCode.OK)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/Registry/Households", HttpStatusCode.Redirect)]
    [InlineData("/api/v1/households", HttpStatusCode.Unauthorized)]
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode status)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        // HSTS reaches a browser only over HTTPS; over HTTP it would be ignored, and it is not sent.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_policy_allows_no_inline_script_and_no_framing()
    {
        var csp = Header(await app.Client().GetAsync("/Account/Login"), "Content-Security-Policy");

        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("style-src 'self';", csp);
        // Inline style is allowed in attributes only (the SVG ECharts draws), never in <style> elements.
        Assert.Single(Regex.Matches(csp, "unsafe-inline"));
        Assert.Contains("style-src-attr 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
    }

    [Fact]
    public async Task Signed_in_pages_and_error_pages_carry_them_too()
    {
        var client = await app.SignedInAsync("county1");

        var page = await client.GetAsync("/Registry/Households");
        var missing = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(page, "Content-Security-Policy"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(missing, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(missing, "X-Frame-Options"));
    }

    /// <summary>
    /// The policy holds only while the pages need nothing it forbids: no inline script (a JSON data block is not
    /// executed), no event handler attribute, no style attribute or element in our own markup.
    /// </summary>
    [Fact]
    public void No_page_has_inline_script_style_or_event_handlers()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "Fanghu.Web", "Pages");
        var offences = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => InlineScript().IsMatch(l.line) || InlineStyle().IsMatch(l.line) || EventHandler().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(pages, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri}");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fanghu.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Fanghu.slnx not found above " + AppContext.BaseDirectory);
    }

    // <script> without src that is not a data block.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style\\b|\\sstyle=\"", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex("\\son[a-z]+=\"", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
