namespace Masthead.Tests.Support;

/// <summary>Validates a sitemap or sitemap index with xmllint (Debian: libxml2-utils) against the schemas in Schemas/.</summary>
public static class SitemapSchema
{
    private static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "Schemas", "sitemap.xsd");

    public static async Task AssertValidAsync(byte[] xml, string what)
    {
        var (code, _, errors) = await ExternalTool.RunAsync("xmllint", ["--noout", "--schema", SchemaPath, "-"], xml,
            "Install Debian's libxml2-utils (./test.sh does).");
        Assert.True(code == 0, $"{what} does not validate against the sitemap schemas (xmllint exit {code}):\n{errors}");
    }
}
