using Masthead.Tests.Support;

namespace Masthead.Tests.Operations;

/// <summary>`masthead doctor` passes a working setup, and fails one whose database does not answer, saying which setting to change.</summary>
public class DoctorTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task AWorkingSetup_IsReadyToServe()
    {
        var (code, output, errors) = await app.RunCliAsync("doctor");
        Assert.True(code == 0, output + errors);
        Assert.Contains("ok    Masthead:Database:", output);
        Assert.Contains("ok    Masthead:DataPath:", output);
        Assert.Contains("Ready to serve;", output);
        // On PostgreSQL, backups need pg_dump (./test.sh installs it with the server).
        if (TestDatabase.IsPostgres) Assert.Contains("ok    Masthead:Database:PostgresTools: ", output);
    }

    [Fact]
    public async Task ADatabaseThatDoesNotAnswer_FailsTheCheck_WithTheSettingToChange()
    {
        // The command line's own settings win over the fixture's (the last value given is taken).
        var (code, output, _) = await ExternalTool.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Masthead.dll"), "doctor", "--Masthead:DataPath", app.DataDirectory,
             "--Masthead:Database:Provider", "Postgres", "--Masthead:Database:ConnectionString", "Host=127.0.0.1;Port=9;Username=nobody;Timeout=3",
             "--Logging:LogLevel:Default", "None"], [], "The .NET SDK runs the command line.");
        Assert.Equal(1, code);
        Assert.Contains("FAIL  Masthead:Database:", output);
        Assert.Contains("warn  Masthead:DataProtection:KeyEncryptionKey:", output);
        Assert.Contains("problem(s) to fix before serving", output);
    }
}
