using System.Net;
using Fanghu.Divisions;
using Fanghu.Web.Applications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// The public pages' abuse limits: per address (the rate limiter, with low limits set through configuration for a
/// host of the test's own, on Kestrel so the address is a real one and the body limit is the server's), per phone
/// (the use case), the body size, and the village list's size.
/// </summary>
public sealed class ApplyLimitTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task Filings_over_the_address_limit_get_a_Chinese_429_page_and_are_not_stored()
    {
        await using var host = Start(("PublicApplications:FilingsPerIp", "2"), ("PublicApplications:FilingWindowMinutes", "10"));
        var client = host.Client;
        var form = await client.GetStringAsync("/Apply");

        // A refused filing counts like a stored one: the limit is on what an address sends.
        Assert.Equal(HttpStatusCode.OK, (await FanghuWebApp.PostFormAsync(client, "/Apply", form, ("Input.Content", "只写了困难"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ApplyForms.FileAsync(client, form, ("Input.Phone", "13900000001"))).StatusCode);
        var refused = await ApplyForms.FileAsync(client, form, ("Input.Phone", "13900000002"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // One step of the sliding window (a tenth of ten minutes) until a filing comes back.
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", page);
        Assert.Contains("操作太频繁了", page);
        Assert.Contains("请 1 分钟后再试", page);
        Assert.Contains("href=\"/Apply\"", page);
        await using (var db = app.Database.Context())
            Assert.False(await db.Applications.AnyAsync(a => a.Phone == "13900000002"));

        // Reading the form is not limited, nor is the lookup, which has its own limit.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Apply")).StatusCode);
        var track = await client.GetStringAsync("/Apply/Track");
        Assert.Equal(HttpStatusCode.OK, (await Lookup(client, track, "ABCDEFGHJK", "0001")).StatusCode);
    }

    [Fact]
    public async Task Lookups_over_the_address_limit_get_429_confirmations_included()
    {
        await using var host = Start(("PublicApplications:LookupsPerIp", "3"), ("PublicApplications:LookupWindowSeconds", "600"));
        var client = host.Client;
        var track = await client.GetStringAsync("/Apply/Track");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Lookup(client, track, "ABCDEFGHJK", $"000{i}")).StatusCode);

        var refused = await Lookup(client, track, "ABCDEFGHJK", "0009");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("操作太频繁了", await refused.Content.ReadAsStringAsync());
        // 满意确认 looks an application up too: it cannot be used to guess past the limit.
        var confirm = await FanghuWebApp.PostFormAsync(client, "/Apply/Track?handler=Confirm", track);
        Assert.Equal(HttpStatusCode.TooManyRequests, confirm.StatusCode);
        // Filing has its own limit.
        Assert.Equal(HttpStatusCode.Redirect, (await ApplyForms.FileAsync(client, await client.GetStringAsync("/Apply"), ("Input.Phone", "13900000011"))).StatusCode);
    }

    [Fact]
    public async Task A_fourth_filing_from_one_phone_in_a_day_is_refused_under_the_phone_field()
    {
        var client = app.Client();
        for (var i = 0; i < 3; i++) await ApplyForms.FiledCodeAsync(client, ("Input.Phone", "0887-8221234"));

        var form = await client.GetStringAsync("/Apply");
        var fourth = await ApplyForms.FileAsync(client, form, ("Input.Phone", "0887－822 1234"), ("Input.Content", "第四件：房屋漏雨"));

        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        var html = await fourth.Content.ReadAsStringAsync();
        Assert.Contains("<span id=\"Input_Phone-error\" class=\"field-error\">同一电话号码一天内最多提交 3 件申请", html);
        Assert.Contains("第四件：房屋漏雨</textarea>", html);
        await using var db = app.Database.Context();
        Assert.Equal(3, await db.Applications.CountAsync(a => a.Phone == "0887-8221234"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_in_Chinese_and_nothing_is_stored()
    {
        await using var host = Start();
        var client = host.Client;
        var form = await client.GetStringAsync("/Apply");
        // 8,000 characters are 72 KB URL-encoded, over the 32 KB the public forms take.
        var response = await ApplyForms.FileAsync(client, form, ("Input.Content", new string('难', 8000)), ("Input.Phone", "13900000021"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("提交的内容太多", html);
        Assert.Contains("href=\"/Apply\"", html);
        await using var db = app.Database.Context();
        Assert.False(await db.Applications.AnyAsync(a => a.Phone == "13900000021"));

        // The longest description the form allows goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await ApplyForms.FileAsync(client, form,
            ("Input.Content", new string('难', Fanghu.Applications.AssistanceApplication.ContentMax)), ("Input.Phone", "13900000022"))).StatusCode);
    }

    [Fact]
    public async Task Too_many_villages_for_one_list_are_narrowed_down_with_links_first()
    {
        await using (var db = app.Database.Context())
        {
            if (!await db.Divisions.AnyAsync(d => d.Code == "533401101"))
            {
                db.Divisions.Add(new Division(DivisionCode.Parse("533401101"), "小中甸镇", DivisionCode.Parse("533401")));
                db.Divisions.Add(new Division(DivisionCode.Parse("533401101201"), "团结村", DivisionCode.Parse("533401101")));
                await db.SaveChangesAsync();
            }
        }
        await using var host = Start(("PublicApplications:VillagesPerList", "2"));
        var client = host.Client;

        // Three villages, two to a list: one province, one prefecture and one county are passed by, the townships offered.
        var top = await client.GetStringAsync("/Apply");
        Assert.Contains("所在地区：云南省 迪庆藏族自治州 香格里拉市", top);
        Assert.Contains("<a href=\"/Apply?place=533401100\">建塘镇</a>", top);
        Assert.Contains("<a href=\"/Apply?place=533401101\">小中甸镇</a>", top);
        Assert.DoesNotContain("<select", top);

        var township = await client.GetStringAsync("/Apply?place=533401101");
        Assert.Contains("<option value=\"533401101201\">团结村</option>", township);
        Assert.DoesNotContain(FanghuWebApp.Village1, township);
        // A refused filing shows the same list again.
        var refused = await ApplyForms.FileAsync(client, township, ("place", "533401101"), ("Input.VillageCode", "533401101201"), ("Input.IdNumber", "1"));
        var again = await refused.Content.ReadAsStringAsync();
        Assert.Matches("<option (selected=\"selected\" value=\"533401101201\"|value=\"533401101201\" selected=\"selected\")>团结村</option>", again);
        Assert.DoesNotContain(FanghuWebApp.Village1, again);
    }

    [Fact]
    public void An_IPv6_address_is_limited_by_its_64_bit_prefix()
    {
        Assert.Equal(PublicApplications.PartitionOf(IPAddress.Parse("240e:3b0:1:2:aaaa::1")), PublicApplications.PartitionOf(IPAddress.Parse("240e:3b0:1:2:bbbb::9")));
        Assert.NotEqual(PublicApplications.PartitionOf(IPAddress.Parse("240e:3b0:1:2::1")), PublicApplications.PartitionOf(IPAddress.Parse("240e:3b0:1:3::1")));
        Assert.Equal("10.1.2.3", PublicApplications.PartitionOf(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.NotEqual(PublicApplications.PartitionOf(IPAddress.Parse("10.1.2.3")), PublicApplications.PartitionOf(IPAddress.Parse("10.1.2.4")));
    }

    private static Task<HttpResponseMessage> Lookup(HttpClient client, string page, string code, string four) =>
        FanghuWebApp.PostFormAsync(client, "/Apply/Track", page, ("Lookup.Code", code), ("Lookup.PhoneLastFour", four));

    /// <summary>A host of the test's own over the class's database, with these settings, on Kestrel at 127.0.0.1.</summary>
    private OwnHost Start(params (string Key, string Value)[] settings)
    {
        var factory = app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(address),
        };
        return new OwnHost(factory, client);
    }

    private sealed class OwnHost(WebApplicationFactory<Fanghu.Web.WebHost> factory, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client => client;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await factory.DisposeAsync();
        }
    }
}
