using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Changes;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Operations;

/// <summary>An app started again on an earlier app's data folder and database, as after a restore.</summary>
public sealed class AppOnSameData(string dataDirectory, string connectionString) : MastheadAppFactory(dataDirectory, connectionString);

/// <summary>
/// `masthead backup DIR` of a running publication, changes made after it (a headline, a story taken down, a picture's
/// files lost), then the nodes stopped and `masthead restore DIR --replace`: every row is as it was at the backup, the
/// pages say so and the picture is served again. Runs on both databases (SQLite's backup API, pg_dump and pg_restore).
/// </summary>
public class BackupRestoreTests
{
    [Fact]
    public async Task ABackup_PutsThePublicationBack_AsItWasWhenTaken()
    {
        var first = new MastheadAppFactory { KeepDataOnDispose = true };
        var folder = Path.Combine(Path.GetTempPath(), "masthead-backup-" + Guid.NewGuid().ToString("N"));
        AppOnSameData? restarted = null;
        string atBackup;
        Dictionary<string, byte[]> pictureBytes;
        try
        {
            await first.InitializeAsync();
            var stories = first.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Headline, Path = "/" + a.PrimarySection.Path + "/" + a.Slug }).Take(2).ToList());
            var (edited, takenDown) = (stories[0], stories[1]);
            var picture = first.WithDb(db => db.Media.OrderBy(m => m.Id).Select(m => m.StorageKey).First());
            var pictureFolder = Path.Combine(first.DataDirectory, "media", picture);
            pictureBytes = Directory.GetFiles(pictureFolder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

            var (code, output, errors) = await first.RunCliAsync("backup", folder);
            Assert.True(code == 0, output + errors);
            Assert.Contains("Backed up the", output);
            atBackup = await FingerprintAsync(first);

            // A backup goes only into an empty folder, and is never restored over content without --replace.
            var (again, _, notEmpty) = await first.RunCliAsync("backup", folder);
            Assert.Equal(1, again);
            Assert.Contains("is not empty", notEmpty);
            var (refused, _, refusal) = await first.RunCliAsync("restore", folder);
            Assert.Equal(1, refused);
            Assert.Contains("--replace", refusal);
            Assert.Equal(atBackup, await FingerprintAsync(first));

            // What happens after the backup: an edit, a takedown, a picture's files lost.
            var editor = await first.ClientAsAsync(Role.Editor);
            var current = await editor.GetAsync($"/api/admin/articles/{edited.Id}");
            (await editor.PatchJsonAsync($"/api/admin/articles/{edited.Id}", new { headline = "Changed after the backup" }, current.Headers.ETag!.Tag))
                .EnsureSuccessStatusCode();
            (await editor.PostAsync($"/api/admin/articles/{takenDown.Id}/unpublish", ApiJson.Body(new { }))).EnsureSuccessStatusCode();
            Directory.Delete(pictureFolder, recursive: true);
            Assert.NotEqual(atBackup, await FingerprintAsync(first));
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }

        try
        {
            // Every node stopped, then the restore.
            var (code, output, errors) = await first.RunCliAsync("restore", folder, "--replace");
            Assert.True(code == 0, output + errors);
            Assert.Contains("Restored the backup", output);

            restarted = new AppOnSameData(first.DataDirectory, first.ConnectionString);
            await restarted.InitializeAsync();
            var stories = restarted.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Headline, Path = "/" + a.PrimarySection.Path + "/" + a.Slug }).Take(2).ToList());
            var reader = restarted.Reader();
            foreach (var story in stories)
            {
                var page = await reader.GetAsync(story.Path);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains(story.Headline, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
            }
            Assert.DoesNotContain(stories, s => s.Headline == "Changed after the backup");

            var picture = restarted.WithDb(db => db.Media.OrderBy(m => m.Id).First());
            var restoredFiles = Directory.GetFiles(Path.Combine(restarted.DataDirectory, "media", picture.StorageKey))
                .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
            Assert.Equal(pictureBytes.Keys.Order(), restoredFiles.Keys.Order());
            foreach (var (name, bytes) in pictureBytes) Assert.Equal(bytes, restoredFiles[name]);
            var served = await reader.GetAsync(Masthead.Core.Media.MediaUrls.Default(Masthead.Core.Media.MediaRef.From(picture)));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);

            // Row for row as at the backup; only the change log (a restore and each start write to it) differs.
            Assert.Equal(atBackup, await FingerprintAsync(restarted));
        }
        finally
        {
            if (restarted is not null) await ((IAsyncLifetime)restarted).DisposeAsync();
            else await DropAsync(first);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARestore_RefusesABackupOfAnotherDatabase_OrOfALaterRelease_AndChangesNothing()
    {
        var app = new MastheadAppFactory();
        var folder = Directory.CreateTempSubdirectory("masthead-backup-").FullName;
        try
        {
            await app.InitializeAsync();
            var before = await FingerprintAsync(app);
            var (code, output, errors) = await app.RunCliAsync("backup", folder);
            Assert.True(code == 0, output + errors);
            var manifestFile = Path.Combine(folder, "masthead-backup.json");
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestFile))!;

            var other = TestDatabase.IsPostgres ? "sqlite" : "postgres";
            var wrongKind = manifest.DeepClone();
            wrongKind["database"] = other;
            await File.WriteAllTextAsync(manifestFile, wrongKind.ToJsonString());
            var (refused, _, refusal) = await app.RunCliAsync("restore", folder, "--replace");
            Assert.Equal(1, refused);
            Assert.Contains($"backup is of a {other} database", refusal);
            Assert.Contains("masthead export", refusal);

            var later = manifest.DeepClone();
            later["migration"] = "29991231000000_FromTheFuture";
            await File.WriteAllTextAsync(manifestFile, later.ToJsonString());
            (refused, _, refusal) = await app.RunCliAsync("restore", folder, "--replace");
            Assert.Equal(1, refused);
            Assert.Contains("later release", refusal);

            File.Delete(manifestFile);
            (refused, _, refusal) = await app.RunCliAsync("restore", folder, "--replace");
            Assert.Equal(1, refused);
            Assert.Contains("did not finish", refusal);

            Assert.Equal(before, await FingerprintAsync(app));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every row, leaving out the change log, which a restore and each start add to by design.</summary>
    private static Task<string> FingerprintAsync(MastheadAppFactory app) => DbFingerprint.TakeAsync(app.Services, typeof(ContentChangeRecord));

    /// <summary>A test that failed before its restarted app existed still leaves no database behind.</summary>
    private static async Task DropAsync(MastheadAppFactory stopped)
    {
        var cleanup = new AppOnSameData(stopped.DataDirectory, stopped.ConnectionString);
        await cleanup.InitializeAsync();
        await ((IAsyncLifetime)cleanup).DisposeAsync();
    }
}
