using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Search;
using Masthead.Tests.Support;

namespace Masthead.Tests.Search;

/// <summary>Writes and publishes stories through the app's own use cases, and searches as the public site does.</summary>
public static class SearchStories
{
    public static async Task<Article> PublishedAsync(this MastheadAppFactory app, string headline, string standfirst = "A standfirst.",
        string body = "First paragraph.", string section = "culture/film-tv", IEnumerable<string>? bylines = null, IEnumerable<string>? tags = null)
    {
        var article = await app.DraftAsync(headline, standfirst, body, section, bylines, tags);
        var published = await app.UseAsync<ArticleWorkflow, Masthead.Core.Common.Result<Article>>(w => w.PublishAsync(article.Id, null, Editor.System, CancellationToken.None));
        Assert.Equal(Masthead.Core.Common.Outcome.Ok, published.Outcome);
        return published.Value!;
    }

    public static Task<Article> DraftAsync(this MastheadAppFactory app, string headline, string standfirst = "A standfirst.",
        string body = "First paragraph.", string section = "culture/film-tv", IEnumerable<string>? bylines = null, IEnumerable<string>? tags = null) =>
        app.UseAsync<SaveArticle, Article>(async save =>
        {
            var result = await save.CreateAsync(new ArticleInput
            {
                Headline = headline, Standfirst = standfirst, Body = body, Section = section,
                Bylines = bylines?.ToList() ?? ["wren-ashdown"], Tags = tags?.ToList() ?? [],
            }, Editor.System, CancellationToken.None);
            return result.Value ?? throw new InvalidOperationException(string.Join("; ", result.Errors!.ToDictionary().SelectMany(e => e.Value)));
        });

    public static Task<StorySearchResult> SearchAsync(this MastheadAppFactory app, string query, string? section = null, string? author = null,
        string? tag = null, DateTime? from = null, DateTime? before = null, int page = 1, int pageSize = 10) =>
        app.UseAsync<StorySearch, StorySearchResult>(s => s.SearchAsync(
            new StorySearchRequest(query, section, author, tag, from, before, page, pageSize), CancellationToken.None));

    public static async Task<List<int>> IdsAsync(this MastheadAppFactory app, string query, string? section = null, string? author = null,
        string? tag = null, DateTime? from = null, DateTime? before = null) =>
        (await app.SearchAsync(query, section, author, tag, from, before, pageSize: 50)).Hits.Select(h => h.Id).ToList();
}
