using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Fanghu.Divisions;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Fanghu.Web.Applications;

/// <summary>
/// The limits of the public pages (救助申请, 查询办理进度), configured under <c>PublicApplications</c>. The defaults
/// let a village office file for a queue of residents from one network and stop a script; the per-phone limit
/// (three a day) is the use case's.
/// </summary>
public sealed class PublicApplicationOptions
{
    public const string Section = "PublicApplications";

    /// <summary>POSTs of the application form one address may send in <see cref="FilingWindowMinutes"/> (refused ones count).</summary>
    public int FilingsPerIp { get; set; } = 10;
    public int FilingWindowMinutes { get; set; } = 10;

    /// <summary>Lookups (and confirmations, reopenings) one address may send in <see cref="LookupWindowSeconds"/>.</summary>
    public int LookupsPerIp { get; set; } = 30;
    public int LookupWindowSeconds { get; set; } = 60;

    /// <summary>Villages shown in one list; above it the resident narrows down by county or township first.</summary>
    public int VillagesPerList { get; set; } = 300;
}

public static partial class PublicApplications
{
    public const string FilingPolicy = "public-filing";
    public const string LookupPolicy = "public-lookup";

    /// <summary>
    /// A request body of the public forms: 1,000 characters of description are about 9 KB URL-encoded, the other
    /// fields and the antiforgery token well under 1 KB. Anything bigger is not a resident typing.
    /// </summary>
    public const int MaxBodyBytes = 32 * 1024;

    public static IServiceCollection AddPublicApplications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicApplicationOptions>().Bind(configuration.GetSection(PublicApplicationOptions.Section))
            .Validate(o => o is { FilingsPerIp: > 0, FilingWindowMinutes: > 0, LookupsPerIp: > 0, LookupWindowSeconds: > 0, VillagesPerList: > 0 },
                "PublicApplications: every limit and window must be a positive number")
            .ValidateOnStart();
        services.AddScoped<ListVillages>();
        services.AddRateLimiter(o =>
        {
            // One rejection for every policy, the login page's (AccountSecurity) included. Nothing written here: the status code pages show the Chinese /Error page (429) to people and
            // ProblemDetails under /api.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = Rejected;
            o.AddPolicy(FilingPolicy, context => Window(context, FilingPolicy,
                (p, key) => RateLimitPartition.GetSlidingWindowLimiter(key, _ => Sliding(p.FilingsPerIp, TimeSpan.FromMinutes(p.FilingWindowMinutes)))));
            o.AddPolicy(LookupPolicy, context => Window(context, LookupPolicy,
                (p, key) => RateLimitPartition.GetSlidingWindowLimiter(key, _ => Sliding(p.LookupsPerIp, TimeSpan.FromSeconds(p.LookupWindowSeconds)))));
        });
        return services;
    }

    /// <summary>
    /// Only POSTs count: opening the form, or a result already found, costs nothing, so the limit falls on what
    /// writes or guesses.
    /// </summary>
    private static RateLimitPartition<string> Window(HttpContext context, string policy,
        Func<PublicApplicationOptions, string, RateLimitPartition<string>> limiter) =>
        HttpMethods.IsPost(context.Request.Method)
            ? limiter(context.RequestServices.GetRequiredService<IOptions<PublicApplicationOptions>>().Value, PartitionOf(context.Connection.RemoteIpAddress))
            : RateLimitPartition.GetNoLimiter(policy + ":read");

    // Sliding, in ten steps: a fixed window would let twice the limit through across its boundary.
    private static SlidingWindowRateLimiterOptions Sliding(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = 10,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// One partition per IPv4 address, and per /64 for IPv6: a phone on a Chinese mobile network gets a whole /64
    /// and can change the rest of its address at will. Behind a reverse proxy, the proxy's address is everyone's
    /// unless the forwarded headers are enabled (README).
    /// </summary>
    internal static string PartitionOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static ValueTask Rejected(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "";
        var options = http.RequestServices.GetRequiredService<IOptions<PublicApplicationOptions>>().Value;
        // The soonest a permit comes back: the limiter's own figure, or one step of the sliding window.
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
            : policy == Accounts.AccountSecurity.LoginPolicy ? Accounts.AccountSecurity.LoginRetry(http.RequestServices)
            : policy == FilingPolicy ? TimeSpan.FromMinutes(options.FilingWindowMinutes) / 10
            : TimeSpan.FromSeconds(options.LookupWindowSeconds) / 10;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        LogRejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicApplications)),
            policy, PartitionOf(http.Connection.RemoteIpAddress), http.Request.Path);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit {Policy} reached for {Partition} on {Path}")]
    private static partial void LogRejected(ILogger logger, string policy, string partition, string path);
}
