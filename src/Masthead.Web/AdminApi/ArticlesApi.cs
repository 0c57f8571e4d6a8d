using System.Globalization;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Masthead.Web.AdminApi;

/// <summary>/api/admin/articles: create, read, update (If-Match), and the workflow verbs.</summary>
public static class ArticlesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var articles = api.MapGroup("/articles").WithTags("Articles");
        articles.MapGet("", List).WithSummary("List articles, newest first, optionally by status or section.");
        articles.MapGet("/{id:int}", Get).WithSummary("Read one article; the ETag header carries its version.");
        articles.MapPost("", Create).AcceptsJson<ArticleInput>().WithSummary("Create a draft article.");
        articles.MapPatch("/{id:int}", Update).AcceptsJson<ArticleInput>()
            .WithSummary("Change an article. Fields left out keep their value. Requires If-Match with the ETag you read. On a published, " +
                "approved or scheduled story, a change by someone who may not publish it is kept as pending changes (202, in pendingChanges) for review.");
        articles.MapDelete("/{id:int}/pending", DiscardPending).WithSummary("Throw away the story's pending changes; the live version stays.");
        articles.MapPost("/{id:int}/publish", Publish).WithSummary("Publish now.");
        articles.MapPost("/{id:int}/schedule", Schedule).AcceptsJson<ScheduleRequest>().WithSummary("Publish at a future time.");
        articles.MapPost("/{id:int}/unpublish", Unpublish).WithSummary("Take a published story down; its URL answers 410.");
        articles.MapPost("/{id:int}/duplicate", Duplicate).WithSummary("A new draft copied from the story (its open pending changes, where there are some): \"Copy of …\", at a new address.");
        articles.MapPost("/{id:int}/submit", Submit).WithSummary("Send a draft for review.");
        articles.MapPost("/{id:int}/request-changes", RequestChanges).AcceptsJson<ReviewRequest>()
            .WithSummary("Send a story in review back to its writer with a comment (editors and admins).");
        articles.MapPost("/{id:int}/approve", Approve).AcceptsJson<ReviewRequest>().WithSummary("Approve a story in review (editors and admins).");
        articles.MapPut("/{id:int}/embargo", Embargo).AcceptsJson<EmbargoRequest>()
            .WithSummary("Set (or, with null, lift) the time before which the story cannot be public.");
        articles.MapPost("/{id:int}/notes", AddNote).AcceptsJson<NoteRequest>().WithSummary("Add an update or correction note shown on the story.");
    }

    public static string ETagFor(Article a) => $"\"{a.Id}-{a.Version}\"";

    private static async Task<IResult> List(MastheadDbContext db, HttpContext http, string? status, string? section, int? page, CancellationToken ct)
    {
        ArticleStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            // The spelling the API writes ("inReview"), any case, and with "_" or "-" between words.
            var name = status.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (name.Any(char.IsDigit) || !Enum.TryParse<ArticleStatus>(name, ignoreCase: true, out var parsed))
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"\"{status}\" is not a status. Use one of: {string.Join(", ", Enum.GetNames<ArticleStatus>().Select(ArticleDto.Camel))}."],
                }, title: "The request has invalid fields", detail: "See errors for what to fix in each field.");
            wanted = parsed;
        }
        const int pageSize = 50;
        var current = Math.Max(1, page ?? 1);
        var query = db.Articles.AsNoTracking();
        // The same rule as the newsroom: people who may not edit others' stories see only their own.
        var editor = http.User.ToEditor();
        if (!Permissions.CanEditOthersArticles(editor.Role)) query = query.Where(a => a.CreatedByUserId == editor.UserId);
        if (wanted is { } s) query = query.Where(a => a.Status == s);
        if (!string.IsNullOrWhiteSpace(section)) query = query.Where(a => a.PrimarySection.Path == section.Trim('/'));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.ModifiedAt).ThenByDescending(a => a.Id)
            .Skip((current - 1) * pageSize).Take(pageSize)
            .Select(a => new { a.Id, a.Version, a.Status, a.Headline, a.Slug, a.PrimarySection.Path, a.FirstPublishedAt, a.ModifiedAt })
            .ToListAsync(ct);
        var items = rows.Select(a => new ArticleSummaryDto(a.Id, a.Version, ArticleDto.Camel(a.Status.ToString()), a.Headline, a.Slug, a.Path, a.FirstPublishedAt, a.ModifiedAt)).ToList();
        return Results.Ok(new ListResponse<ArticleSummaryDto>(items, total, current, pageSize));
    }

    private static async Task<IResult> Get(int id, SaveArticle articles, HttpContext http, CancellationToken ct)
    {
        var article = await articles.LoadForEditAsync(id, ct);
        // Someone else's story is not there for a person who may not edit it: its existence, too, can be embargoed news.
        if (article is null || !http.User.ToEditor().MayEdit(article))
            return JsonBody.Problem(StatusCodes.Status404NotFound, "Not found", $"There is no article with id {id} that you may read.");
        http.Response.Headers.ETag = ETagFor(article);
        return Results.Ok(ArticleDto.From(article));
    }

    private static async Task<IResult> Create(HttpContext http, SaveArticle articles, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<ArticleInput>(http.Request);
        if (problem is not null) return problem;
        var result = await articles.CreateAsync(input!, http.User.ToEditor(), ct);
        return ApiResults.From(result, ArticleDto.From, a => $"/api/admin/articles/{a.Id}", ETagFor, http);
    }

    private static async Task<IResult> Update(int id, HttpContext http, SaveArticle articles, CancellationToken ct)
    {
        var (version, precondition) = ReadIfMatch(http, id, required: true);
        if (precondition is not null) return precondition;
        var (input, problem) = await JsonBody.ReadAsync<ArticleInput>(http.Request);
        if (problem is not null) return problem;
        var editor = http.User.ToEditor();
        var result = await articles.UpdateAsync(id, input!, version, editor, ct);
        // Kept as pending changes: accepted, but not what the story (or its readers) show.
        if (result.Value is { } article && SaveArticle.GoesToWorkingCopy(article, editor, EditMode.Direct))
        {
            http.Response.Headers.ETag = ETagFor(article);
            return Results.Json(ArticleDto.From(article), statusCode: StatusCodes.Status202Accepted);
        }
        return ApiResults.From(result, ArticleDto.From, etag: ETagFor, http: http);
    }

    private static async Task<IResult> DiscardPending(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct) =>
        await Transition(id, http, articles, (_, editor) => workflow.DiscardPendingAsync(id, editor, ct), ct);

    private static Task<IResult> Publish(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct) =>
        Transition(id, http, articles, (version, editor) => workflow.PublishAsync(id, version, editor, ct), ct);

    private static Task<IResult> Unpublish(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct) =>
        Transition(id, http, articles, (version, editor) => workflow.UnpublishAsync(id, version, editor, ct), ct);

    private static async Task<IResult> Duplicate(int id, HttpContext http, SaveArticle articles, CancellationToken ct) =>
        ApiResults.From(await articles.DuplicateAsync(id, http.User.ToEditor(), ct), ArticleDto.From, a => $"/api/admin/articles/{a.Id}", ETagFor, http);

    private static Task<IResult> Submit(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct) =>
        Transition(id, http, articles, (version, editor) => workflow.SubmitForReviewAsync(id, version, editor, ct), ct);

    private static async Task<IResult> Schedule(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ScheduleRequest>(http.Request);
        if (problem is not null) return problem;
        return await Transition(id, http, articles, (version, editor) => workflow.ScheduleAsync(id, body!.PublishAt, version, editor, ct), ct);
    }

    private static async Task<IResult> RequestChanges(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReviewRequest>(http.Request);
        if (problem is not null) return problem;
        return await Transition(id, http, articles, (version, editor) => workflow.RequestChangesAsync(id, body!.Comment, version, editor, ct), ct);
    }

    private static async Task<IResult> Approve(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct)
    {
        // The comment is optional, and so is the body that carries it.
        string? comment = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<ReviewRequest>(http.Request);
            if (problem is not null) return problem;
            comment = body!.Comment;
        }
        return await Transition(id, http, articles, (version, editor) => workflow.ApproveAsync(id, comment, version, editor, ct), ct);
    }

    private static async Task<IResult> Embargo(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<EmbargoRequest>(http.Request);
        if (problem is not null) return problem;
        return await Transition(id, http, articles, (version, editor) => workflow.SetEmbargoAsync(id, body!.Until, version, editor, ct), ct);
    }

    private static async Task<IResult> AddNote(int id, HttpContext http, ArticleWorkflow workflow, SaveArticle articles, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<NoteRequest>(http.Request);
        if (problem is not null) return problem;
        if (body!.Kind is null) return ApiResults.Problem(Result<Article>.Invalid("kind", "Say whether the note is an \"update\" or a \"correction\"."));
        return await Transition(id, http, articles, (version, editor) => workflow.AddNoteAsync(id, body.Kind.Value, body.Text, version, editor, ct), ct);
    }

    private static async Task<IResult> Transition(int id, HttpContext http, SaveArticle articles,
        Func<int?, Core.Accounts.Editor, Task<Result<Article>>> change, CancellationToken ct)
    {
        var (version, precondition) = ReadIfMatch(http, id, required: false);
        if (precondition is not null) return precondition;
        var result = await change(version, http.User.ToEditor());
        if (result.Outcome is not (Outcome.Ok or Outcome.Created)) return ApiResults.Problem(result);
        var article = await articles.LoadForEditAsync(id, ct);
        http.Response.Headers.ETag = ETagFor(article!);
        return Results.Ok(ArticleDto.From(article!));
    }

    /// <summary>Reads the version out of If-Match ("id-version"); an edit without it could silently overwrite someone else's.</summary>
    private static (int? Version, IResult? Problem) ReadIfMatch(HttpContext http, int id, bool required)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            return required
                ? (null, JsonBody.Problem(StatusCodes.Status428PreconditionRequired, "If-Match required",
                    "Send the article's ETag in an If-Match header, so a change made since you read it is not overwritten.", RequestRefusals.IfMatchRequired))
                : (null, null);
        }
        if (!EntityTagHeaderValue.TryParse(header, out var tag))
            return (null, JsonBody.Problem(StatusCodes.Status400BadRequest, "Malformed If-Match", $"\"{header}\" is not an entity tag; send the ETag header you received, quotes included.", RequestRefusals.MalformedIfMatch));
        var parts = tag.Tag.ToString().Trim('"').Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tagId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || tagId != id)
            return (null, JsonBody.Problem(StatusCodes.Status412PreconditionFailed, "The article has changed", $"The ETag {header} does not belong to article {id}.", RequestRefusals.EtagOfAnotherArticle));
        return (version, null);
    }
}
