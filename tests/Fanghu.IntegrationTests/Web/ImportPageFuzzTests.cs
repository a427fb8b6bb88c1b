using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Fanghu.IntegrationTests.Fuzz;
using Fanghu.IntegrationTests.Infrastructure;

namespace Fanghu.IntegrationTests.Web;

public sealed partial class ImportPageFuzzTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Theory]
    [InlineData("persons.csv", "Persons")]
    [InlineData("income.xlsx", "Income")]
    public async Task A_file_of_random_bytes_gets_the_upload_page_with_an_error_not_a_server_error(string fileName, string kind)
    {
        var seed = FuzzRandom.RunSeed;
        var bytes = new FuzzRandom(seed + (ulong)fileName.Length).Bytes(4096);
        if (fileName.EndsWith(".xlsx", StringComparison.Ordinal)) new byte[] { 0x50, 0x4B, 0x03, 0x04 }.CopyTo(bytes, 0); // random bytes behind a zip signature
        var client = await app.SignedInAsync("county1");
        var page = await client.GetStringAsync("/Imports");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "Upload", fileName);

        var response = await client.PostAsync("/Imports", form).WaitAsync(FuzzCheck.Timeout);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} ({FuzzRandom.SeedVariable}={seed})");
        var message = ErrorMessage().Match(html);
        Assert.True(message.Success, $"the page shows the error ({FuzzRandom.SeedVariable}={seed}):\n{html}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", WebUtility.HtmlDecode(message.Groups[1].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<td data-label=\"[^\"]*\">([^<]+)</td>\\s*</tr>")]
    private static partial Regex ErrorMessage();
}
