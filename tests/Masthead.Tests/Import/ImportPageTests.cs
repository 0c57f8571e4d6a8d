using System.Net;
using System.Text.Json;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Import;

/// <summary>/newsroom/import: an admin uploads an export, the job runs in the background, the page reports at the end.</summary>
public class ImportPageTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task Admin_UploadsAnExport_SeesProgressThenTheReport()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin, "Ines Import");
        var page = await admin.Http.GetPageAsync("/newsroom/import");
        var form = page.QuerySelector("form[enctype='multipart/form-data']")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.NotNull(page.QuerySelector("label[for=f-file]"));

        // Without the CSRF token the upload is refused.
        var forged = new MultipartFormDataContent { { new StringContent("wordpress"), "Format" } };
        forged.Add(new ByteArrayContent(File.ReadAllBytes(ImportTestSupport.Fixture("wordpress-small.xml"))), "file", "lantern.xml");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsync("/newsroom/import", forged)).StatusCode);

        // Every known format is offered, the first chosen; a format the importer does not know is named as the fault.
        Assert.Equal(["wordpress", "ghost"], page.QuerySelectorAll("input[name=Format]").Select(i => i.GetAttribute("value")));
        Assert.NotNull(page.QuerySelector("input[name=Format][value=wordpress][checked]"));
        var unknown = await admin.Http.PostAsync("/newsroom/import", new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("drupal"), "Format" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Choose what made the file: WordPress or Ghost 4–6.", System.Net.WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));

        // Without a file, the form says which field is missing.
        var empty = await admin.Http.PostAsync("/newsroom/import", new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("wordpress"), "Format" } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Choose the export file", await empty.Content.ReadAsStringAsync());

        var upload = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("wordpress"), "Format" } };
        upload.Add(new ByteArrayContent(File.ReadAllBytes(ImportTestSupport.Fixture("wordpress-small.xml"))), "file", "lantern.xml");
        var started = await admin.Http.PostAsync("/newsroom/import", upload);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobPage = started.Headers.Location!.OriginalString;
        Assert.StartsWith("/newsroom/import?job=", jobPage);
        var job = jobPage["/newsroom/import?job=".Length..];

        // The status the page's script polls, until the job ends (bounded by a count, not by time).
        JsonElement status = default;
        for (var i = 0; i < 600; i++)
        {
            var response = await admin.Http.GetAsync($"/newsroom/import?handler=status&job={job}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (status.GetProperty("finished").GetBoolean()) break;
            await Task.Delay(100);
        }
        Assert.True(status.GetProperty("finished").GetBoolean());
        Assert.False(status.GetProperty("failed").GetBoolean());

        var report = await admin.Http.GetPageAsync(jobPage);
        var articles = report.QuerySelectorAll("#import-job tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "articles");
        Assert.Equal("6", articles.QuerySelectorAll("td")[0].TextContent);
        Assert.Contains("Import complete.", report.QuerySelector("#import-job [role=status]")!.TextContent);
        Assert.Contains(report.QuerySelectorAll("#import-job li"), li => li.TextContent.Contains("<details>"));
        Assert.Equal(1, app.WithDb(db => db.Articles.Count(a => a.Slug == "sunday-ferry-returns")));
        // The uploaded file does not stay on the server.
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "imports")));
    }
}
