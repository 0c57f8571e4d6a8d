namespace Masthead.Tests.Support;

public static class CommandLine
{
    /// <summary>Runs the built `masthead` command line, in its own process, against the app's data folder and database.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunCliAsync(this MastheadAppFactory app, params string[] arguments) =>
        ExternalTool.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Masthead.dll"), .. arguments,
             "--Masthead:DataPath", app.DataDirectory, "--Masthead:Database:Provider", TestDatabase.Provider,
             "--Masthead:Database:ConnectionString", app.ConnectionString, "--Logging:LogLevel:Default", "Warning"],
            [], "The .NET SDK runs the command line.");
}
