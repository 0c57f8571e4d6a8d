using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.TestSupport;

/// <summary>Sets up what a test needs through the app's own use cases, the way the newsroom would.</summary>
public static class AppServices
{
    public static async Task<T> UseAsync<TService, T>(this MastheadAppFactory app, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The newest user's id and email (the one a NewsroomAsAsync or NewUserAsync call just made).</summary>
    public static (int Id, string Email) NewestUser(this MastheadAppFactory app) =>
        app.WithDb(db => db.Users.OrderByDescending(u => u.Id).Select(u => new { u.Id, u.Email }).AsEnumerable().Select(u => (u.Id, u.Email)).First());

    public static Editor EditorFor(this MastheadAppFactory app, int userId) =>
        app.WithDb(db =>
        {
            var user = db.Users.Single(u => u.Id == userId);
            return new Editor(user.Id, user.Role, db.Authors.Where(a => a.Id == user.AuthorId).Select(a => a.Slug).FirstOrDefault(), user.DisplayName);
        });

    /// <summary>A draft created by <paramref name="owner"/> (the system when null), in culture/film-tv by the first demo author.</summary>
    public static Task<Article> StoryAsync(this MastheadAppFactory app, string headline, Editor? owner = null, IEnumerable<string>? tags = null,
        string body = "First paragraph.\n\nSecond paragraph.") =>
        app.UseAsync<SaveArticle, Article>(async save =>
        {
            var result = await save.CreateAsync(new ArticleInput
            {
                Headline = headline, Standfirst = "A standfirst.", Body = body, Section = "culture/film-tv",
                Bylines = ["wren-ashdown"], Tags = tags?.ToList() ?? [],
            }, owner ?? Editor.System, CancellationToken.None);
            return result.Value ?? throw new InvalidOperationException(string.Join("; ", result.Errors!.ToDictionary().SelectMany(e => e.Value)));
        });

    /// <summary>Publishes a story now, as the system (no role or gate stands in the way of a test's setup).</summary>
    public static Task<Article> PublishAsync(this MastheadAppFactory app, int id) =>
        app.UseAsync<ArticleWorkflow, Article>(async w => (await w.PublishAsync(id, null, Editor.System, CancellationToken.None)).Value!);

    public static int AuditCount(this MastheadAppFactory app) => app.WithDb(db => db.AuditEvents.Count());
}
