using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.ContentApi;
using Masthead.Tests.Support;
using static Masthead.Tests.Security.HostileCorpus;

namespace Masthead.Tests.Security;

/// <summary>
/// The fields the story corpus does not reach, ten inputs at a time: a live blog's entries (public page, the live
/// updates document, the admin API), update and correction notes, a reviewer's comment (the newsroom's story page),
/// and the names of people, API tokens and Content API keys (the People and settings pages). Nothing executable comes
/// out, every document parses, nothing answers 500.
/// </summary>
public class HostileNewsroomCorpusTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static IEnumerable<object[]> Groups() => Batches(10);

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task HostileInputs_InEntriesNotesAndComments_ComeOutAsText(int batch, string[] lines)
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var story = await editor.PostJsonAsync("/api/admin/articles",
            new { headline = $"Live corpus {batch}", standfirst = "Entries from the corpus.", body = "Live.", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        var id = story["id"]!.GetValue<int>();
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        await editor.PostJsonAsync($"/api/admin/articles/{id}/live", new { }, 200);
        var path = app.WithDb(db => db.Articles.Where(a => a.Id == id).Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).Single());

        foreach (var input in lines.Select(Unescape))
        {
            var entry = await editor.PostAsync($"/api/admin/articles/{id}/entries", ApiJson.Body(new { body = $"Entry {input} after.", keyEvent = true }));
            AssertNot500(entry, "live entry");
            if (entry.StatusCode != HttpStatusCode.Created) AssertRefusedAsAProblem(entry, "live entry");
            var note = await editor.PostAsync($"/api/admin/articles/{id}/notes", ApiJson.Body(new { kind = "Correction", text = $"Corrected {input}" }));
            AssertNot500(note, "note");
            if (!note.IsSuccessStatusCode) AssertRefusedAsAProblem(note, "note");
        }
        await GetSafePageAsync(app.Reader(), path);
        AssertSafeFragment(await GetOkAsync(app.Reader(), $"/live/{id}/entries"), "live updates");
        AssertSafeJson(await GetOkAsync(editor, $"/api/admin/articles/{id}/entries"), "entries API").Dispose();

        // A reviewer's comment, on a draft sent back to its writer.
        var newsroom = await app.NewsroomAsAsync(Role.Editor);
        foreach (var input in lines.Select(Unescape))
        {
            var draft = await editor.PostJsonAsync("/api/admin/articles", new { headline = $"Reviewed corpus {batch}", section = "news" }, 201);
            var draftId = draft["id"]!.GetValue<int>();
            await editor.PostJsonAsync($"/api/admin/articles/{draftId}/submit", new { }, 200);
            var sentBack = await editor.PostAsync($"/api/admin/articles/{draftId}/request-changes", ApiJson.Body(new { comment = $"Please {input} fix" }));
            AssertNot500(sentBack, "review comment");
            await GetSafePageAsync(newsroom.Http, $"/newsroom/stories/{draftId}");
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task HostileInputs_InPeopleTokenAndKeyNames_ComeOutAsText(int batch, string[] lines)
    {
        foreach (var (input, i) in lines.Select(Unescape).Select((input, i) => (input, i)))
        {
            var email = $"corpus-{batch}-{i}@quire.example";
            var person = await app.UseAsync<AccountService, Core.Common.Result<User>>(s => s.CreateUserAsync(email, $"Person {input}", Role.Author, MastheadAppFactory.TestPassword, CancellationToken.None));
            if (person.Value is not null)
                await app.UseAsync<AccountService, Core.Common.Result<string>>(s => s.CreateTokenAsync(email, $"Token {input}", CancellationToken.None));
            await app.UseAsync<ContentApiKeys, Core.Common.Result<string>>(k => k.CreateAsync($"Key {input}", Core.Accounts.Editor.System, CancellationToken.None));
        }
        var admin = await app.NewsroomAsAsync(Role.Admin);
        await GetSafePageAsync(admin.Http, "/newsroom/people");
        await GetSafePageAsync(admin.Http, "/newsroom/settings/tokens");
        await GetSafePageAsync(admin.Http, "/newsroom/settings/content-keys");
        await GetSafePageAsync(admin.Http, "/newsroom/audit");
    }
}
