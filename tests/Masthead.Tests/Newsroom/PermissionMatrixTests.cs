using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Curation;
using Masthead.Core.LiveBlogs;
using Masthead.Core.Media;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Tests.Media;
using Masthead.Tests.Support;
using Masthead.Web.Media;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>One signed-in person per role (newsroom session and API token for the same account), made once per app.</summary>
public sealed class MatrixApp : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // fetching rules change nothing a first start writes

    // Invitations and password resets go through with no mail server set up, which the app logs with the link.
    public MatrixApp() => ExpectLog("No SMTP server is configured, so this link was not emailed");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Media:FetchAllowedNetworks:0", "127.0.0.0/8");
    }

    private readonly Dictionary<Role, PermissionMatrixTests.Actor> _actors = [];
    private Editor? _other;

    public async Task<PermissionMatrixTests.Actor> ActorAsync(Role role)
    {
        if (_actors.TryGetValue(role, out var actor)) return actor;
        var newsroom = await NewsroomAsAsync(role, $"Matrix {role}");
        var (id, email) = this.NewestUser();
        var token = await this.UseAsync<AccountService, string>(async a => (await a.CreateTokenAsync(email, "matrix", CancellationToken.None)).Value!);
        var api = Reader();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _actors[role] = new PermissionMatrixTests.Actor(role, this.EditorFor(id), newsroom, api);
    }

    /// <summary>Whoever owns "other people's" stories: a contributor who is none of the actors.</summary>
    public async Task<Editor> OtherAsync()
    {
        if (_other is not null) return _other;
        await NewUserAsync(Role.Contributor, "Matrix Other");
        return _other = this.EditorFor(this.NewestUser().Id);
    }
}

