using System.Net;

namespace Fanghu.IntegrationTests.Web;

public sealed class AnonymousAccessTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Registry/Households")]
    [InlineData("/Imports")]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Anonymous_api_calls_get_401_problem_details_not_a_redirect()
    {
        var response = await app.Client().GetAsync("/api/v1/households");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_check_answers_anonymously_when_the_database_is_reachable()
    {
        var response = await app.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_registry_api()
    {
        var response = await app.Client().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadAsStringAsync();
        Assert.Contains("/api/v1/households/{id}", document);
        Assert.Contains("/api/v1/persons", document);
    }
}
