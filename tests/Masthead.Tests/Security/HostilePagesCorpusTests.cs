using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using static Masthead.Tests.Security.HostileCorpus;

namespace Masthead.Tests.Security;

/// <summary>
/// Standalone pages are written by importing an export (there is no page editor), so the hostile inputs arrive as
/// pages of a Ghost export uploaded through the newsroom's import page: each as a page's title, slug and HTML body,
/// the batch's first as the export's file name. Read back from the import report, each page's public address, the
/// Content API and the sitemap. Ten inputs to an import keeps this to four jobs.
/// </summary>
public class HostilePagesCorpusTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static IEnumerable<object[]> Batches() => HostileCorpus.Batches(10);

    /// <summary>The small Ghost fixture with its posts replaced by one published page per input.</summary>
    private static string GhostExportOf(IReadOnlyList<string> inputs, int batch)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", "ghost-small.json")))!;
        var data = root["db"]![0]!["data"]!;
        var template = data["posts"]!.AsArray().Single(p => p!["type"]!.GetValue<string>() == "page")!;
        var pages = new JsonArray();
        var authors = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var id = $"hostile-{batch}-{i}";
            var page = template.DeepClone();
            page["id"] = id;
            page["uuid"] = id + "-uuid";
            page["comment_id"] = id;
            page["title"] = $"Page {batch}-{i} {inputs[i]}";
            page["slug"] = inputs[i];
            page["html"] = $"<p>Before {inputs[i]} after.</p>{inputs[i]}<p><a href=\"/about\">{inputs[i]}</a></p>";
            page["custom_excerpt"] = inputs[i];
            pages.Add(page);
            authors.Add(new JsonObject { ["id"] = id + "-a", ["post_id"] = id, ["author_id"] = "64a0000000000000000000u1", ["sort_order"] = 0 });
        }
        data["posts"] = pages;
        data["posts_authors"] = authors;
        data["posts_tags"] = new JsonArray();
        data["posts_meta"] = new JsonArray();
        return root.ToJsonString();
    }

    private static async Task<HttpResponseMessage> UploadAsync(NewsroomClient admin, byte[] export, string fileName)
    {
        var token = await admin.CsrfTokenAsync("/newsroom/import");
        var upload = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        upload.Add(new StringContent(token), "__RequestVerificationToken");
        upload.Add(new StringContent("ghost"), "Format");
        var file = new ByteArrayContent(export);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // As a browser writes it: raw UTF-8, only the quote and line breaks percent-encoded.
        var escaped = fileName.Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{escaped}\"");
        upload.Add(file);
        return await admin.Http.PostAsync("/newsroom/import", upload);
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public async Task HostileInputs_AsImportedPages_ComeOutOfEverySurface_AsText(int batch, string[] lines)
    {
        var inputs = lines.Select(Unescape).ToList();
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var export = Encoding.UTF8.GetBytes(GhostExportOf(inputs, batch));
        var started = await UploadAsync(admin, export, inputs[0] + ".json");
        AssertNot500(started, "import upload");
        if (started.StatusCode != HttpStatusCode.Redirect)
        {
            // A file name the form cannot carry (a NUL) is refused as a whole; the export itself goes in under a plain name.
            Assert.Equal(HttpStatusCode.BadRequest, started.StatusCode);
            AssertSafeHtml(await started.Content.ReadAsStringAsync(), "import refused");
            started = await UploadAsync(admin, export, $"batch-{batch}.json");
        }
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobPage = started.Headers.Location!.OriginalString;
        var job = jobPage["/newsroom/import?job=".Length..];

        // The status the page's script polls, until the job ends (bounded by a count, not by time).
        for (var i = 0; i < 600; i++)
        {
            using var status = AssertSafeJson(await GetOkAsync(admin.Http, $"/newsroom/import?handler=status&job={job}"), "import status");
            if (status.RootElement.GetProperty("finished").GetBoolean())
            {
                Assert.False(status.RootElement.GetProperty("failed").GetBoolean());
                break;
            }
            await Task.Delay(100);
        }
        // The report names refused slugs and the like in the editor's own words: as text.
        await GetSafePageAsync(admin.Http, jobPage);

        var content = await app.ContentClientAsync();
        using var listed = AssertSafeJson(await GetOkAsync(content, "/api/content/v1/pages"), "Content API pages");
        var ours = listed.RootElement.GetProperty("data").EnumerateArray()
            .Where(p => p.GetProperty("title").GetString()!.StartsWith($"Page {batch}-", StringComparison.Ordinal))
            .Select(p => p.GetProperty("slug").GetString()!).ToList();
        Assert.Equal(inputs.Count, ours.Count);
        var reader = app.Reader();
        foreach (var slug in ours)
        {
            await GetSafePageAsync(reader, "/" + slug);
            AssertSafeJson(await GetOkAsync(content, "/api/content/v1/pages/" + slug), "Content API page").Dispose();
        }
        XDocument.Parse(await GetOkAsync(reader, "/sitemap.xml"));
    }
}
