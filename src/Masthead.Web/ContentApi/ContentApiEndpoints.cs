using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Masthead.Core.Common;
using Masthead.Web.Hosting;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.ContentApi;

/// <summary>
/// The read-only Content API under /api/content/v1 for front ends and apps: published content only, a key per app,
/// ETags and 304s, cursor pagination, CORS for configured origins and a rate limit per key. Its OpenAPI document
/// is /openapi/content.json and its human documentation /api/content/docs.
/// </summary>
public static class ContentApiEndpoints
{
    public const string Prefix = "/api/content/v1";
    public const string Policy = "ContentApi";
    public const string DocumentName = "content";
    private const string CorsPolicy = "content-api";

    public static WebApplicationBuilder AddContentApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ContentQueries>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ContentApiKeyHandler>(ContentApiKeyHandler.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(ContentApiKeyHandler.Scheme).RequireAuthenticatedUser());

        var origins = builder.Configuration.GetSection("Masthead:ContentApi:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (origins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins(origins.Select(o => o.TrimEnd('/')).ToArray());
            policy.WithMethods("GET", "HEAD")
                .WithHeaders(ContentApiKeyHandler.Header, "If-None-Match", "If-Modified-Since")
                .WithExposedHeaders("ETag", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));

        services.AddOutputCache(cache => cache.AddPolicy(ContentApiCachePolicy.Name, new ContentApiCachePolicy()));
        services.AddOpenApi(DocumentName, openApi =>
        {
            openApi.ShouldInclude = description => description.GroupName == DocumentName;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Masthead Content API";
                document.Info.Version = "v1";
                document.Info.Description = "Read-only published content for front ends and apps. Authenticate with a Content API key in the " +
                    "X-Api-Key header or the key query parameter. Lists are paged with an opaque cursor; every GET answers If-None-Match with 304. " +
                    "Errors are RFC 9457 problem details. Human documentation: /api/content/docs.";
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapContentApi(this WebApplication app)
    {
        app.MapGet("/api/content/docs", ContentApiDocs.Render).ExcludeFromDescription();

        var cacheEnabled = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value.PageCache.Enabled;
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(Policy)
            .RequireCors(CorsPolicy)
            .WithMetadata(new ConditionalGetMetadata())
            .WithGroupName(DocumentName)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        if (cacheEnabled) api.CacheOutput(ContentApiCachePolicy.Name);
        api.AddEndpointFilter(async (context, next) =>
        {
            // Apps may keep a copy but must revalidate it (cheaply, with If-None-Match) before use.
            context.HttpContext.Response.Headers.CacheControl = "private, no-cache";
            return await next(context);
        });

        api.MapGet("/articles", ListArticles).WithTags("Articles")
            .WithSummary("Published articles, newest first: filter by section (with or without sub-sections), author, tag and publication date; sort; choose fields and includes; page with a cursor.")
            .Produces<ContentListPage<ContentArticle>>();
        api.MapGet("/articles/{id:int}", ArticleById).WithTags("Articles").WithSummary("One published article by id.")
            .Produces<ContentEnvelope<ContentArticle>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/slug/{slug}", ArticleBySlug).WithTags("Articles").WithSummary("One published article by slug.")
            .Produces<ContentEnvelope<ContentArticle>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/{id:int}/entries", EntriesById).WithTags("Live blogs")
            .WithSummary("A live blog's entries, newest first, a page at a time (limit, cursor). 404 for a story that is not published or not a live blog.")
            .Produces<ContentListPage<ContentLiveEntry>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/slug/{slug}/entries", EntriesBySlug).WithTags("Live blogs")
            .WithSummary("A live blog's entries by the story's slug, newest first, a page at a time (limit, cursor).")
            .Produces<ContentListPage<ContentLiveEntry>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sections", Sections).WithTags("Sections").WithSummary("The section tree, top sections first with their children.")
            .Produces<ContentEnvelope<IReadOnlyList<ContentSection>>>();
        api.MapGet("/authors", Authors).WithTags("Authors").WithSummary("Every author, by name.")
            .Produces<ContentEnvelope<IReadOnlyList<ContentAuthor>>>();
        api.MapGet("/authors/{slug}", Author).WithTags("Authors").WithSummary("One author by slug.")
            .Produces<ContentEnvelope<ContentAuthor>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/tags", Tags).WithTags("Tags").WithSummary("Tags that published articles carry, with how many.")
            .Produces<ContentEnvelope<IReadOnlyList<ContentTag>>>();
        api.MapGet("/tags/{slug}", Tag).WithTags("Tags").WithSummary("One tag by slug.")
            .Produces<ContentEnvelope<ContentTag>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/pages", Pages).WithTags("Pages").WithSummary("Standalone pages (About, Corrections policy…).")
            .Produces<ContentEnvelope<IReadOnlyList<ContentPage>>>();
        api.MapGet("/pages/{slug}", PageBySlug).WithTags("Pages").WithSummary("One standalone page by slug.")
            .Produces<ContentEnvelope<ContentPage>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapContentSearch();

        // Unknown Content API routes answer in JSON, not with the public site's 404 page.
        api.Map("/{**rest}", (string rest) => Problem(StatusCodes.Status404NotFound, "Not found", $"There is no Content API endpoint at {Prefix}/{rest}. See /api/content/docs."))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ListArticles(HttpContext http, SiteContext context, ContentQueries queries, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var site = await context.GetAsync();
        var (query, errors) = ArticleListQuery.Read(http.Request.Query, site);
        if (query is null) return Invalid(errors);
        var (articles, next) = await queries.ArticlesAsync(site, query, ct);
        var cursor = next?.Encode();
        var pagination = new ContentPagination(query.Limit, cursor, cursor is null ? null : NextUrl(http, cursor));
        if (query.Shape.Fields is null) return Results.Ok(new ContentListPage<ContentArticle>(articles, pagination));
        var page = new JsonObject
        {
            ["data"] = new JsonArray(articles.Select(a => (JsonNode)Select(a, query.Shape, json.Value.SerializerOptions)).ToArray()),
            ["pagination"] = JsonSerializer.SerializeToNode(pagination, json.Value.SerializerOptions),
        };
        return Results.Json(page, json.Value.SerializerOptions);
    }

    /// <summary>The same address with the cursor replaced, so a client can follow <c>next</c> without building URLs.</summary>
    private static string NextUrl(HttpContext http, string cursor)
    {
        var parameters = http.Request.Query.Where(q => q.Key is not ("cursor" or "key"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"cursor={cursor}");
        return $"{Prefix}/articles?{string.Join('&', parameters)}";
    }

    private static Task<IResult> ArticleById(int id, HttpContext http, SiteContext context, ContentQueries queries, IOptions<JsonOptions> json, CancellationToken ct) =>
        OneArticleAsync(id, null, http, context, queries, json, ct);

    private static Task<IResult> ArticleBySlug(string slug, HttpContext http, SiteContext context, ContentQueries queries, IOptions<JsonOptions> json, CancellationToken ct) =>
        OneArticleAsync(null, slug.ToLowerInvariant(), http, context, queries, json, ct);

    private static async Task<IResult> OneArticleAsync(int? id, string? slug, HttpContext http, SiteContext context, ContentQueries queries,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        ContentQueryString.RefuseUnknown(http.Request.Query, ["fields", "include", "key"], errors);
        var shape = ArticleShape.Read(http.Request.Query, errors);
        if (errors.Any) return Invalid(errors);
        var site = await context.GetAsync();
        var article = await queries.ArticleAsync(site, id, slug, shape, ct);
        // Drafts, scheduled and withdrawn stories get the same answer as ids that never existed.
        if (article is null) return Problem(StatusCodes.Status404NotFound, "Not found", id is not null
            ? $"There is no published article with id {id}."
            : $"There is no published article with the slug \"{slug}\".");
        if (shape.Fields is null) return Results.Ok(new ContentEnvelope<ContentArticle>(article));
        return Results.Json(new JsonObject { ["data"] = Select(article, shape, json.Value.SerializerOptions) }, json.Value.SerializerOptions);
    }

    /// <summary>Keeps the fields asked for, plus the related things asked for with include=.</summary>
    private static JsonObject Select(ContentArticle article, ArticleShape shape, JsonSerializerOptions options)
    {
        var node = JsonSerializer.SerializeToNode(article, options)!.AsObject();
        foreach (var name in node.Select(p => p.Key).ToList())
            if (!shape.Fields!.Contains(name) && !shape.Includes.Contains(name)) node.Remove(name);
        return node;
    }

    private static Task<IResult> EntriesById(int id, HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct) =>
        EntriesAsync(id, null, http, context, queries, ct);

    private static Task<IResult> EntriesBySlug(string slug, HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct) =>
        EntriesAsync(null, slug.ToLowerInvariant(), http, context, queries, ct);

    private static async Task<IResult> EntriesAsync(int? id, string? slug, HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        ContentQueryString.RefuseUnknown(http.Request.Query, ["limit", "cursor", "key"], errors);
        var limit = ArticleListQuery.DefaultLimit;
        if (ContentQueryString.One(http.Request.Query, "limit", errors) is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > ArticleListQuery.MaxLimit))
            errors.Add("limit", $"limit must be a whole number from 1 to {ArticleListQuery.MaxLimit}.");
        ContentCursor? cursor = null;
        if (ContentQueryString.One(http.Request.Query, "cursor", errors) is { } cursorText)
        {
            cursor = ContentCursor.Decode(cursorText);
            if (cursor is not { Sort: ContentSort.PublishedDesc })
                errors.Add("cursor", "The cursor is not one this endpoint handed out; use pagination.nextCursor from the previous page unchanged.");
        }
        if (errors.Any) return Invalid(errors);

        var found = await queries.EntriesAsync(await context.GetAsync(), id, slug, limit, cursor, ct);
        var named = id is not null ? $"with id {id}" : $"with the slug \"{slug}\"";
        if (found is not { } page) return Problem(StatusCodes.Status404NotFound, "Not found", $"There is no published article {named}.");
        if (!page.IsLiveBlog) return Problem(StatusCodes.Status404NotFound, "Not a live blog", $"The article {named} is not a live blog, so it has no entries.");
        var next = page.Next?.Encode();
        var path = id is not null ? $"{Prefix}/articles/{id}/entries" : $"{Prefix}/articles/slug/{Uri.EscapeDataString(slug!)}/entries";
        var nextUrl = next is null ? null : $"{path}?{(http.Request.Query.ContainsKey("limit") ? $"limit={limit}&" : "")}cursor={next}";
        return Results.Ok(new ContentListPage<ContentLiveEntry>(page.Entries, new ContentPagination(limit, next, nextUrl)));
    }

    private static async Task<IResult> Sections(HttpContext http, SiteContext context, ContentQueries queries)
    {
        if (NoParameters(http) is { } problem) return problem;
        return Results.Ok(new ContentEnvelope<IReadOnlyList<ContentSection>>(queries.SectionTree(await context.GetAsync())));
    }

    private static async Task<IResult> Authors(HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct)
    {
        if (NoParameters(http) is { } problem) return problem;
        return Results.Ok(new ContentEnvelope<IReadOnlyList<ContentAuthor>>(await queries.AuthorsAsync(await context.GetAsync(), null, ct)));
    }

    private static async Task<IResult> Author(string slug, HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct)
    {
        if (NoParameters(http) is { } problem) return problem;
        var found = await queries.AuthorsAsync(await context.GetAsync(), slug.ToLowerInvariant(), ct);
        return found.Count == 0
            ? Problem(StatusCodes.Status404NotFound, "Not found", $"There is no author with the slug \"{slug}\".")
            : Results.Ok(new ContentEnvelope<ContentAuthor>(found[0]));
    }

    private static async Task<IResult> Tags(HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct)
    {
        if (NoParameters(http) is { } problem) return problem;
        return Results.Ok(new ContentEnvelope<IReadOnlyList<ContentTag>>(await queries.TagsAsync(await context.GetAsync(), null, ct)));
    }

    private static async Task<IResult> Tag(string slug, HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct)
    {
        if (NoParameters(http) is { } problem) return problem;
        var found = await queries.TagsAsync(await context.GetAsync(), slug.ToLowerInvariant(), ct);
        return found.Count == 0
            ? Problem(StatusCodes.Status404NotFound, "Not found", $"There is no tag with the slug \"{slug}\" on a published article.")
            : Results.Ok(new ContentEnvelope<ContentTag>(found[0]));
    }

    private static async Task<IResult> Pages(HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct)
    {
        if (NoParameters(http) is { } problem) return problem;
        return Results.Ok(new ContentEnvelope<IReadOnlyList<ContentPage>>(await queries.PagesAsync(await context.GetAsync(), null, ct)));
    }

    private static async Task<IResult> PageBySlug(string slug, HttpContext http, SiteContext context, ContentQueries queries, CancellationToken ct)
    {
        if (NoParameters(http) is { } problem) return problem;
        var found = await queries.PagesAsync(await context.GetAsync(), slug.ToLowerInvariant(), ct);
        return found.Count == 0
            ? Problem(StatusCodes.Status404NotFound, "Not found", $"There is no page with the slug \"{slug}\".")
            : Results.Ok(new ContentEnvelope<ContentPage>(found[0]));
    }

    private static IResult? NoParameters(HttpContext http)
    {
        var errors = new ValidationErrors();
        ContentQueryString.RefuseUnknown(http.Request.Query, ["key"], errors);
        return errors.Any ? Invalid(errors) : null;
    }

    internal static IResult Invalid(ValidationErrors errors) => Results.ValidationProblem(errors.ToDictionary(),
        title: "The request has invalid parameters", detail: "See errors for what to fix in each parameter.");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
