using System.Diagnostics;
using Fanghu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fanghu.IntegrationTests.Imports;

/// <summary>The real fanghu command, run as a process against the test database.</summary>
public sealed class CliImportTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("fanghu-cli-").FullName;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, true);
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => CliProcess.RunAsync(_database, args);

    [Fact]
    public async Task The_command_imports_good_files_with_exit_code_0_and_rejects_a_bad_one_with_exit_code_1_and_the_report()
    {
        var divisions = Synthetic.WriteFile(_folder, "divisions.csv", Synthetic.DivisionsCsv);
        var ok = await RunAsync("import", "divisions", divisions);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Contains("新增 8", ok.Out);

        var rows = Synthetic.PersonRows(3);
        rows[2][4] = Synthetic.WithBadCheck(rows[2][4]);
        var bad = Synthetic.WriteFile(_folder, "persons.csv", Synthetic.Csv(Synthetic.PersonsHeader, rows));
        var rejected = await RunAsync("import", "persons", bad);
        Assert.Equal(1, rejected.Exit);
        Assert.Contains("第 4 行【证件号码】", rejected.Err);
        Assert.Contains("数据库未作任何改动", rejected.Err);

        var skipped = await RunAsync("import", "persons", bad, "--skip-invalid");
        Assert.True(skipped.Exit == 0, skipped.Out + skipped.Err);
        Assert.Contains("新增 11", skipped.Out);
        Assert.True(File.Exists(Path.Combine(_folder, "persons.错误行.csv")));

        await using var db = _database.Context();
        Assert.Equal(11, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task A_missing_file_is_a_failure_with_exit_code_2()
    {
        var result = await RunAsync("import", "persons", Path.Combine(_folder, "nope.csv"));
        Assert.Equal(2, result.Exit);
        Assert.Contains("文件不存在", result.Err);
    }
}
