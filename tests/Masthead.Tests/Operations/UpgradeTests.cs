using System.IO.Compression;
using System.Net;
using Masthead.Core.Articles;
using Masthead.Tests.Import;
using Masthead.Tests.Support;

namespace Masthead.Tests.Operations;

/// <summary>
/// A publication made by an earlier release (Operations/EarlierRelease: the demo and an editor, schema eight
/// migrations back) restored into this one, which migrates it: every story is there and reads as before on the site,
/// in search, in the Content API and the newsroom, the editor signs in with the password that release hashed, and new
/// work (a story written and published) goes through on the upgraded schema.
/// </summary>
public class UpgradeTests
{
    [Fact]
    public async Task APublicationFromAnEarlierRelease_IsMigrated_AndWorks()
    {
        var backup = EarlierReleaseBackup();
        var empty = new EmptyMastheadFactory { KeepDataOnDispose = true };
        AppOnSameData? upgraded = null;
        try
        {
            await empty.InitializeAsync();
            await ((IAsyncLifetime)empty).DisposeAsync();
            var (code, output, errors) = await empty.RunCliAsync("restore", backup);
            Assert.True(code == 0, output + errors);

            upgraded = new AppOnSameData(empty.DataDirectory, empty.ConnectionString);
            await upgraded.InitializeAsync();
            var stories = upgraded.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published)
                .Select(a => new { a.Id, a.Headline, Path = "/" + a.PrimarySection.Path + "/" + a.Slug }).ToList());
            Assert.Equal(38, upgraded.WithDb(db => db.Articles.Count()));
            Assert.True(stories.Count > 30, $"{stories.Count} published stories");

            var reader = upgraded.Reader();
            foreach (var story in stories.Take(5))
            {
                var page = await reader.GetAsync(story.Path);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains(story.Headline, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
            }
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/feed.xml")).StatusCode);

            // The search index came across (SQLite's triggers and table, PostgreSQL's columns).
            var search = await reader.GetStringAsync("/search?q=" + Uri.EscapeDataString(stories[0].Headline));
            Assert.Contains(stories[0].Headline, WebUtility.HtmlDecode(search));

            var api = await upgraded.ClientAsAsync(Core.Accounts.Role.Editor);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/articles")).StatusCode);

            // That release's editor signs in with that release's password hash, opens a story and writes a new one.
            var desk = upgraded.Visitor();
            var signedIn = await desk.SignInAsync("desk@quire.example", "an older release's password");
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            await desk.GetPageAsync($"/newsroom/stories/{stories[0].Id}");
            var written = await upgraded.StoryAsync("Written after the upgrade");
            await upgraded.PublishAsync(written.Id);
            var home = await reader.GetStringAsync("/");
            Assert.Contains("Written after the upgrade", home);
        }
        finally
        {
            if (upgraded is not null) await ((IAsyncLifetime)upgraded).DisposeAsync();
            Directory.Delete(Path.GetDirectoryName(backup)!, recursive: true);
        }
    }

    /// <summary>The earlier release's backup folder for this test's database, copied (and the SQLite file unzipped) to a temporary folder.</summary>
    private static string EarlierReleaseBackup()
    {
        var kind = TestDatabase.IsPostgres ? "postgres" : "sqlite";
        var source = Path.Combine(AppContext.BaseDirectory, "Operations", "EarlierRelease", kind);
        var target = Path.Combine(Directory.CreateTempSubdirectory("masthead-earlier-").FullName, "backup");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            if (file.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var zipped = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var unzipped = File.Create(Path.Combine(target, Path.GetFileNameWithoutExtension(file)));
                zipped.CopyTo(unzipped);
            }
            else File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return target;
    }
}