/// <summary>
/// The permission matrix of docs/permissions.md, walked whole: every role against every newsroom page, every
/// state-changing newsroom form and every state-changing admin API endpoint. Allowed means a success status;
/// refused means 403 (or, for a browser, a redirect to /newsroom/forbidden) and a database left exactly as it
/// was. A further test lists the app's own endpoints, so one added without a row here fails.
/// </summary>
public class PermissionMatrixTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    public sealed record Actor(Role Role, Editor Editor, NewsroomClient Newsroom, HttpClient Api);

    public sealed record Ctx(MatrixApp App, Actor Me, Editor Other);

    /// <summary>
    /// One action. <see cref="Endpoint"/> names the route it exercises ("POST /newsroom/sections/{id}?handler=Delete");
    /// <see cref="Prepare"/> sets up what it acts on and returns the request, so the database can be fingerprinted in between.
    /// </summary>
    public sealed record Case(string Name, string Endpoint, Func<Role, bool> Allowed, Func<Ctx, Task<Func<Task<HttpResponseMessage>>>> Prepare,
        bool ChangesDatabase = true);

    // The documented matrix, stated here rather than read from Permissions.cs, so the code cannot drift from the docs unseen.
    private static bool Everyone(Role role) => true;
    private static bool AuthorsUp(Role role) => role >= Role.Author;
    private static bool EditorsUp(Role role) => role >= Role.Editor;
    private static bool Admins(Role role) => role == Role.Admin;

    private static readonly Role[] Roles = Enum.GetValues<Role>();

    // ---- setting things up through the use cases, as the system ----

    private static Task<Article> DraftAsync(Ctx c, Editor owner) =>
        c.App.StoryAsync($"Matrix story {Guid.NewGuid():N}", owner, body: "One line.\n\nAnother line.");

    private static async Task<Article> InReviewAsync(Ctx c, Editor owner)
    {
        var story = await DraftAsync(c, owner);
        await c.App.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(story.Id, null, owner, CancellationToken.None)).Value!);
        return story;
    }

    private static async Task<Article> PublishedAsync(Ctx c, Editor owner)
    {
        var story = await DraftAsync(c, owner);
        await c.App.PublishAsync(story.Id);
        return story;
    }

    /// <summary>A published story whose owner has autosaved pending changes to it.</summary>
    private static async Task<Article> PendingAsync(Ctx c, Editor owner)
    {
        var story = await PublishedAsync(c, owner);
        await c.App.UseAsync<SaveArticle, Article>(async s => (await s.UpdateAsync(story.Id, new ArticleInput { Standfirst = "Pending, not live." }, null, owner,
            CancellationToken.None, EditMode.WorkingCopyOnly)).Value!);
        return story;
    }

    private static async Task<Article> PendingInReviewAsync(Ctx c, Editor owner)
    {
        var story = await PendingAsync(c, owner);
        await c.App.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(story.Id, null, owner, CancellationToken.None)).Value!);
        return story;
    }

    /// <summary>A story with two revisions, for restoring the first.</summary>
    private static async Task<(Article Story, long FirstRevision, int Version)> RevisedAsync(Ctx c, Editor owner)
    {
        var story = await DraftAsync(c, owner);
        var updated = await c.App.UseAsync<SaveArticle, Article>(async s =>
            (await s.UpdateAsync(story.Id, new ArticleInput { Standfirst = "Changed." }, null, owner, CancellationToken.None)).Value!);
        var first = c.App.WithDb(db => db.ArticleRevisions.Where(r => r.ArticleId == story.Id).OrderBy(r => r.Version).First().Id);
        return (story, first, updated.Version);
    }

    /// <summary>A published story with live coverage running.</summary>
    private static async Task<Article> LiveBlogAsync(Ctx c, Editor owner)
    {
        var story = await PublishedAsync(c, owner);
        await c.App.UseAsync<LiveBlogDesk, Article>(async d => (await d.StartAsync(story.Id, Editor.System, CancellationToken.None)).Value!);
        return story;
    }

    private static async Task<(Article Story, LiveEntry Entry)> LiveEntryAsync(Ctx c, Editor owner)
    {
        var story = await LiveBlogAsync(c, owner);
        var entry = await c.App.UseAsync<LiveBlogDesk, LiveEntry>(async d =>
            (await d.PostAsync(story.Id, new LiveEntryInput("From the scene."), Editor.System, CancellationToken.None)).Value!);
        return (story, entry);
    }

    private static Case ApiEntry(string name, string method, Func<Role, bool> allowed, bool own, object? body = null) =>
        new($"api: {name}", $"{method} /api/admin/articles/{{id:int}}/entries/{{entryId:int}}", allowed, async c =>
        {
            var (story, entry) = await LiveEntryAsync(c, own ? c.Me.Editor : c.Other);
            return Api(c, new HttpMethod(method), $"/api/admin/articles/{story.Id}/entries/{entry.Id}", body);
        });

    /// <summary>A form of a story's live-coverage page; refused actors, who see no such form, post a forged one.</summary>
    private static Case LiveForm(string name, string handler, Func<Role, bool> allowed, bool own, Func<Ctx, Editor, Task<(Article Story, int? EntryId)>> arrange,
        string form, Dictionary<string, string>? fields = null) =>
        new($"newsroom live coverage: {name}", $"POST /newsroom/stories/{{id:int}}/live?handler={handler}", allowed, async c =>
        {
            var (story, entryId) = await arrange(c, own ? c.Me.Editor : c.Other);
            var values = new Dictionary<string, string>(fields ?? []);
            if (entryId is { } e) values["entryId"] = e.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var page = $"/newsroom/stories/{story.Id}/live";
            return await FormAsync(c, page, form, $"{page}?handler={handler}", values);
        });

    private static async Task<(Article, int?)> LiveDraftOnly(Ctx c, Editor owner) => (await DraftAsync(c, owner), null);
    private static async Task<(Article, int?)> LiveBlogOnly(Ctx c, Editor owner) => (await LiveBlogAsync(c, owner), null);
    private static async Task<(Article, int?)> LiveBlogWithEntry(Ctx c, Editor owner)
    {
        var (story, entry) = await LiveEntryAsync(c, owner);
        return (story, entry.Id);
    }

    private static Task<Section> SectionAsync(Ctx c, string parent = "life") =>
        c.App.UseAsync<SaveSection, Section>(async s => (await s.CreateAsync(new SectionInput($"Desk {Guid.NewGuid():N}"[..13], null, parent, null, null), Editor.System, CancellationToken.None)).Value!);

    /// <summary>A story pinned second on a section's page (so it can move up), with room left for more pins.</summary>
    private static async Task<Pin> PinAsync(Ctx c, string sectionPath)
    {
        var sectionId = c.App.WithDb(db => db.Sections.Single(s => s.Path == sectionPath).Id);
        var admin = new Editor(0, Role.Admin, null);
        return await c.App.UseAsync<FrontPagePins, Pin>(async pins =>
        {
            foreach (var old in await pins.ListAsync(sectionId, CancellationToken.None)) await pins.UnpinAsync(old.PinId, admin, CancellationToken.None);
            await pins.PinAsync((await PublishedAsync(c, c.Other)).Id, sectionId, admin, CancellationToken.None);
            return (await pins.PinAsync((await PublishedAsync(c, c.Other)).Id, sectionId, admin, CancellationToken.None)).Value!;
        });
    }

    /// <summary>Another site's pictures for the fetch row, started once for the whole matrix (the matrix app lets fetches reach loopback).</summary>
    private static readonly Lazy<Task<PictureSite>> Pictures = new(() => PictureSite.StartAsync(TestImages.Jpeg(900, 600)));

    private static Task<Tag> TagAsync(Ctx c) =>
        c.App.UseAsync<SaveTag, Tag>(async s => (await s.CreateAsync(new TagInput($"Topic {Guid.NewGuid():N}", null), Editor.System, CancellationToken.None)).Value!);

    private static Task<Author> AuthorAsync(Ctx c) =>
        c.App.UseAsync<SaveAuthor, Author>(async s => (await s.CreateAsync(new AuthorInput($"Writer {Guid.NewGuid():N}", null, null, null, null), Editor.System, CancellationToken.None)).Value!);

    private static Task<MediaItem> PictureAsync(Ctx c, Editor owner) =>
        c.App.UseAsync<UploadMedia, MediaItem>(async u =>
            (await u.UploadAsync(new MediaUpload(TestImages.Jpeg(400, 300), $"matrix-{Guid.NewGuid():N}.jpg"), owner, variantsNow: false, CancellationToken.None)).Value!);

    /// <summary>A picture upload as the story editor's script sends it: multipart, with the page's CSRF token in a header.</summary>
    private static async Task<Func<Task<HttpResponseMessage>>> ScriptUploadAsync(Ctx c)
    {
        var token = await c.Me.Newsroom.CsrfTokenAsync("/newsroom");
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/newsroom/media/upload") { Content = MediaRequests.Form(TestImages.Jpeg(400, 300), "from-the-editor.jpg") };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return c.Me.Newsroom.Http.SendAsync(request);
        };
    }

    /// <summary>The media library's own upload form, posted as a browser would (multipart with the form's CSRF field).</summary>
    private static async Task<Func<Task<HttpResponseMessage>>> LibraryUploadAsync(Ctx c)
    {
        var token = await c.Me.Newsroom.CsrfTokenAsync("/newsroom/media");
        return () =>
        {
            var form = MediaRequests.Form(TestImages.Jpeg(400, 300), "from-the-library.jpg", alt: "A test card");
            form.Add(new StringContent(token), "__RequestVerificationToken");
            return c.Me.Newsroom.Http.PostAsync("/newsroom/media?handler=Upload", form);
        };
    }

    private static async Task<Func<Task<HttpResponseMessage>>> DescribePictureAsync(Ctx c, bool own)
    {
        var picture = await PictureAsync(c, own ? c.Me.Editor : c.Other);
        return () => c.Me.Newsroom.PostWithTokenAsync($"/newsroom/media/{picture.Id}", new() { ["Alt"] = $"Described {Guid.NewGuid():N}", ["FocalX"] = "0.3", ["FocalY"] = "0.6" },
            tokenFrom: $"/newsroom/media/{picture.Id}");
    }

    private static async Task<Func<Task<HttpResponseMessage>>> DeletePictureAsync(Ctx c, bool own)
    {
        var picture = await PictureAsync(c, own ? c.Me.Editor : c.Other);
        return () => c.Me.Newsroom.PostWithTokenAsync($"/newsroom/media/{picture.Id}?handler=Delete", [], tokenFrom: $"/newsroom/media/{picture.Id}");
    }

    private static async Task<int> WebhookAsync(Ctx c) =>
        (await c.App.UseAsync<Masthead.Web.Webhooks.WebhookSubscriptions, (Masthead.Core.Webhooks.WebhookSubscription Subscription, string)>(async s =>
            (await s.CreateAsync($"https://hooks.example/{Guid.NewGuid():N}", ["article.published"], Editor.System, CancellationToken.None)).Value)).Subscription.Id;

    private static async Task<int> NewsletterAsync(Ctx c) =>
        (await c.App.UseAsync<Masthead.Core.Newsletters.NewsletterDesk, Masthead.Core.Newsletters.Newsletter>(async d =>
            (await d.SaveAsync(null, new Masthead.Core.Newsletters.NewsletterInput($"Matrix letter {Guid.NewGuid():N}", "", null, "letters@quire.example", null, false, []),
                Editor.System, CancellationToken.None)).Value!)).Id;

    private static async Task<int> MemberAsync(MatrixApp app)
    {
        var id = 0;
        await app.WithDbAsync(async db =>
        {
            var member = new Masthead.Core.Members.Member
            {
                Email = $"matrix-{Guid.NewGuid():N}@test.example", Status = Masthead.Core.Members.MemberStatus.Active, CreatedAt = DateTime.UtcNow,
                ConsentSource = "test", PublicKey = Guid.NewGuid().ToString("N"), SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Members.Add(member);
            await db.SaveChangesAsync();
            id = member.Id;
        });
        return id;
    }

    private static async Task<int> PersonAsync(Ctx c, bool deactivated = false)
    {
        await c.App.NewUserAsync(Role.Contributor, "Matrix Target");
        var id = c.App.NewestUser().Id;
        if (deactivated) await c.App.UseAsync<UserAdministration, User>(async a => (await a.DeactivateAsync(id, Editor.System, CancellationToken.None)).Value!);
        return id;
    }

    // ---- making the requests ----

    /// <summary>
    /// Posts a newsroom form: the one the page shows, when this person may open the page, with <paramref name="fields"/>
    /// filled in; otherwise a hand-made one with a valid CSRF token, as a person would forge it.
    /// </summary>
    private static async Task<Func<Task<HttpResponseMessage>>> FormAsync(Ctx c, string page, string form, string post,
        Dictionary<string, string> fields, string? button = null)
    {
        var client = c.Me.Newsroom;
        var response = await client.Http.GetAsync(page);
        if (response.StatusCode == HttpStatusCode.OK && (await Html.ParseAsync(response)).QuerySelector(form) is { } element)
            return () => client.PostFormAsync(element, page, fields, button);
        var forged = new Dictionary<string, string>(fields);
        if (button is not null) forged[button.Split('=')[0]] = button.Split('=')[1];
        return () => client.PostWithTokenAsync(post, forged);
    }

    private static Func<Task<HttpResponseMessage>> Api(Ctx c, HttpMethod method, string url, object? body = null) => () =>
        c.Me.Api.SendAsync(new HttpRequestMessage(method, url) { Content = ApiJson.Body(body ?? new { }) });

    private static Task<Func<Task<HttpResponseMessage>>> Ready(Func<Task<HttpResponseMessage>> request) => Task.FromResult(request);

    private static Case Story(string name, string endpointAction, Func<Role, bool> allowed, bool own, Func<Ctx, Editor, Task<Article>> arrange,
        Dictionary<string, string>? fields = null, bool changes = true) =>
        new($"newsroom story: {name}", "POST /newsroom/stories/{id}", allowed, async c =>
        {
            var story = await arrange(c, own ? c.Me.Editor : c.Other);
            return await FormAsync(c, $"/newsroom/stories/{story.Id}", "#story-form", $"/newsroom/stories/{story.Id}", fields ?? [], $"action={endpointAction}");
        }, changes);

    private static Case ApiStory(string name, string path, Func<Role, bool> allowed, bool own, Func<Ctx, Editor, Task<Article>> arrange, object? body = null,
        string method = "POST") =>
        new($"api: {name}", $"{method} /api/admin/articles/{{id:int}}{path}", allowed, async c =>
        {
            var story = await arrange(c, own ? c.Me.Editor : c.Other);
            return Api(c, new HttpMethod(method), $"/api/admin/articles/{story.Id}{path}", body);
        });

    /// <summary>The stories list's action on several stories, confirmed, with a valid CSRF token (a contributor sees no others' stories to tick).</summary>
    private static Case Bulk(string name, string action, Func<Role, bool> allowed, bool own, Func<Ctx, Editor, Task<Article>> arrange, string moveTo = "") =>
        new($"newsroom stories: bulk {name}", "POST /newsroom/stories?handler=Bulk", allowed, async c =>
        {
            var story = await arrange(c, own ? c.Me.Editor : c.Other);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/stories?handler=Bulk", new()
            {
                ["Ids"] = story.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Action"] = action, ["MoveTo"] = moveTo, ["confirmed"] = "true",
            });
        });

    private static string Future(Ctx c) => c.App.Clock.GetUtcNow().AddDays(2).ToString("yyyy-MM-dd'T'HH:mm");

    public static readonly IReadOnlyList<Case> Cases =
    [
        // The story editor: one form, whose buttons are the workflow verbs.
        new("newsroom story: create a draft", "POST /newsroom/stories/{id}", Everyone, c => FormAsync(c, "/newsroom/stories/new", "#story-form", "/newsroom/stories/new",
            new() { ["Form.Headline"] = $"New in the matrix {Guid.NewGuid():N}", ["Form.Section"] = "news", ["Form.Bylines[0]"] = "wren-ashdown" }, "action=save")),
        Story("save own", "save", Everyone, own: true, DraftAsync, new() { ["Form.Standfirst"] = "Edited by its writer." }),
        Story("save others'", "save", EditorsUp, own: false, DraftAsync, new() { ["Form.Standfirst"] = "Edited by someone else." }),
        Story("submit own", "submit", Everyone, own: true, DraftAsync),
        Story("submit others'", "submit", EditorsUp, own: false, DraftAsync),
        Story("approve", "approve", EditorsUp, own: false, InReviewAsync),
        Story("save own live story (as pending changes, or live for those who publish)", "save", Everyone, own: true, PublishedAsync,
            new() { ["Form.Standfirst"] = "Changed while live." }),
        Story("save others' live story", "save", EditorsUp, own: false, PublishedAsync, new() { ["Form.Standfirst"] = "Changed by someone else." }),
        Story("submit own pending changes", "submit", Everyone, own: true, PendingAsync),
        Story("discard own pending changes", "discard-pending", Everyone, own: true, PendingAsync),
        Story("discard others' pending changes", "discard-pending", EditorsUp, own: false, PendingAsync),
        Story("approve pending changes", "approve", EditorsUp, own: false, PendingInReviewAsync),
        Story("request changes", "request-changes", EditorsUp, own: false, InReviewAsync, new() { ["Comment"] = "Tighten the second paragraph." }),
        Story("duplicate own", "duplicate", Everyone, own: true, PublishedAsync),
        Story("duplicate others'", "duplicate", EditorsUp, own: false, DraftAsync),
        Story("publish own", "publish", AuthorsUp, own: true, DraftAsync),
        Story("publish others'", "publish", EditorsUp, own: false, DraftAsync),
        new("newsroom story: schedule own", "POST /newsroom/stories/{id}", AuthorsUp, async c =>
        {
            var story = await DraftAsync(c, c.Me.Editor);
            return await FormAsync(c, $"/newsroom/stories/{story.Id}", "#story-form", $"/newsroom/stories/{story.Id}", new() { ["ScheduleAt"] = Future(c) }, "action=schedule");
        }),
        new("newsroom story: schedule others'", "POST /newsroom/stories/{id}", EditorsUp, async c =>
        {
            var story = await DraftAsync(c, c.Other);
            return await FormAsync(c, $"/newsroom/stories/{story.Id}", "#story-form", $"/newsroom/stories/{story.Id}", new() { ["ScheduleAt"] = Future(c) }, "action=schedule");
        }),
        Story("unpublish own", "unpublish", AuthorsUp, own: true, PublishedAsync),
        Story("unpublish others'", "unpublish", EditorsUp, own: false, PublishedAsync),
        new("newsroom story: embargo own", "POST /newsroom/stories/{id}", AuthorsUp, async c =>
        {
            var story = await DraftAsync(c, c.Me.Editor);
            return await FormAsync(c, $"/newsroom/stories/{story.Id}", "#story-form", $"/newsroom/stories/{story.Id}", new() { ["EmbargoAt"] = Future(c) }, "action=embargo");
        }),
        new("newsroom story: embargo others'", "POST /newsroom/stories/{id}", EditorsUp, async c =>
        {
            var story = await DraftAsync(c, c.Other);
            return await FormAsync(c, $"/newsroom/stories/{story.Id}", "#story-form", $"/newsroom/stories/{story.Id}", new() { ["EmbargoAt"] = Future(c) }, "action=embargo");
        }),
        Story("note own", "note", AuthorsUp, own: true, PublishedAsync, new() { ["NoteKind"] = "Correction", ["NoteText"] = "An earlier version misspelt a name." }),
        Story("note others'", "note", EditorsUp, own: false, PublishedAsync, new() { ["NoteKind"] = "Update", ["NoteText"] = "Added a response." }),
        Story("preview link own", "share", Everyone, own: true, DraftAsync, changes: false),
        Story("preview link others'", "share", EditorsUp, own: false, DraftAsync, changes: false),
        new("newsroom story: autosave own", "POST /newsroom/stories/{id}?handler=Autosave", Everyone, c => AutosaveAsync(c, own: true)),
        new("newsroom story: autosave others'", "POST /newsroom/stories/{id}?handler=Autosave", EditorsUp, c => AutosaveAsync(c, own: false)),
        new("newsroom story: restore own revision", "POST /newsroom/stories/{id:int}/history?handler=Restore", Everyone, c => RestoreAsync(c, own: true)),
        new("newsroom story: restore others' revision", "POST /newsroom/stories/{id:int}/history?handler=Restore", EditorsUp, c => RestoreAsync(c, own: false)),
        Bulk("unpublish own", "Unpublish", AuthorsUp, own: true, PublishedAsync),
        Bulk("unpublish others'", "Unpublish", EditorsUp, own: false, PublishedAsync),
        Bulk("move own draft", "MoveToSection", Everyone, own: true, DraftAsync, moveTo: "news"),
        Bulk("move others' draft", "MoveToSection", EditorsUp, own: false, DraftAsync, moveTo: "news"),

        // Sections, tags, authors.
        new("newsroom: create a section", "POST /newsroom/sections/{id}", EditorsUp, c => FormAsync(c, "/newsroom/sections/new", "#section-form", "/newsroom/sections/new",
            new() { ["Form.Name"] = $"Desk {Guid.NewGuid():N}"[..13], ["Form.Parent"] = "life" })),
        new("newsroom: edit a section", "POST /newsroom/sections/{id}", EditorsUp, async c =>
        {
            var section = await SectionAsync(c);
            return await FormAsync(c, $"/newsroom/sections/{section.Id}", "#section-form", $"/newsroom/sections/{section.Id}",
                new() { ["Form.Name"] = section.Name, ["Form.Parent"] = "life", ["Form.Description"] = "Now described." });
        }),
        new("newsroom: reorder a section", "POST /newsroom/sections?handler=Move", EditorsUp, async c =>
        {
            var section = await SectionAsync(c); // the newest goes last, so it can always move up
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/sections?handler=Move", new() { ["id"] = section.Id.ToString(), ["direction"] = "up" });
        }),
        new("newsroom: delete a section", "POST /newsroom/sections/{id}?handler=Delete", EditorsUp, async c =>
        {
            var section = await SectionAsync(c);
            return await FormAsync(c, $"/newsroom/sections/{section.Id}", "#delete-form", $"/newsroom/sections/{section.Id}?handler=Delete", []);
        }),
        new("newsroom: turn own review emails on or off", "POST /newsroom/account", Everyone, async c =>
        {
            var now = c.App.WithDb(db => db.Users.Single(u => u.Id == c.Me.Editor.UserId).NotifyByEmail);
            var fields = now ? new Dictionary<string, string>() : new Dictionary<string, string> { ["NotifyByEmail"] = "true" };
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/account", fields, tokenFrom: "/newsroom/account");
        }),
        new("newsroom: pin a story to the home page", "POST /newsroom/front-pages?handler=Pin", EditorsUp, async c =>
        {
            var story = await PublishedAsync(c, c.Other);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/front-pages?handler=Pin", new() { ["articleId"] = story.Id.ToString() });
        }),
        new("newsroom: reorder pinned stories", "POST /newsroom/front-pages?handler=Move", EditorsUp, async c =>
        {
            var pin = await PinAsync(c, "culture");
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/front-pages?at=culture&handler=Move", new() { ["pinId"] = pin.Id.ToString(), ["up"] = "true" });
        }),
        new("newsroom: unpin a story", "POST /newsroom/front-pages?handler=Unpin", EditorsUp, async c =>
        {
            var pin = await PinAsync(c, "culture");
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/front-pages?at=culture&handler=Unpin", new() { ["pinId"] = pin.Id.ToString() });
        }),
        new("newsroom: rename a tag", "POST /newsroom/tags/{id:int}", EditorsUp, async c =>
        {
            var tag = await TagAsync(c);
            return await FormAsync(c, $"/newsroom/tags/{tag.Id}", "#rename-form", $"/newsroom/tags/{tag.Id}", new() { ["Name"] = tag.Name + " renamed", ["Slug"] = tag.Slug + "-renamed" });
        }),
        new("newsroom: merge a tag", "POST /newsroom/tags/{id:int}?handler=Merge", EditorsUp, async c =>
        {
            var (source, target) = (await TagAsync(c), await TagAsync(c));
            return await FormAsync(c, $"/newsroom/tags/{source.Id}", "#merge-form", $"/newsroom/tags/{source.Id}?handler=Merge", new() { ["Target"] = target.Id.ToString() });
        }),
        new("newsroom: delete a tag", "POST /newsroom/tags/{id:int}?handler=Delete", EditorsUp, async c =>
        {
            var tag = await TagAsync(c);
            return await FormAsync(c, $"/newsroom/tags/{tag.Id}", "#delete-form", $"/newsroom/tags/{tag.Id}?handler=Delete", []);
        }),
        new("newsroom: create an author", "POST /newsroom/authors/{id}", EditorsUp, c => FormAsync(c, "/newsroom/authors/new", "#author-form", "/newsroom/authors/new",
            new() { ["Form.Name"] = $"Writer {Guid.NewGuid():N}" })),
        new("newsroom: edit an author", "POST /newsroom/authors/{id}", EditorsUp, async c =>
        {
            var author = await AuthorAsync(c);
            return await FormAsync(c, $"/newsroom/authors/{author.Id}", "#author-form", $"/newsroom/authors/{author.Id}", new() { ["Form.Name"] = author.Name, ["Form.Bio"] = "A new bio." });
        }),

        // The media library.
        new("newsroom: upload a picture in the library", "POST /newsroom/media?handler=Upload", Everyone, LibraryUploadAsync),
        new("newsroom: upload a picture from the story editor", "POST /newsroom/media/upload", Everyone, ScriptUploadAsync),
        new("newsroom: copy a pasted picture from another site", "POST /newsroom/media/fetch", Everyone, async c =>
        {
            var site = await Pictures.Value;
            var token = await c.Me.Newsroom.CsrfTokenAsync("/newsroom");
            return () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/newsroom/media/fetch") { Content = ApiJson.Body(new { url = site.BaseUrl + "/photos/march.jpg" }) };
                request.Headers.Add("X-CSRF-TOKEN", token);
                return c.Me.Newsroom.Http.SendAsync(request);
            };
        }),
        new("newsroom: describe own picture", "POST /newsroom/media/{id:int}", Everyone, c => DescribePictureAsync(c, own: true)),
        new("newsroom: describe others' picture", "POST /newsroom/media/{id:int}", EditorsUp, c => DescribePictureAsync(c, own: false)),
        new("newsroom: delete own unused picture", "POST /newsroom/media/{id:int}?handler=Delete", Everyone, c => DeletePictureAsync(c, own: true)),
        new("newsroom: delete others' unused picture", "POST /newsroom/media/{id:int}?handler=Delete", EditorsUp, c => DeletePictureAsync(c, own: false)),

        // People, settings, tokens.
        new("newsroom: invite someone", "POST /newsroom/people?handler=Invite", Admins, c => FormAsync(c, "/newsroom/people", "#invite-form", "/newsroom/people?handler=Invite",
            new() { ["InviteEmail"] = $"invitee-{Guid.NewGuid():N}@example.org", ["InviteRole"] = "Admin" })),
        new("newsroom: change a role", "POST /newsroom/people?handler=Role", Admins, async c =>
        {
            var id = await PersonAsync(c);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/people?handler=Role", new() { ["id"] = id.ToString(), ["role"] = "Admin" });
        }),
        new("newsroom: link an account to an author", "POST /newsroom/people?handler=Author", Admins, async c =>
        {
            var id = await PersonAsync(c);
            // A profile other than the one the person writes as now (the first), so the link is a change.
            var other = c.App.WithDb(db => db.Authors.OrderByDescending(a => a.Id).Select(a => a.Slug).First());
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/people?handler=Author", new() { ["id"] = id.ToString(), ["author"] = other });
        }),
        new("newsroom: sign someone out everywhere", "POST /newsroom/people?handler=SignOutEverywhere", Admins, async c =>
        {
            var email = await c.App.NewUserAsync(Role.Author);
            await c.App.Visitor().SignInAsync(email, MastheadAppFactory.TestPassword); // a live session to end
            var id = c.App.WithDb(db => db.Users.Single(u => u.Email == email).Id);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/people?handler=SignOutEverywhere", new() { ["id"] = id.ToString() });
        }),
        new("newsroom: deactivate someone", "POST /newsroom/people?handler=Deactivate", Admins, async c =>
        {
            var id = await PersonAsync(c);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/people?handler=Deactivate", new() { ["id"] = id.ToString() });
        }),
        new("newsroom: reactivate someone", "POST /newsroom/people?handler=Reactivate", Admins, async c =>
        {
            var id = await PersonAsync(c, deactivated: true);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/people?handler=Reactivate", new() { ["id"] = id.ToString() });
        }),
        new("newsroom: withdraw an invitation", "POST /newsroom/people?handler=Revoke", Admins, async c =>
        {
            await c.App.UseAsync<AccountLinks, string>(async l => (await l.InviteAsync($"withdrawn-{Guid.NewGuid():N}@example.org", Role.Author, Editor.System, CancellationToken.None)).Value!);
            var id = c.App.WithDb(db => db.AccountTokens.OrderByDescending(t => t.Id).First().Id);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/people?handler=Revoke", new() { ["id"] = id.ToString() });
        }),
        new("newsroom: add a newsletter", "POST /newsroom/newsletters?handler=Save", Admins, c => FormAsync(c, "/newsroom/newsletters", "#newsletter-form",
            "/newsroom/newsletters?handler=Save", new() { ["Name"] = $"Matrix {Guid.NewGuid():N}", ["SenderEmail"] = "letters@quire.example" })),
        new("newsroom: archive a newsletter", "POST /newsroom/newsletters?handler=Archive", Admins, async c =>
        {
            var id = await NewsletterAsync(c);
            return () => c.Me.Newsroom.PostWithTokenAsync($"/newsroom/newsletters?handler=Archive&id={id}", []);
        }),
        // The form asks for the opposite of the setting now, so an allowed post always changes it.
        new("newsroom: turn newsletter tracking on or off", "POST /newsroom/newsletters?handler=Tracking", Admins, c => FormAsync(c, "/newsroom/newsletters", "#tracking-form",
            "/newsroom/newsletters?handler=Tracking", new() { ["on"] = (!c.App.WithDb(db => db.Publication.Select(p => p.MailTracking).First())).ToString() })),
        new("newsroom: change the settings", "POST /newsroom/settings", Admins, c => FormAsync(c, "/newsroom/settings", "#settings-form", "/newsroom/settings",
            new() { ["Form.Name"] = "The Quire", ["Form.Language"] = "en-GB", ["Form.TimeZone"] = "Europe/London", ["Form.Tagline"] = $"Tagline {Guid.NewGuid():N}" })),
        new("newsroom: create an API token", "POST /newsroom/settings/tokens?handler=Create", Admins, c => FormAsync(c, "/newsroom/settings/tokens", "#token-form",
            "/newsroom/settings/tokens?handler=Create", new() { ["TokenName"] = "matrix script", ["TokenUser"] = c.Me.Editor.UserId.ToString() })),
        new("newsroom: revoke an API token", "POST /newsroom/settings/tokens?handler=Revoke", Admins, async c =>
        {
            var id = await PersonAsync(c);
            var email = c.App.WithDb(db => db.Users.Single(u => u.Id == id).Email);
            await c.App.UseAsync<AccountService, string>(async a => (await a.CreateTokenAsync(email, "to revoke", CancellationToken.None)).Value!);
            var token = c.App.WithDb(db => db.ApiTokens.OrderByDescending(t => t.Id).First().Id);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/settings/tokens?handler=Revoke", new() { ["id"] = token.ToString() });
        }),
        new("newsroom: create a Content API key", "POST /newsroom/settings/content-keys?handler=Create", Admins, c => FormAsync(c, "/newsroom/settings/content-keys",
            "#content-key-form", "/newsroom/settings/content-keys?handler=Create", new() { ["KeyName"] = "matrix app" })),
        new("newsroom: revoke a Content API key", "POST /newsroom/settings/content-keys?handler=Revoke", Admins, async c =>
        {
            await c.App.NewContentKeyAsync("to revoke");
            var key = c.App.WithDb(db => db.ContentApiKeys.OrderByDescending(k => k.Id).First().Id);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/settings/content-keys?handler=Revoke", new() { ["id"] = key.ToString() });
        }),
        new("newsroom: subscribe a webhook", "POST /newsroom/settings/webhooks?handler=Create", Admins, c => FormAsync(c, "/newsroom/settings/webhooks",
            "#webhook-form", "/newsroom/settings/webhooks?handler=Create", new() { ["Address"] = "https://hooks.example/matrix", ["Events"] = "article.published" })),
        new("newsroom: remove a webhook", "POST /newsroom/settings/webhooks?handler=Remove", Admins, async c =>
        {
            var id = await WebhookAsync(c);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/settings/webhooks?handler=Remove", new() { ["id"] = id.ToString() });
        }),
        new("newsroom: send a test webhook", "POST /newsroom/settings/webhooks?handler=Test", Admins, async c =>
        {
            var id = await WebhookAsync(c);
            return () => c.Me.Newsroom.PostWithTokenAsync("/newsroom/settings/webhooks?handler=Test", new() { ["id"] = id.ToString() });
        }),

        // A file that is not an export: the job fails at once, so nothing runs on in the background.
        new("newsroom: start an import", "POST /newsroom/import", Admins, async c =>
        {
            var token = await c.Me.Newsroom.CsrfTokenAsync("/newsroom");
            return () =>
            {
                var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("wordpress"), "Format" }, { new StringContent("true"), "DryRun" } };
                form.Add(new ByteArrayContent("<rss version=\"2.0\"><channel/></rss>"u8.ToArray()), "file", "matrix.xml");
                return c.Me.Newsroom.Http.PostAsync("/newsroom/import", form);
            };
        }, ChangesDatabase: false),

        new("newsroom: send a digest", "POST /newsroom/digests", EditorsUp, async c =>
        {
            var newsletter = await NewsletterAsync(c);
            var story = await PublishedAsync(c, c.Other);
            return await FormAsync(c, "/newsroom/digests", "#digest-form", "/newsroom/digests", new()
            {
                ["NewsletterId"] = newsletter.ToString(), ["Subject"] = $"Matrix digest {Guid.NewGuid():N}", ["ArticleIds"] = story.Id.ToString(), ["When"] = "now",
            });
        }),
        new("newsroom: label a member", "POST /newsroom/members/{id:int}?handler=AddLabel", EditorsUp, async c =>
        {
            var member = await MemberAsync(c.App);
            return await FormAsync(c, $"/newsroom/members/{member}", "#label-form", $"/newsroom/members/{member}?handler=AddLabel",
                new() { ["NewLabel"] = $"Matrix {Guid.NewGuid():N}"[..20] });
        }),
        new("newsroom: remove a member's label", "POST /newsroom/members/{id:int}?handler=RemoveLabel", EditorsUp, async c =>
        {
            var member = await MemberAsync(c.App);
            await c.App.UseAsync<Masthead.Core.Members.MemberLabels, Masthead.Core.Common.Result<Masthead.Core.Members.MemberLabel>>(l =>
                l.AddAsync(member, "Matrix label", Editor.System, CancellationToken.None));
            return () => c.Me.Newsroom.PostWithTokenAsync($"/newsroom/members/{member}?handler=RemoveLabel", new() { ["label"] = "Matrix label" });
        }),
        new("newsroom: import members from CSV", "POST /newsroom/members/import", EditorsUp, async c =>
        {
            var token = await c.Me.Newsroom.CsrfTokenAsync("/newsroom");
            return () =>
            {
                var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("true"), "Consent" } };
                form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"email,name\nmatrix-{Guid.NewGuid():N}@test.example,Matrix Reader\n")), "File", "members.csv");
                return c.Me.Newsroom.Http.PostAsync("/newsroom/members/import", form);
            };
        }),

        // The admin API.
        new("api: create an article", "POST /api/admin/articles", Everyone, c => Ready(Api(c, HttpMethod.Post, "/api/admin/articles",
            new { headline = $"API draft {Guid.NewGuid():N}", section = "news", bylines = new[] { "wren-ashdown" } }))),
        new("api: edit own article", "PATCH /api/admin/articles/{id:int}", Everyone, c => PatchAsync(c, own: true)),
        new("api: edit others' article", "PATCH /api/admin/articles/{id:int}", EditorsUp, c => PatchAsync(c, own: false)),
        ApiStory("duplicate own", "/duplicate", Everyone, own: true, PublishedAsync),
        ApiStory("duplicate others'", "/duplicate", EditorsUp, own: false, DraftAsync),
        ApiStory("publish own", "/publish", AuthorsUp, own: true, DraftAsync),
        ApiStory("publish others'", "/publish", EditorsUp, own: false, DraftAsync),
        new("api: schedule own", "POST /api/admin/articles/{id:int}/schedule", AuthorsUp, async c => Api(c, HttpMethod.Post,
            $"/api/admin/articles/{(await DraftAsync(c, c.Me.Editor)).Id}/schedule", new { publishAt = c.App.Clock.GetUtcNow().AddDays(2) })),
        new("api: schedule others'", "POST /api/admin/articles/{id:int}/schedule", EditorsUp, async c => Api(c, HttpMethod.Post,
            $"/api/admin/articles/{(await DraftAsync(c, c.Other)).Id}/schedule", new { publishAt = c.App.Clock.GetUtcNow().AddDays(2) })),
        ApiStory("unpublish own", "/unpublish", AuthorsUp, own: true, PublishedAsync),
        ApiStory("unpublish others'", "/unpublish", EditorsUp, own: false, PublishedAsync),
        ApiStory("submit own", "/submit", Everyone, own: true, DraftAsync),
        ApiStory("submit others'", "/submit", EditorsUp, own: false, DraftAsync),
        ApiStory("request changes", "/request-changes", EditorsUp, own: false, InReviewAsync, new { comment = "Needs a second source." }),
        ApiStory("approve", "/approve", EditorsUp, own: false, InReviewAsync, new { comment = "Good to go." }),
        ApiStory("approve pending changes", "/approve", EditorsUp, own: false, PendingInReviewAsync),
        ApiStory("discard own pending changes", "/pending", Everyone, own: true, PendingAsync, method: "DELETE"),
        ApiStory("discard others' pending changes", "/pending", EditorsUp, own: false, PendingAsync, method: "DELETE"),
        new("api: embargo own", "PUT /api/admin/articles/{id:int}/embargo", AuthorsUp, async c => Api(c, HttpMethod.Put,
            $"/api/admin/articles/{(await DraftAsync(c, c.Me.Editor)).Id}/embargo", new { until = c.App.Clock.GetUtcNow().AddDays(2) })),
        new("api: embargo others'", "PUT /api/admin/articles/{id:int}/embargo", EditorsUp, async c => Api(c, HttpMethod.Put,
            $"/api/admin/articles/{(await DraftAsync(c, c.Other)).Id}/embargo", new { until = c.App.Clock.GetUtcNow().AddDays(2) })),
        LiveForm("start on own draft", "Start", Everyone, own: true, LiveDraftOnly, "#coverage-form"),
        LiveForm("start on others' draft", "Start", EditorsUp, own: false, LiveDraftOnly, "#coverage-form"),
        LiveForm("end own", "End", AuthorsUp, own: true, LiveBlogOnly, "#coverage-form"),
        LiveForm("end others'", "End", EditorsUp, own: false, LiveBlogOnly, "#coverage-form"),
        LiveForm("post to own", "Entry", AuthorsUp, own: true, LiveBlogOnly, "#entry-form", new() { ["body"] = "The march reaches the square." }),
        LiveForm("post to others'", "Entry", EditorsUp, own: false, LiveBlogOnly, "#entry-form", new() { ["body"] = "The march reaches the square." }),
        LiveForm("change an entry on own", "Edit", AuthorsUp, own: true, LiveBlogWithEntry, ".nr-live-entry__edit", new() { ["body"] = "Corrected." }),
        LiveForm("change an entry on others'", "Edit", EditorsUp, own: false, LiveBlogWithEntry, ".nr-live-entry__edit", new() { ["body"] = "Corrected." }),
        LiveForm("delete an entry on own", "Delete", AuthorsUp, own: true, LiveBlogWithEntry, ".nr-live-entry__delete"),
        LiveForm("delete an entry on others'", "Delete", EditorsUp, own: false, LiveBlogWithEntry, ".nr-live-entry__delete"),

        // Live coverage: the story's edit rule, and on a public story also the right to publish it (entries go straight to readers).
        ApiStory("start live coverage on own draft", "/live", Everyone, own: true, DraftAsync),
        ApiStory("start live coverage on others' draft", "/live", EditorsUp, own: false, DraftAsync),
        ApiStory("start live coverage on own public story", "/live", AuthorsUp, own: true, PublishedAsync),
        ApiStory("end own live coverage", "/live/end", AuthorsUp, own: true, LiveBlogAsync),
        ApiStory("end others' live coverage", "/live/end", EditorsUp, own: false, LiveBlogAsync),
        ApiStory("post an entry to own live blog", "/entries", AuthorsUp, own: true, LiveBlogAsync, new { body = "Crowds at the gates." }),
        ApiStory("post an entry to others' live blog", "/entries", EditorsUp, own: false, LiveBlogAsync, new { body = "Crowds at the gates." }),
        ApiEntry("change an entry on own live blog", "PATCH", AuthorsUp, own: true, new { body = "Corrected figure." }),
        ApiEntry("change an entry on others' live blog", "PATCH", EditorsUp, own: false, new { keyEvent = true }),
        ApiEntry("delete an entry on own live blog", "DELETE", AuthorsUp, own: true),
        ApiEntry("delete an entry on others' live blog", "DELETE", EditorsUp, own: false),
        ApiStory("note own", "/notes", AuthorsUp, own: true, PublishedAsync, new { kind = "correction", text = "Fixed a date." }),
        ApiStory("note others'", "/notes", EditorsUp, own: false, PublishedAsync, new { kind = "update", text = "Added a reply." }),
        new("api: create a section", "POST /api/admin/sections", EditorsUp, c => Ready(Api(c, HttpMethod.Post, "/api/admin/sections",
            new { name = $"Desk {Guid.NewGuid():N}"[..13], parent = "life" }))),
        new("api: edit a section", "PATCH /api/admin/sections/{id:int}", EditorsUp, async c => Api(c, HttpMethod.Patch,
            $"/api/admin/sections/{(await SectionAsync(c)).Id}", new { description = "Described by the API." })),
        new("api: create an author", "POST /api/admin/authors", EditorsUp, c => Ready(Api(c, HttpMethod.Post, "/api/admin/authors", new { name = $"Writer {Guid.NewGuid():N}" }))),
        new("api: edit an author", "PATCH /api/admin/authors/{id:int}", EditorsUp, async c => Api(c, HttpMethod.Patch,
            $"/api/admin/authors/{(await AuthorAsync(c)).Id}", new { bio = "Written by the API." })),
        new("api: create a tag", "POST /api/admin/tags", EditorsUp, c => Ready(Api(c, HttpMethod.Post, "/api/admin/tags", new { name = $"Topic {Guid.NewGuid():N}" }))),
        new("api: edit a tag", "PATCH /api/admin/tags/{id:int}", EditorsUp, async c => Api(c, HttpMethod.Patch,
            $"/api/admin/tags/{(await TagAsync(c)).Id}", new { name = $"Renamed {Guid.NewGuid():N}" })),
        new("api: upload a picture", "POST /api/admin/media", Everyone, c => Ready(() =>
            c.Me.Api.PostAsync("/api/admin/media", MediaRequests.Form(TestImages.Jpeg(400, 300), "through-the-api.jpg")))),
        new("api: describe own picture", "PATCH /api/admin/media/{id:int}", Everyone, async c => Api(c, HttpMethod.Patch,
            $"/api/admin/media/{(await PictureAsync(c, c.Me.Editor)).Id}", new { alt = "Described through the API" })),
        new("api: describe others' picture", "PATCH /api/admin/media/{id:int}", EditorsUp, async c => Api(c, HttpMethod.Patch,
            $"/api/admin/media/{(await PictureAsync(c, c.Other)).Id}", new { alt = "Described by someone else" })),
        new("api: delete own picture", "DELETE /api/admin/media/{id:int}", Everyone, async c => Api(c, HttpMethod.Delete,
            $"/api/admin/media/{(await PictureAsync(c, c.Me.Editor)).Id}")),
        new("api: delete others' picture", "DELETE /api/admin/media/{id:int}", EditorsUp, async c => Api(c, HttpMethod.Delete,
            $"/api/admin/media/{(await PictureAsync(c, c.Other)).Id}")),
    ];

    private static async Task<Func<Task<HttpResponseMessage>>> AutosaveAsync(Ctx c, bool own)
    {
        var story = await DraftAsync(c, own ? c.Me.Editor : c.Other);
        var token = await c.Me.Newsroom.CsrfTokenAsync("/newsroom");
        var fields = new Dictionary<string, string>
        {
            ["Form.Version"] = story.Version.ToString(), ["Form.Headline"] = story.Headline + " (autosaved)", ["Form.Standfirst"] = story.Standfirst,
            ["Form.Body"] = story.BodyMarkdown, ["Form.Section"] = "culture/film-tv", ["Form.Bylines[0]"] = "wren-ashdown",
        };
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/newsroom/stories/{story.Id}?handler=Autosave") { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return c.Me.Newsroom.Http.SendAsync(request);
        };
    }

    private static async Task<Func<Task<HttpResponseMessage>>> RestoreAsync(Ctx c, bool own)
    {
        var (story, first, version) = await RevisedAsync(c, own ? c.Me.Editor : c.Other);
        var page = $"/newsroom/stories/{story.Id}/history";
        return await FormAsync(c, page, $"#revision-{first} form", $"{page}?handler=Restore",
            new() { ["revision"] = first.ToString(), ["version"] = version.ToString() });
    }

    private static async Task<Func<Task<HttpResponseMessage>>> PatchAsync(Ctx c, bool own)
    {
        var story = await DraftAsync(c, own ? c.Me.Editor : c.Other);
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/admin/articles/{story.Id}") { Content = ApiJson.Body(new { standfirst = "Patched." }) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{story.Id}-{story.Version}\"");
            return c.Me.Api.SendAsync(request);
        };
    }

    public static TheoryData<string, Role> Matrix()
    {
        var data = new TheoryData<string, Role>();
        foreach (var c in Cases) foreach (var role in Roles) data.Add(c.Name, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EveryRole_EveryAction(string name, Role role)
    {
        var action = Cases.Single(c => c.Name == name);
        var ctx = new Ctx(app, await app.ActorAsync(role), await app.OtherAsync());
        var request = await action.Prepare(ctx);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var response = await request();
        var after = await DbFingerprint.TakeAsync(app.Services);
        var status = (int)response.StatusCode;
        var location = Where(response);
        var what = $"{name} as {role}: {status} {location} {await Excerpt(response)}";

        if (action.Allowed(role))
        {
            var success = status is >= 200 and < 300 || (status == 302 && !location.StartsWith("/newsroom/forbidden", StringComparison.Ordinal)
                && !location.StartsWith("/newsroom/sign-in", StringComparison.Ordinal));
            Assert.True(success, $"expected success, got {what}");
            if (action.ChangesDatabase) Assert.True(before != after, $"allowed, but nothing was saved: {what}");
        }
        else
        {
            var refused = status == 403 || (status == 302 && location.StartsWith("/newsroom/forbidden", StringComparison.Ordinal));
            Assert.True(refused, $"expected a refusal, got {what}");
            Assert.True(before == after, $"refused, but the database changed: {what}");
        }
    }

    /// <summary>A redirect's target as a path: the cookie handler's are absolute, the pages' own are not.</summary>
    private static string Where(HttpResponseMessage response) => response.Headers.Location is not { } location ? ""
        : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static async Task<string> Excerpt(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var alert = text.IndexOf("error-summary", StringComparison.Ordinal);
        var from = alert >= 0 ? alert : 0;
        return text.Length == 0 ? "" : text.Substring(from, Math.Min(400, text.Length - from));
    }

    // ---- pages: who may open each one ----

    /// <summary>Every newsroom page, with a sample address and who may open it; {own} and {others} are stories.</summary>
    public static readonly IReadOnlyList<(string Route, string Path, Func<Role, bool> Allowed)> Pages =
    [
        ("newsroom", "/newsroom", Everyone),
        ("newsroom/stories", "/newsroom/stories", Everyone),
        ("newsroom/stories/{id}", "/newsroom/stories/new", Everyone),
        ("newsroom/stories/{id}", "/newsroom/stories/{own}", Everyone),
        ("newsroom/stories/{id}", "/newsroom/stories/{others}", EditorsUp),
        ("newsroom/stories/{id:int}/history", "/newsroom/stories/{own}/history", Everyone),
        ("newsroom/stories/{id:int}/history", "/newsroom/stories/{others}/history", EditorsUp),
        ("newsroom/stories/{id:int}/preview", "/newsroom/stories/{own}/preview", Everyone),
        ("newsroom/stories/{id:int}/preview", "/newsroom/stories/{others}/preview", EditorsUp),
        ("newsroom/stories/{id:int}/live", "/newsroom/stories/{own}/live", Everyone),
        ("newsroom/stories/{id:int}/live", "/newsroom/stories/{others}/live", EditorsUp),
        ("newsroom/sections", "/newsroom/sections", EditorsUp),
        ("newsroom/sections/{id}", "/newsroom/sections/new", EditorsUp),
        ("newsroom/sections/{id}", "/newsroom/sections/{section}", EditorsUp),
        ("newsroom/tags", "/newsroom/tags", EditorsUp),
        ("newsroom/front-pages", "/newsroom/front-pages", EditorsUp),
        ("newsroom/account", "/newsroom/account", Everyone),
        ("newsroom/front-pages", "/newsroom/front-pages?at=culture", EditorsUp),
        ("newsroom/tags/{id:int}", "/newsroom/tags/{tag}", EditorsUp),
        ("newsroom/authors", "/newsroom/authors", EditorsUp),
        ("newsroom/authors/{id}", "/newsroom/authors/new", EditorsUp),
        ("newsroom/authors/{id}", "/newsroom/authors/{author}", EditorsUp),
        ("newsroom/people", "/newsroom/people", Admins),
        ("newsroom/settings", "/newsroom/settings", Admins),
        ("newsroom/settings/tokens", "/newsroom/settings/tokens", Admins),
        ("newsroom/settings/content-keys", "/newsroom/settings/content-keys", Admins),
        ("newsroom/settings/webhooks", "/newsroom/settings/webhooks", Admins),
        ("newsroom/settings/webhooks/{id:int}", "/newsroom/settings/webhooks/{webhook}", Admins),
        ("newsroom/import", "/newsroom/import", Admins),
        ("newsroom/audit", "/newsroom/audit", EditorsUp),
        ("newsroom/newsletters", "/newsroom/newsletters", Admins),
        ("newsroom/members", "/newsroom/members", EditorsUp),
        ("newsroom/digests", "/newsroom/digests", EditorsUp),
        ("newsroom/members/{id:int}", "/newsroom/members/{member}", EditorsUp),
        ("newsroom/members/import", "/newsroom/members/import", EditorsUp),
        ("newsroom/media", "/newsroom/media", Everyone),
        ("newsroom/media/{id:int}", "/newsroom/media/{picture}", Everyone),
        ("newsroom/media/find", "/newsroom/media/find?q=matrix", Everyone),
    ];

    /// <summary>Pages anyone may open, signed in or not: signing in and the account links.</summary>
    private static readonly string[] AccountPages =
        ["newsroom/sign-in", "newsroom/sign-out", "newsroom/forgot-password", "newsroom/reset-password", "newsroom/invitation", "newsroom/forbidden"];

    private async Task<string> SamplePathAsync(string path, Actor me)
    {
        var ctx = new Ctx(app, me, await app.OtherAsync());
        if (path.Contains("{own}")) path = path.Replace("{own}", (await DraftAsync(ctx, me.Editor)).Id.ToString());
        if (path.Contains("{others}")) path = path.Replace("{others}", (await DraftAsync(ctx, ctx.Other)).Id.ToString());
        if (path.Contains("{section}")) path = path.Replace("{section}", app.WithDb(db => db.Sections.First().Id).ToString());
        if (path.Contains("{tag}")) path = path.Replace("{tag}", app.WithDb(db => db.Tags.First().Id).ToString());
        if (path.Contains("{picture}")) path = path.Replace("{picture}", (await PictureAsync(ctx, ctx.Other)).Id.ToString());
        if (path.Contains("{webhook}")) path = path.Replace("{webhook}", (await WebhookAsync(ctx)).ToString());
        if (path.Contains("{member}")) path = path.Replace("{member}", (await MemberAsync(app)).ToString());
        if (path.Contains("{author}")) path = path.Replace("{author}", app.WithDb(db => db.Authors.First().Id).ToString());
        return path;
    }

    public static TheoryData<string, Role> PageMatrix()
    {
        var data = new TheoryData<string, Role>();
        foreach (var page in Pages) foreach (var role in Roles) data.Add(page.Path, role);
        return data;
    }

    /// <summary>The newsroom's menu offers each role only pages it may open (Settings once hung on "manage people").</summary>
    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task EveryRole_EveryMenuLink_Opens(Role role)
    {
        var me = await app.ActorAsync(role);
        var document = await me.Newsroom.Http.GetPageAsync("/newsroom");
        var links = document.QuerySelectorAll("nav.nr-nav a[href^='/newsroom']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var status = (await me.Newsroom.Http.GetAsync(link)).StatusCode;
            Assert.True(status == HttpStatusCode.OK, $"{role} is offered {link} in the menu, which answers {(int)status}");
        }
    }

    public static TheoryData<Role> EveryRole() => [.. Roles];

    [Theory]
    [MemberData(nameof(PageMatrix))]
    public async Task EveryRole_EveryPage(string path, Role role)
    {
        var page = Pages.Single(p => p.Path == path);
        var me = await app.ActorAsync(role);
        var url = await SamplePathAsync(path, me);
        var response = await me.Newsroom.Http.GetAsync(url);
        var status = (int)response.StatusCode;
        var location = Where(response);
        if (page.Allowed(role)) Assert.True(status == 200, $"{url} as {role}: expected 200, got {status} {location}");
        else Assert.True(status == 403 || (status == 302 && location.StartsWith("/newsroom/forbidden", StringComparison.Ordinal)),
            $"{url} as {role}: expected a refusal, got {status} {location}");
    }

    [Fact]
    public async Task AnonymousVisitors_AreSentToSignIn_FromEveryPage_AndEveryForm_AndTheApiAnswers401()
    {
        var admin = await app.ActorAsync(Role.Admin);
        var visitor = app.Visitor();
        foreach (var (_, sample, _) in Pages)
        {
            var url = await SamplePathAsync(sample, admin);
            var response = await visitor.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/newsroom/sign-in?ReturnUrl=", StringComparison.Ordinal),
                $"GET {url} without signing in: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var before = await DbFingerprint.TakeAsync(app.Services);
        foreach (var endpoint in Cases.Select(c => c.Endpoint).Distinct())
        {
            var (method, route) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var url = route.Replace("{id:int}", "1").Replace("{id}", "1");
            var response = await visitor.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new FormUrlEncodedContent([]) });
            if (url.StartsWith("/api/", StringComparison.Ordinal))
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} without a token: {(int)response.StatusCode}");
            else
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/newsroom/sign-in", StringComparison.Ordinal),
                    $"{method} {url} without signing in: {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    /// <summary>
    /// Lists the app's own endpoints (Razor Pages handlers and minimal-API routes) and checks that every newsroom page
    /// and every state-changing one appears in this test's tables: a new endpoint must state who may use it.
    /// </summary>
    [Fact]
    public async Task EveryEndpoint_HasARowInTheMatrix()
    {
        var covered = Cases.Select(c => c.Endpoint).ToHashSet(StringComparer.Ordinal);
        var pages = Pages.Select(p => p.Route).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();

        var loader = app.Services.GetRequiredService<PageLoader>();
        var descriptors = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>();
        foreach (var descriptor in descriptors)
        {
            var route = descriptor.AttributeRouteInfo?.Template ?? "";
            if (!route.StartsWith("newsroom", StringComparison.Ordinal) || AccountPages.Contains(route)) continue;
            var compiled = await loader.LoadAsync(descriptor, EndpointMetadataCollection.Empty);
            foreach (var handler in compiled.HandlerMethods)
            {
                var verb = handler.HttpMethod.ToUpperInvariant();
                if (verb == "GET")
                {
                    if (!pages.Contains(route)) missing.Add($"GET /{route} (no row in Pages)");
                    continue;
                }
                var key = $"{verb} /{route}" + (handler.Name is { } n ? $"?handler={n}" : "");
                if (!covered.Contains(key)) missing.Add($"{key} (no row in Cases)");
            }
        }

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = (endpoint.RoutePattern.RawText ?? "").TrimEnd('/'); // a group's own route ends in "/"
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null) continue; // pages: checked above
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var isOurs = pattern.StartsWith("/api/admin", StringComparison.Ordinal) || pattern.StartsWith("/newsroom", StringComparison.Ordinal);
            if (!isOurs || methods.Count == 0) continue; // the admin API's JSON 404 for unknown routes answers every method
            foreach (var method in methods)
            {
                if (method is "GET" or "HEAD")
                {
                    if (pattern.StartsWith("/newsroom", StringComparison.Ordinal) && !pages.Contains(pattern.TrimStart('/'))) missing.Add($"GET {pattern} (no row in Pages)");
                    continue;
                }
                if (!covered.Contains($"{method} {pattern}")) missing.Add($"{method} {pattern} (no row in Cases)");
            }
        }
        Assert.True(missing.Count == 0, "Endpoints without a row in the permission matrix:\n" + string.Join("\n", missing.Distinct()));
    }
}
