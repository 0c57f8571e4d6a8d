using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Revisions;

namespace Masthead.Core.Articles;

/// <summary>What a bulk action does to each chosen story.</summary>
public enum BulkAction { Submit, Unpublish, AddTag, MoveToSection }

/// <summary>
/// One action applied to many stories, each through the same use case (and so the same permission, review and
/// working-copy rules) as when it is done to one story: a story the person may not change is reported, not changed,
/// and the others go ahead. Each story is its own transaction, so one refusal never undoes the rest.
/// </summary>
public sealed class BulkEdit(MastheadDbContext db, SaveArticle save, ArticleWorkflow workflow)
{
    /// <summary>At most this many stories at once: a newsroom page's worth, and a bound on one request's work.</summary>
    public const int MaxStories = 100;

    /// <summary>What became of one story; <paramref name="Refused"/> when the person may not do this to it.</summary>
    public sealed record Outcome(int Id, string Headline, bool Done, string? Problem, bool Refused = false);

    /// <summary>Checks the action's argument (a tag name, a section path) before any story is touched.</summary>
    public static string? Problem(BulkAction action, IReadOnlyCollection<int> ids, string? argument)
    {
        if (ids.Count == 0) return "Choose at least one story.";
        if (ids.Count > MaxStories) return $"Choose at most {MaxStories} stories at a time.";
        return action switch
        {
            BulkAction.AddTag when string.IsNullOrWhiteSpace(argument) => "Name the tag to add.",
            BulkAction.AddTag when argument!.Trim().Length > ArticleLimits.TagName => $"A tag name has at most {ArticleLimits.TagName} characters.",
            BulkAction.MoveToSection when string.IsNullOrWhiteSpace(argument) => "Choose the section to move the stories to.",
            _ => null,
        };
    }

    public async Task<IReadOnlyList<Outcome>> ApplyAsync(BulkAction action, IReadOnlyCollection<int> ids, string? argument, Editor editor, CancellationToken ct)
    {
        var outcomes = new List<Outcome>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            // A refused story must leave nothing tracked behind for the next one's save.
            db.ChangeTracker.Clear();
            var result = await ApplyOneAsync(action, id, argument?.Trim(), editor, ct);
            var refused = result.Outcome is Common.Outcome.Forbidden or Common.Outcome.NotFound;
            // A story the person may not open is named by its number only: its headline may not be theirs to read.
            var headline = refused ? $"Story {id}" : result.Value?.Headline ?? (await save.LoadForEditAsync(id, ct))?.Headline ?? $"Story {id}";
            outcomes.Add(result.Outcome is Common.Outcome.Ok or Common.Outcome.Created
                ? new Outcome(id, headline, true, null)
                : new Outcome(id, headline, false, Explain(result), refused));
        }
        return outcomes;
    }

    private async Task<Result<Article>> ApplyOneAsync(BulkAction action, int id, string? argument, Editor editor, CancellationToken ct)
    {
        switch (action)
        {
            case BulkAction.Submit: return await workflow.SubmitForReviewAsync(id, null, editor, ct);
            case BulkAction.Unpublish: return await workflow.UnpublishAsync(id, null, editor, ct);
        }
        var story = await save.LoadForEditAsync(id, ct);
        if (story is null) return Result<Article>.NotFound($"There is no story with id {id}.");
        // Changing the live story would leave its working copy with the old tags or section, to come back when the
        // copy is applied; such a story is changed by opening it.
        if (story.Pending is not null)
            return Result<Article>.Invalid("status", "It has pending changes: open it and make this change there.");
        var input = action == BulkAction.AddTag
            ? new ArticleInput { Tags = [.. ArticleSnapshot.Of(story).Tags.Append(argument!).Distinct(StringComparer.OrdinalIgnoreCase)] }
            : new ArticleInput { Section = argument };
        return await save.UpdateAsync(id, input, null, editor, ct);
    }

    private static string Explain(Result<Article> result) =>
        result.Errors is { Any: true } errors ? string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)) : result.Message ?? "It could not be changed.";
}
