using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.LiveBlogs;

namespace Masthead.Web.AdminApi;

/// <summary>/api/admin/articles/{id}/live and …/entries: running a story's live coverage.</summary>
public static class LiveBlogApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var live = api.MapGroup("/articles/{id:int}").WithTags("Live blogs");
        live.MapPost("/live", Start).WithSummary("Make the story a live blog, or resume its ended coverage.");
        live.MapPost("/live/end", End).WithSummary("End the story's live coverage; its entries stay.");
        live.MapGet("/entries", List).WithSummary("The live blog's entries, newest first.");
        live.MapPost("/entries", Post).AcceptsJson<LiveEntryRequest>()
            .WithSummary("Post an entry (Markdown body, optionally a key event). On a public story it shows to readers at once.");
        live.MapPatch("/entries/{entryId:int}", Edit).AcceptsJson<LiveEntryRequest>().WithSummary("Change an entry. Fields left out keep their value.");
        live.MapDelete("/entries/{entryId:int}", Delete).WithSummary("Remove an entry.");
    }

    private static async Task<IResult> Start(int id, HttpContext http, LiveBlogDesk desk, SaveArticle articles, CancellationToken ct) =>
        await Answer(id, await desk.StartAsync(id, http.User.ToEditor(), ct), http, articles, ct);

    private static async Task<IResult> End(int id, HttpContext http, LiveBlogDesk desk, SaveArticle articles, CancellationToken ct) =>
        await Answer(id, await desk.EndAsync(id, http.User.ToEditor(), ct), http, articles, ct);

    private static async Task<IResult> List(int id, HttpContext http, LiveBlogDesk desk, CancellationToken ct)
    {
        var result = await desk.EntriesAsync(id, http.User.ToEditor(), ct);
        return ApiResults.From(result, entries => entries.Select(LiveEntryDto.From).ToList());
    }

    private static async Task<IResult> Post(int id, HttpContext http, LiveBlogDesk desk, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<LiveEntryRequest>(http.Request);
        if (problem is not null) return problem;
        var result = await desk.PostAsync(id, body!.ToInput(), http.User.ToEditor(), ct);
        return ApiResults.From(result, LiveEntryDto.From, e => $"/api/admin/articles/{id}/entries/{e.Id}");
    }

    private static async Task<IResult> Edit(int id, int entryId, HttpContext http, LiveBlogDesk desk, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<LiveEntryRequest>(http.Request);
        if (problem is not null) return problem;
        return ApiResults.From(await desk.EditAsync(id, entryId, body!.ToInput(), http.User.ToEditor(), ct), LiveEntryDto.From);
    }

    private static async Task<IResult> Delete(int id, int entryId, HttpContext http, LiveBlogDesk desk, CancellationToken ct)
    {
        var result = await desk.DeleteAsync(id, entryId, http.User.ToEditor(), ct);
        return result.Outcome == Core.Common.Outcome.Ok ? Results.NoContent() : ApiResults.Problem(result);
    }

    // Start and end answer with the whole story, as the other workflow verbs do, with its new ETag.
    private static async Task<IResult> Answer(int id, Core.Common.Result<Article> result, HttpContext http, SaveArticle articles, CancellationToken ct)
    {
        if (result.Outcome != Core.Common.Outcome.Ok) return ApiResults.Problem(result);
        var article = await articles.LoadForEditAsync(id, ct);
        http.Response.Headers.ETag = ArticlesApi.ETagFor(article!);
        return Results.Ok(ArticleDto.From(article!));
    }
}

public sealed record LiveEntryRequest(string? Body, bool? KeyEvent)
{
    public LiveEntryInput ToInput() => new(Body, KeyEvent);
}

public sealed record LiveEntryDto(int Id, string Body, string Html, bool KeyEvent, string? Author, DateTime PublishedAt, DateTime UpdatedAt)
{
    public static LiveEntryDto From(LiveEntry e) => new(e.Id, e.BodyMarkdown, e.BodyHtml, e.IsKeyEvent, e.Author?.Slug, e.PublishedAt, e.UpdatedAt);
}
