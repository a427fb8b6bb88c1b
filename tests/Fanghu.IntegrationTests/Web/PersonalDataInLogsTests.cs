using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Fanghu.IntegrationTests.Web;

/// <summary>
/// Nothing personal in the logs: with the logging levels the app ships with, the requests that carry ID numbers and
/// phones — a search by ID number, a household page, a resident's filing, a lookup, a failed sign-in — leave neither in
/// any log line or logged exception.
/// </summary>
public sealed class PersonalDataInLogsTests(FanghuWebApp app) : IClassFixture<FanghuWebApp>
{
    [Fact]
    public async Task Requests_carrying_ID_numbers_and_phones_leave_none_in_the_log()
    {
        var logs = new ConcurrentQueue<string>();
        using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(new Capture(logs))));
        var idNumber = FanghuWebApp.Id("53340119800101001").Value;
        const string phone = "13800009876";

        var staff = logged.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await FanghuWebApp.PostLoginAsync(staff, "county1", FanghuWebApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/Registry/Households?kind=persons&q={idNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/persons?q={idNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/Registry/Household/{app.Household1Id}")).StatusCode);
        var resident = logged.CreateClient(new() { AllowAutoRedirect = false });
        var code = await ApplyForms.FiledCodeAsync(resident, ("Input.Phone", phone));
        await resident.GetAsync($"/Apply/Track?code={code}&last4=9876");
        await FanghuWebApp.PostLoginAsync(logged.CreateClient(new() { AllowAutoRedirect = false }), idNumber, phone);

        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, line => line.Contains(idNumber, StringComparison.Ordinal) || line.Contains(phone, StringComparison.Ordinal));
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
