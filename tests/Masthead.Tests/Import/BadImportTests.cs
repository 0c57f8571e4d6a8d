using Masthead.Core.Import;
using Masthead.Tests.Support;

namespace Masthead.Tests.Import;

/// <summary>
/// Files that cannot be imported are refused with a message naming the item and field, and the publication is
/// exactly as it was. Nothing in this class may import successfully: every test compares against the demo.
/// </summary>
public class BadImportTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Wxr = "wordpress-small.xml";
    private const string Ghost = "ghost-small.json";

    private async Task<ImportReport> RefusedAsync(Func<Task<ImportReport>> import)
    {
        var before = await DbFingerprint.TakeAsync(app.Services);
        var report = await import();
        Assert.True(report.Failed, "the import should have failed:\n" + report);
        Assert.StartsWith("Import failed: nothing was changed", report.ToString());
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
        return report;
    }

    [Fact]
    public async Task MalformedXml_NamesTheLine()
    {
        var file = app.Variant(Wxr, ("<wp:post_id>12</wp:post_id>", "<wp:post_id>12</wp:post_idd>"));
        var report = await RefusedAsync(() => app.ImportWordPressAsync(file));
        var error = Assert.Single(report.Errors);
        Assert.StartsWith("line ", error.Field);
        Assert.Contains("not well-formed XML", error.Message);
    }

    [Fact]
    public async Task TruncatedXml_SaysSo()
    {
        var text = File.ReadAllText(ImportTestSupport.Fixture(Wxr));
        var file = app.Write("cut.xml", text[..(text.Length * 2 / 3)]);
        var report = await RefusedAsync(() => app.ImportWordPressAsync(file));
        Assert.Contains(report.Errors, e => e.Message.Contains("ends too early"));
    }

    [Fact]
    public async Task WrongFormat_IsNamed()
    {
        var ghostAsWordPress = await RefusedAsync(() => app.ImportWordPressAsync(ImportTestSupport.Fixture(Ghost)));
        Assert.Contains(ghostAsWordPress.Errors, e => e.Message.Contains("not well-formed XML") || e.Message.Contains("not a WordPress export"));

        var plainRss = app.Write("feed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A feed</title><item><title>x</title></item></channel></rss>");
        var rss = await RefusedAsync(() => app.ImportWordPressAsync(plainRss));
        Assert.Contains(rss.Errors, e => e.Field == "wp:wxr_version" && e.Message.Contains("not a WordPress export"));

        var html = app.Write("page.xml", "<html><body>hello</body></html>");
        Assert.Contains((await RefusedAsync(() => app.ImportWordPressAsync(html))).Errors, e => e.Message.Contains("root element is <html>"));

        var wordPressAsGhost = await RefusedAsync(() => app.ImportGhostAsync(ImportTestSupport.Fixture(Wxr)));
        Assert.Contains(wordPressAsGhost.Errors, e => e.Message.Contains("not valid JSON"));

        var otherJson = app.Write("other.json", "{\"posts\":[{\"title\":\"x\"}]}");
        Assert.Contains((await RefusedAsync(() => app.ImportGhostAsync(otherJson))).Errors, e => e.Field == "db[0].meta" && e.Message.Contains("not a Ghost export"));
    }

    [Fact]
    public async Task UnknownVersions_AreRefused()
    {
        var ghost3 = app.Variant(Ghost, ("\"version\": \"5.75.2\"", "\"version\": \"3.42.0\""));
        var report = await RefusedAsync(() => app.ImportGhostAsync(ghost3));
        Assert.Contains(report.Errors, e => e.Field == "db[0].meta.version" && e.Message.Contains("Ghost 3.42.0"));

        var wxr9 = app.Variant(Wxr, ("<wp:wxr_version>1.2</wp:wxr_version>", "<wp:wxr_version>9.0</wp:wxr_version>"));
        Assert.Contains((await RefusedAsync(() => app.ImportWordPressAsync(wxr9))).Errors, e => e.Field == "wp:wxr_version" && e.Message.Contains("\"9.0\""));
    }

    [Fact]
    public async Task TruncatedJson_SaysSo()
    {
        var text = File.ReadAllText(ImportTestSupport.Fixture(Ghost));
        var file = app.Write("cut.json", text[..(text.Length / 2)]);
        var report = await RefusedAsync(() => app.ImportGhostAsync(file));
        Assert.Contains(report.Errors, e => e.Message.Contains("ends too early"));
    }

    [Fact]
    public async Task DuplicateSlugs_NameBothStories()
    {
        var file = app.Variant(Wxr, ("<wp:post_name><![CDATA[regatta-week-preview]]></wp:post_name>", "<wp:post_name><![CDATA[sunday-ferry-returns]]></wp:post_name>"));
        var report = await RefusedAsync(() => app.ImportWordPressAsync(file));
        var error = Assert.Single(report.Errors);
        Assert.Equal("slug", error.Field);
        Assert.Contains("post:14", error.Item);
        Assert.Contains("post:11", error.Message);
    }

    [Fact]
    public async Task SlugOfAnExistingStory_IsRefused()
    {
        var demoSlug = app.WithDb(db => db.Articles.OrderBy(a => a.Id).First().Slug);
        var file = app.Variant(Wxr, ("<wp:post_name><![CDATA[regatta-week-preview]]></wp:post_name>", $"<wp:post_name><![CDATA[{demoSlug}]]></wp:post_name>"));
        var report = await RefusedAsync(() => app.ImportWordPressAsync(file));
        Assert.Contains(report.Errors, e => e.Field == "slug" && e.Message.Contains("already used by article") && e.Item.Contains("post:14"));
    }

    [Fact]
    public async Task MissingAuthors_AreNamed()
    {
        var wordPress = app.Variant(Wxr, ("<dc:creator><![CDATA[desmond]]></dc:creator>\n\t\t<guid isPermaLink=\"false\">https://lantern.example/?p=15</guid>",
            "<dc:creator><![CDATA[nobody]]></dc:creator>\n\t\t<guid isPermaLink=\"false\">https://lantern.example/?p=15</guid>"));
        var report = await RefusedAsync(() => app.ImportWordPressAsync(wordPress));
        Assert.Contains(report.Errors, e => e.Item.Contains("post 15") && e.Field == "dc:creator" && e.Message.Contains("\"nobody\""));

        var ghost = app.Variant(Ghost, ("\"post_id\": \"p2\",\n      \"author_id\": \"64a0000000000000000000u2\"", "\"post_id\": \"p2\",\n      \"author_id\": \"ghost-of-nobody\""));
        var ghostReport = await RefusedAsync(() => app.ImportGhostAsync(ghost));
        Assert.Contains(ghostReport.Errors, e => e.Item.Contains("post p2") && e.Field == "posts_authors" && e.Message.Contains("ghost-of-nobody"));
    }

    [Fact]
    public async Task InvalidDates_AreNamed()
    {
        var wordPress = app.Variant(Wxr, ("<wp:post_date_gmt><![CDATA[2019-11-02 12:00:00]]></wp:post_date_gmt>", "<wp:post_date_gmt><![CDATA[2019-13-45 12:00:00]]></wp:post_date_gmt>"));
        var report = await RefusedAsync(() => app.ImportWordPressAsync(wordPress));
        Assert.Contains(report.Errors, e => e.Item.Contains("post 12") && e.Field == "wp:post_date_gmt" && e.Message.Contains("2019-13-45"));

        var ghost = app.Variant(Ghost, ("\"published_at\": \"2023-06-20T10:00:00.000Z\"", "\"published_at\": \"midsummer\""));
        Assert.Contains((await RefusedAsync(() => app.ImportGhostAsync(ghost))).Errors, e => e.Item.Contains("post p2") && e.Field == "published_at" && e.Message.Contains("midsummer"));
    }

    [Fact]
    public async Task ScriptsInBodies_AreRemovedAndReported_NotFatal()
    {
        // Scripts are a warning, not an error: checked in a dry run so this class stays free of imports.
        var report = await app.ImportWordPressAsync(ImportTestSupport.Fixture(Wxr), dryRun: true);
        Assert.False(report.Failed, report.ToString());
        Assert.Contains(report.Warnings, w => w.Item.Contains("post:11") && w.Field == "body" && w.Message.Contains("<script>"));
    }

    [Fact]
    public async Task DryRun_ReportsWithoutWriting()
    {
        var before = await DbFingerprint.TakeAsync(app.Services);
        var report = await app.ImportGhostAsync(ImportTestSupport.Fixture(Ghost), dryRun: true);
        Assert.False(report.Failed, report.ToString());
        Assert.Equal(4, report.Created("articles"));
        Assert.StartsWith("Dry run", report.ToString());
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task Cli_DryRun_PrintsReportAndProgress()
    {
        var before = await DbFingerprint.TakeAsync(app.Services);
        var (exit, output, errors) = await app.RunCliAsync("import", "wordpress", ImportTestSupport.Fixture(Wxr), "--dry-run");
        Assert.True(exit == 0, output + errors);
        Assert.Contains("Dry run: nothing was written", output);
        Assert.Matches(@"articles\s+6 new", output);
        Assert.Contains("Kept as HTML", output);
        // Not a terminal: progress comes as plain lines.
        Assert.Matches(@"stories\s+\d+/7", errors);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));

        var (badExit, badOutput, _) = await app.RunCliAsync("import", "ghost", ImportTestSupport.Fixture(Wxr));
        Assert.Equal(1, badExit);
        Assert.Contains("Import failed", badOutput);
    }
}
