using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Fanghu.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// 双因素认证 with Accounts:RequireTwoFactor on (the default outside Development and Testing): county, prefecture and
/// administrator accounts enrol an authenticator, then give its code at each sign-in. The codes are computed here
/// (RFC 6238: HMAC-SHA1, 30 s, 6 digits), as a phone app would.
/// </summary>
public sealed partial class TwoFactorTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task A_county_account_enrols_with_a_computed_code_and_then_signs_in_with_one()
    {
        await using var factory = Required();
        await AddUserAsync("county-2fa", Role.County, "533401");
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Redirect, (await FanghuWebApp.PostLoginAsync(client, "county-2fa", FanghuWebApp.Password)).StatusCode);
        // Signed in with the password alone, nothing opens but the enrolment page.
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/TwoFactorSetup", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/households")).StatusCode);

        var setup = await client.GetStringAsync("/Account/TwoFactorSetup");
        var key = Key().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-7]{16,}$", key);
        Assert.Contains($"otpauth://totp/", setup);
        Assert.Contains($"secret={key}", setup);

        var wrong = await FanghuWebApp.PostFormAsync(client, "/Account/TwoFactorSetup", setup, ("Code", Totp(key, DateTimeOffset.UtcNow.AddHours(-1))));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("验证码不正确", await wrong.Content.ReadAsStringAsync());

        var enrolled = await FanghuWebApp.PostFormAsync(client, "/Account/TwoFactorSetup", setup, ("Code", Totp(key, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // The next sign-in asks for a code after the password.
        var next = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var password = await FanghuWebApp.PostLoginAsync(next, "county-2fa", FanghuWebApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/Account/TwoFactor?", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/")).StatusCode);

        var form = await next.GetStringAsync(password.Headers.Location!.OriginalString);
        var refused = await FanghuWebApp.PostFormAsync(next, "/Account/TwoFactor", form, ("Code", Totp(key, DateTimeOffset.UtcNow.AddHours(-1))));
        Assert.Contains("验证码不正确", await refused.Content.ReadAsStringAsync());
        var signedIn = await FanghuWebApp.PostFormAsync(next, "/Account/TwoFactor", form, ("Code", Totp(key, DateTimeOffset.UtcNow.AddSeconds(30))));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/")).StatusCode);

        // The authenticator key is a secret: the append-only audit trail never holds it.
        await using var db = app.Database.Context();
        Assert.False(await db.AuditTrail.AnyAsync(e => (e.After != null && e.After.Contains(key)) || (e.Before != null && e.Before.Contains(key))));
    }

    [Fact]
    public async Task A_village_account_is_not_asked_for_a_second_factor()
    {
        await using var factory = Required();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Redirect, (await FanghuWebApp.PostLoginAsync(client, "village1", FanghuWebApp.Password)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_code_page_without_a_checked_password_goes_back_to_the_login()
    {
        await using var factory = Required();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/TwoFactor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.OriginalString);
    }

    /// <summary>RFC 6238 with the authenticator apps' parameters: HMAC-SHA1 of the 30-second step, six digits.</summary>
    private static string Totp(string base32Key, DateTimeOffset at)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var code = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
            }
        }
        return [.. bytes];
    }

    private WebApplicationFactory<Fanghu.Web.WebHost> Required() =>
        app.WithWebHostBuilder(b => b.UseSetting("Accounts:RequireTwoFactor", "true"));

    private async Task AddUserAsync(string userName, Role role, string code)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<FanghuUser>>();
        var result = await users.CreateAsync(new FanghuUser { UserName = userName, DisplayName = userName, Role = role, DivisionCodes = [code] }, FanghuWebApp.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("<code id=\"authenticator-key\">([^<]+)</code>")]
    private static partial Regex Key();
}
