using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Tests.Support;

namespace Masthead.Tests.Operations;

/// <summary>
/// The files in deploy/ are documentation an operator copies, so they are read here for what a test machine can check
/// without a systemd or Docker daemon: the unit passes systemd-analyze verify with no complaint, and the Dockerfile is
/// well-formed and agrees with itself (its port, its health check, its stages) and with the app (/healthz).
/// </summary>
public partial class DeployFilesTests
{
    private static string Deploy(string file) => Path.Combine(RepositoryRoot(), "deploy", file);

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Masthead.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("The tests run from inside the repository.");
    }

    [Fact]
    public async Task TheSystemdUnit_PassesSystemdAnalyzeVerify_WithoutAWarning()
    {
        // The unit names the installed app, which a test machine does not have: point it at a program that exists.
        var unit = await File.ReadAllTextAsync(Deploy("systemd/masthead.service"));
        Assert.Contains("ExecStart=/srv/masthead/Masthead", unit);
        var folder = Directory.CreateTempSubdirectory("masthead-unit-").FullName;
        try
        {
            var copy = Path.Combine(folder, "masthead.service");
            await File.WriteAllTextAsync(copy, unit.Replace("ExecStart=/srv/masthead/Masthead", "ExecStart=/bin/true", StringComparison.Ordinal));
            var (code, output, errors) = await ExternalTool.RunAsync("systemd-analyze", ["verify", "--man=no", copy], [],
                "Install systemd's tools (apt-get install systemd; ./test.sh does).");
            Assert.True(code == 0 && (output + errors).Trim().Length == 0, $"systemd-analyze verify: {code}\n{output}{errors}");

            // And it fails on what it should: the check is not a formality.
            await File.AppendAllTextAsync(copy, "Restartt=always\n");
            var (_, _, complaint) = await ExternalTool.RunAsync("systemd-analyze", ["verify", "--man=no", copy], [], "");
            Assert.Contains("Restartt", complaint);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly HashSet<string> Instructions =
        ["FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"];

    [Fact]
    public async Task TheDockerfile_IsWellFormed_AndAgreesWithTheApp()
    {
        var lines = (await File.ReadAllTextAsync(Deploy("Dockerfile"))).Replace("\\\n", " ").Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var instructions = lines.Select(l => (Name: l.Split(' ')[0], Args: l[(l.IndexOf(' ') + 1)..].Trim())).ToList();
        Assert.All(instructions, i => Assert.Contains(i.Name, Instructions));

        // Stages: a build stage on the SDK, the image on the ASP.NET Core runtime of the same major version.
        var froms = instructions.Where(i => i.Name == "FROM").Select(i => i.Args).ToList();
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0"], froms);
        foreach (var copy in instructions.Where(i => i.Name == "COPY" && i.Args.StartsWith("--from=", StringComparison.Ordinal)))
            Assert.Contains($" AS {copy.Args.Split(' ')[0]["--from=".Length..]}", froms[0]);

        // Exec-form arrays are JSON arrays of strings.
        var entrypoint = JsonSerializer.Deserialize<string[]>(instructions.Single(i => i.Name == "ENTRYPOINT").Args)!;
        Assert.Equal(["/app/Masthead"], entrypoint);
        var health = instructions.Single(i => i.Name == "HEALTHCHECK").Args;
        var check = JsonSerializer.Deserialize<string[]>(health[health.IndexOf("CMD [", StringComparison.Ordinal)..][4..])!;
        Assert.Contains("/healthz", string.Join(' ', check));

        // The port the app listens on is the one exposed and the one the health check asks.
        var urls = UrlsPort().Match(string.Join(' ', instructions.Where(i => i.Name == "ENV").Select(i => i.Args)));
        Assert.True(urls.Success, "ASPNETCORE_URLS is set");
        Assert.Equal(urls.Groups[1].Value, instructions.Single(i => i.Name == "EXPOSE").Args);
        Assert.Contains($"/{urls.Groups[1].Value} ", string.Join(' ', check));

        // The data folder the app is told to use is the volume, and the app does not run as root.
        Assert.Contains("Masthead__DataPath=/data", string.Join(' ', instructions.Where(i => i.Name == "ENV").Select(i => i.Args)));
        Assert.Equal("/data", instructions.Single(i => i.Name == "VOLUME").Args);
        Assert.NotEqual("root", instructions.Last(i => i.Name == "USER").Args);
    }

    [GeneratedRegex(@"ASPNETCORE_URLS=http://\+:(\d+)")]
    private static partial Regex UrlsPort();
}
