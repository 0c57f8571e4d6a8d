
namespace Masthead.Browser.Tests;

/// <summary>The Nu Html Checker (vnu-jar, installed by npm ci here) on a document: its errors, or none.</summary>
public static class NuValidator
{
    private static readonly string Jar = Path.Combine(BrowserApp.RepositoryRoot, "tests", "Masthead.Browser.Tests", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public static async Task AssertValidAsync(string html, string what)
    {
        Assert.True(File.Exists(Jar), $"vnu.jar is missing at {Jar}: run npm ci in tests/Masthead.Browser.Tests.");
        var (code, output, errors) = await ExternalTool.RunAsync("java", ["-jar", Jar, "--errors-only", "--format", "gnu", "-"],
            System.Text.Encoding.UTF8.GetBytes(html), "The Nu Html Checker needs a Java runtime (./test.sh installs one).");
        Assert.True(code == 0, $"{what} is not valid HTML:\n{output}{errors}");
    }
}
